"""The one HTML sanitizer of the site.

Every piece of rich text (article bodies, biographies, plan introductions) goes through
``sanitize_html`` before it is stored and again when it is rendered (``|sanitized``).
The editor in the browser is not a security boundary.
"""

import html as html_lib
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings

from .text import has_control, strip_control

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "hr", "span", "picture", "source",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {
        "src",
        "alt",
        "width",
        "height",
        "srcset",
        "sizes",
        "loading",
        "decoding",
        "data-photo-id",
    },
    "source": {"srcset", "type", "sizes"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}

ALLOWED_CLASSES = {
    "figure": {"image", "table", "image-style-side", "image_resized", "infographic"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _is_own_media(url: str) -> bool:
    """Images may only come from our own media (no hot-linking, no data: URLs)."""
    url = url.strip()
    media_url = settings.MEDIA_URL
    parts = urlsplit(url)
    if parts.scheme in ("", None) and not parts.netloc:
        return url.startswith(media_url) if media_url.startswith("/") else False
    # An absolute MEDIA_URL (object storage / CDN) is ours too.
    return bool(media_url) and url.startswith(media_url) and parts.scheme in ("http", "https")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag in ("img", "source") and attribute in ("src", "srcset"):
        candidates = [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]
        if not candidates or not all(_is_own_media(c) for c in candidates):
            return None
    if tag == "img" and attribute in ("width", "height") and not value.isdigit():
        return None
    if tag == "img" and attribute == "loading" and value not in ("lazy", "eager"):
        return None
    if tag == "img" and attribute == "decoding" and value not in ("async", "sync", "auto"):
        return None
    return value


def _clean(html: str) -> str:
    return nh3.clean(
        strip_control(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sanitize_html(html: str | None) -> str:
    """Return ``html`` reduced to the allow-list fit for news.

    Control characters (text policy, ``core/text.py``) are removed from the text and from
    every attribute, URLs included, *before* the allow-list judges a URL (browsers ignore
    them in URLs: ``java\x01script:`` must not slip through as a harmless relative link).
    Character references such as ``&#11;`` become the characters themselves when parsed,
    so if the output still has any, it is cleaned once more.
    """
    if not html:
        return ""
    cleaned = _clean(html)
    if has_control(cleaned):
        cleaned = _clean(cleaned)
    return cleaned.strip()


# --- Plain text and summaries ---------------------------------------------------------------

# Elements that stand on their own: their text never runs into the text next to them.
_BLOCK_TAGS = (
    "p|h[1-6]|li|dt|dd|dl|ul|ol|td|th|tr|table|thead|tbody|tfoot|caption|figcaption|figure"
    "|blockquote|div|section|article|aside|header|footer|pre|br|hr"
)
_BLOCK_TAG_RE = re.compile(rf"<(?:/)?(?:{_BLOCK_TAGS})\b", re.IGNORECASE)


def html_to_text(html: str | None) -> str:
    """Plain text of a piece of rich text (for descriptions, checks and search): a heading,
    a list item, a table cell or a caption is separated from the text after it by a space,
    never glued to it (“参加。以赛促学 以赛促练 本次比武…”, not “…以赛促练本次比武”)."""
    if not html:
        return ""
    spaced = _BLOCK_TAG_RE.sub(lambda match: " " + match.group(0), html)
    text = nh3.clean(spaced, tags=set(), attributes={})
    return " ".join(strip_control(html_lib.unescape(text)).split())


class _BlockParser(HTMLParser):
    """Splits rich text into its blocks: ``(kind, text)`` with kind ``heading``,
    ``caption``, ``cell``, ``item`` or ``text`` (paragraphs, quotes, loose text)."""

    KINDS = {
        **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "heading"),
        **dict.fromkeys(("figcaption", "caption"), "caption"),
        **dict.fromkeys(("td", "th"), "cell"),
        **dict.fromkeys(("li", "dt", "dd"), "item"),
    }
    BLOCKS = frozenset(_BLOCK_TAGS.replace("h[1-6]", "h1|h2|h3|h4|h5|h6").split("|"))

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._buffer: list[str] = []

    def _kind(self) -> str:
        for tag in reversed(self._stack):
            if tag in self.KINDS:
                return self.KINDS[tag]
        return "text"

    def _flush(self) -> None:
        text = " ".join(strip_control("".join(self._buffer)).split())
        self._buffer = []
        if text:
            self.blocks.append((self._kind(), text))

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            if tag not in ("br", "hr"):
                self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
            if tag in self._stack:
                while self._stack.pop() != tag:
                    pass

    def handle_data(self, data):
        self._buffer.append(data)

    def close(self):
        super().close()
        self._flush()


def html_blocks(html: str | None) -> list[tuple[str, str]]:
    """The blocks of a piece of rich text, in order, as ``(kind, text)`` pairs."""
    if not html:
        return []
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


# A sentence ends at 。！？ (or … / ! / ?), with the closing quotes and brackets after it;
# a Latin full stop ends one when a space or the end follows.
_SENTENCE_RE = re.compile(r".*?(?:[。！？!?…]+[”’」』）)\]\"']*|\.(?=\s|$)|$)", re.DOTALL)
_CLAUSE_MARKS = "，、；：,;:"
_ENDS = "。！？!?….”’」』）)]\"'"


def _is_cjk(char: str) -> bool:
    """Chinese (and Japanese) characters and full-width punctuation."""
    return (
        "\u2e80" <= char <= "\u9fff"
        or "\uf900" <= char <= "\ufaff"
        or "\ufe30" <= char <= "\uffef"
        or "\U00020000" <= char <= "\U0003ffff"
    )


def _sentences(text: str) -> list[str]:
    """``text`` cut into sentences; a piece without a final mark (a list item, the end of a
    block) is a sentence too and gets 。 (or "." in Latin text)."""
    out = []
    for match in _SENTENCE_RE.finditer(text):
        sentence = match.group(0).strip()
        if not sentence:
            continue
        if sentence[-1] not in _ENDS:
            sentence += "。" if any(_is_cjk(c) for c in sentence) else "."
        out.append(sentence)
    return out


def summarize_blocks(blocks: list[tuple[str, str]], limit: int = 120) -> str:
    """A summary of at most ``limit`` characters that ends at the end of a sentence.

    Written from the running text: headings, captions and table cells are left out (they
    are not sentences of the text; a heading read into the next paragraph is what made
    “参加。以赛促学 以赛促练本次比武…”), unless there is nothing else. Only a first sentence
    longer than the limit is cut, at a comma if it can be, and then ends with “…”.
    """
    prose = [text for kind, text in blocks if kind in ("text", "item")]
    if not prose:
        prose = [text for _kind, text in blocks]
    summary = ""
    for sentence in (s for text in prose for s in _sentences(text)):
        joiner = " " if summary and not _is_cjk(summary[-1]) and not _is_cjk(sentence[0]) else ""
        if len(summary) + len(joiner) + len(sentence) > limit:
            if not summary:
                summary = _cut(sentence, limit)
            break
        summary += joiner + sentence
    return summary


def _cut(sentence: str, limit: int) -> str:
    """The first ``limit`` characters of an over-long sentence, at a clause mark if one is
    in the second half, with “…”."""
    head = sentence[:limit]
    mark = max(head.rfind(c) for c in _CLAUSE_MARKS)
    if mark >= limit // 2:
        head = head[:mark]
    return head.rstrip() + "…"


def summarize_html(html: str | None, limit: int = 120) -> str:
    """Automatic summary of rich text (an article's body): see :func:`summarize_blocks`."""
    return summarize_blocks(html_blocks(html), limit)


def summarize_text(text: str | None, limit: int = 120) -> str:
    """Automatic summary of plain text (a profile's deeds, a plan's introduction): each line
    is a block."""
    lines = [" ".join(line.split()) for line in strip_control(text or "").splitlines()]
    return summarize_blocks([("text", line) for line in lines if line], limit)
