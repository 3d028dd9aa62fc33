"""The site's text policy, in one place (README, "Text policy").

- **Control characters**: C0 (U+0000–U+001F) other than tab and line breaks, DEL, C1
  (U+0080–U+009F), the non-characters U+FFFE/U+FFFF and lone surrogates have no business in
  what editors write; they arrive with text pasted from Word or a terminal and break XML
  (RSS, sitemaps), PostgreSQL (NUL) and image drawing. Plain-text fields refuse them with a
  Chinese message; rich text and every URL attribute lose them in the sanitizer.
- **Line breaks**: single-line fields (headlines, names, captions…) refuse them, and tabs too;
  multi-line plain text keeps line breaks (normalized to ``\\n``) and tabs.
- **Only spaces**: a value made only of spaces (any Unicode space, the ideographic U+3000
  included) is refused rather than silently stored empty. Leading and trailing spaces are
  removed, as Django's form fields always do.

Renderers that can fail on odd text (XML feeds and sitemaps, the work plans' share card)
also filter on output with :func:`xml_safe` / :func:`one_line`, for rows written before the
policy.
"""

import re
import unicodedata

# Everything refused in any plain text: C0 except tab/LF/CR, DEL, C1, non-characters,
# surrogates. (Tab, LF and CR are dealt with per field kind.)
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
CONTROL_RE = re.compile(f"[{_CONTROL}]")
# Line separators besides CR/LF that text layout treats as a new line.
LINE_BREAK_RE = re.compile("\r\n|[\r\n\u2028\u2029]")
# What a single line may not contain: the above, tabs and every line break.
NOT_ONE_LINE_RE = re.compile(f"[{_CONTROL}\t\r\n\u2028\u2029]")


def has_control(text: str) -> bool:
    return bool(CONTROL_RE.search(text or ""))


def strip_control(text: str) -> str:
    """``text`` without control characters (tabs and line breaks are kept)."""
    return CONTROL_RE.sub("", text or "")


def one_line(text: str) -> str:
    """``text`` on one line: control characters removed, line breaks and tabs become a space."""
    text = LINE_BREAK_RE.sub(" ", strip_control(text)).replace("\t", " ")
    return text


def xml_safe(text):
    """``text`` without the characters XML 1.0 cannot carry (for feeds and sitemaps)."""
    if not isinstance(text, str):
        return text
    return strip_control(text)


def describe(char: str) -> str:
    """How to name a refused character to an editor: ``U+000B``."""
    return f"U+{ord(char):04X}"


def is_blank(text: str) -> bool:
    """True for a value made only of spaces or invisible format characters (U+3000, NBSP,
    zero-width space, BOM…): it looks empty to whoever typed it."""
    return all(char.isspace() or unicodedata.category(char) in ("Cf", "Zs") for char in text)
