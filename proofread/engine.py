"""The proofreading engine: word lists compiled into one automaton, plus mechanical checks.

Pure code: text in, hits out. It knows nothing of articles or the database; callers give it
:class:`Segment` s (a field's text, one block at a time) and the compiled :class:`Matcher`
(``proofread.lists.get_matcher()``), and get a :class:`Report`.

The word lists are matched with ahocorasick-rs (Rust's aho-corasick crate): every wrong
form and every exception phrase is one pattern of a single automaton, so a text is read
once whatever the number of entries (README, "Proofreading").
"""

from __future__ import annotations

import bisect
import difflib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick_rs

from . import mechanical

SERIOUS = "serious"
HINT = "hint"
SEVERITY_LABELS = {SERIOUS: "严重", HINT: "提示"}
KIND_LABELS = {
    "typo": "错别字",
    "norm": "规范表述",
    "banned": "禁用词",
    "hint": "提示",
    "mechanical": "格式",
}

# Latin letters are matched case-insensitively; this keeps every string's length (and so
# every position) unchanged, which str.lower() does not promise for all of Unicode.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """Lower-case for matching, keeping every position: str.lower() (fast, in C) when it
    keeps the length, which it does for Chinese text; the ASCII table otherwise."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


@dataclass(frozen=True)
class ListEntry:
    """One entry of the word lists, as the engine needs it."""

    wrong: str
    right: str = ""
    kind: str = "typo"
    severity: str = SERIOUS
    note: str = ""
    exceptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A piece of text to check: one field, or one block (paragraph) of the body.

    ``style`` tells the mechanical checks what the text is: ``"title"`` (headline, kicker,
    subheadline: spaces between phrases are the newspaper's convention), ``"text"`` (summary,
    body, captions) or ``"name"`` (credits: only the word lists apply).
    """

    field: str
    label: str
    text: str
    style: str = "text"


@dataclass(slots=True)
class Hit:
    rule: str  # "word:<wrong form>" or "mech:<check>"
    kind: str
    severity: str
    found: str
    right: str
    note: str
    field: str
    label: str
    start: int  # in the segment's text
    end: int
    sentence: str
    sentence_start: int  # where the sentence starts in the segment's text
    context: str
    waived: bool = False

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    @property
    def is_serious(self) -> bool:
        return self.severity == SERIOUS and not self.waived

    @property
    def before(self) -> str:
        return self.sentence[: self.start - self.sentence_start]

    @property
    def after(self) -> str:
        return self.sentence[self.end - self.sentence_start :]

    @property
    def suggestion(self) -> str:
        if self.right:
            return self.right
        return "删除或改写" if self.kind == "banned" else ""

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "severity": self.severity,
            "found": self.found,
            "right": self.right,
            "note": self.note,
            "field": self.field,
            "label": self.label,
            "sentence": self.sentence,
            "before": self.before,
            "after": self.after,
            "context": self.context,
            "waived": self.waived,
        }

    def describe(self) -> str:
        """One line for messages and the audit log: 标题:“总公会”→“总工会”(错别字,严重)."""
        arrow = (
            f"→“{self.right}”" if self.right else ("（不应出现）" if self.kind == "banned" else "")
        )
        return f"{self.label}：“{self.found}”{arrow}（{self.kind_label}，{self.severity_label}）"


@dataclass
class Report:
    hits: list[Hit] = field(default_factory=list)
    version: int = 0

    @property
    def serious(self) -> list[Hit]:
        return [h for h in self.hits if h.is_serious]

    @property
    def open_hits(self) -> list[Hit]:
        return [h for h in self.hits if not h.waived]

    @property
    def waived(self) -> list[Hit]:
        return [h for h in self.hits if h.waived]

    @property
    def hints(self) -> list[Hit]:
        return [h for h in self.hits if not h.waived and h.severity != SERIOUS]

    def summary(self) -> str:
        if not self.open_hits:
            return "未发现问题。"
        return f"发现 {len(self.open_hits)} 处问题（严重 {len(self.serious)} 处）。"


class Matcher:
    """The word lists compiled into one Aho-Corasick automaton (built once per list version)."""

    def __init__(self, entries: Iterable[ListEntry], version: int = 0):
        self.version = version
        self.stamp: tuple = (version, "")
        self.entries: list[ListEntry] = []
        patterns: list[str] = []
        # pattern index -> (entry index, is_exception)
        self.owners: list[tuple[int, bool]] = []
        seen: dict[str, int] = {}
        for entry in entries:
            wrong = fold(entry.wrong.strip())
            if not wrong or wrong in seen:
                continue
            index = len(self.entries)
            seen[wrong] = index
            self.entries.append(entry)
            patterns.append(wrong)
            self.owners.append((index, False))
            exceptions = {fold(e.strip()) for e in entry.exceptions if e.strip()}
            if entry.right and wrong in fold(entry.right):
                exceptions.add(fold(entry.right))  # the right form contains the wrong one
            for phrase in sorted(exceptions):
                if wrong in phrase and phrase != wrong:
                    patterns.append(phrase)
                    self.owners.append((index, True))
        self._automaton = (
            ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
            if patterns
            else None
        )

    def __len__(self):
        return len(self.entries)

    def find(self, text: str) -> list[tuple[int, int, ListEntry]]:
        """(start, end, entry) of every list hit in ``text``: a hit inside one of its entry's
        exception phrases is dropped, and a hit inside a longer hit is left to the longer."""
        if self._automaton is None or not text:
            return []
        raw = self._automaton.find_matches_as_indexes(fold(text), overlapping=True)
        if not raw:
            return []
        wrongs, allowed = [], {}
        for pattern, start, end in raw:
            entry_index, is_exception = self.owners[pattern]
            if is_exception:
                allowed.setdefault(entry_index, []).append((start, end))
            else:
                wrongs.append((start, end, entry_index))
        kept = [
            (s, e, i)
            for s, e, i in wrongs
            if not any(a <= s and e <= b for a, b in allowed.get(i, ()))
        ]
        if len(kept) > 1:
            kept.sort(key=lambda m: (m[0], -(m[1] - m[0])))
            longest = []
            for s, e, i in kept:
                if any(a <= s and e <= b and (a, b) != (s, e) for a, b, _ in longest):
                    continue
                longest.append((s, e, i))
            kept = longest
        return [(s, e, self.entries[i]) for s, e, i in kept]


# --- Sentences and context ----------------------------------------------------------------

SENTENCE_END = "\u3002\uff01\uff1f!?\uff1b;\u2026"  # 。！？!?；;…
_MAX_SIDE = 60


_SENTENCE_END_RE = re.compile(f"[{SENTENCE_END}\n]")  # a block break ends a sentence too


def sentence_ends(text: str) -> list[int]:
    """Positions just after each sentence-ending mark of ``text``."""
    return [m.end() for m in _SENTENCE_END_RE.finditer(text)]


def sentence_bounds(
    text: str, start: int, end: int, ends: list[int] | None = None
) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, at most about 60 characters either side."""
    if ends is None:
        ends = sentence_ends(text)
    i = bisect.bisect_right(ends, start) - 1
    left = ends[i] if i >= 0 else 0
    left = max(left, start - _MAX_SIDE, 0)
    j = bisect.bisect_left(ends, end + 1)
    right = ends[j] if j < len(ends) else len(text)
    right = min(right, end + _MAX_SIDE, len(text))
    return left, right


def context_of(text: str, start: int, end: int, width: int = 6) -> str:
    return text[max(0, start - width) : end + width]


def make_hit(*, segment: Segment, start: int, end: int, ends=None, **values) -> Hit:
    s_start, s_end = sentence_bounds(segment.text, start, end, ends)
    return Hit(
        field=segment.field,
        label=segment.label,
        start=start,
        end=end,
        found=segment.text[start:end],
        sentence=segment.text[s_start:s_end],
        sentence_start=s_start,
        context=context_of(segment.text, start, end),
        **values,
    )


# --- Waivers (hits an editor marked as intended) -----------------------------------------


@dataclass(frozen=True)
class WaiverKey:
    rule: str
    found: str
    sentence: str
    context: str


def similar(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def is_waived(hit: Hit, waivers: Sequence[WaiverKey]) -> bool:
    """A mark survives later edits of its sentence: same rule and word, and the same
    surroundings (a few characters either side) or a sentence still mostly the same."""
    for w in waivers:
        if w.rule != hit.rule or w.found != hit.found:
            continue
        if w.context == hit.context or w.sentence == hit.sentence:
            return True
        if similar(w.sentence, hit.sentence) >= 0.6:
            return True
    return False


# --- The check ------------------------------------------------------------------------------


def check(
    segments: Iterable[Segment],
    matcher: Matcher | None,
    *,
    waivers: Sequence[WaiverKey] = (),
    mechanical_checks: bool = True,
) -> Report:
    segments = list(segments)
    report = Report(version=matcher.version if matcher is not None else 0)
    hits = report.hits
    for index, segment in enumerate(segments):
        text = segment.text
        if not text:
            continue
        ends = None
        if matcher is not None:
            found = matcher.find(text)
            if found:
                ends = sentence_ends(text)
            for start, end, entry in found:
                hits.append(
                    make_hit(
                        segment=segment,
                        start=start,
                        end=end,
                        ends=ends,
                        rule=f"word:{entry.wrong}",
                        kind=entry.kind,
                        severity=entry.severity,
                        right=entry.right,
                        note=entry.note,
                    )
                )
        if mechanical_checks and segment.style != "name":
            following = segments[index + 1].text if index + 1 < len(segments) else ""
            same_field_next = (
                following
                if index + 1 < len(segments) and segments[index + 1].field == segment.field
                else ""
            )
            findings = mechanical.check_text(text, style=segment.style, next_block=same_field_next)
            if findings and ends is None:
                ends = sentence_ends(text)
            for finding in findings:
                hits.append(
                    make_hit(
                        segment=segment,
                        start=finding.start,
                        end=finding.end,
                        ends=ends,
                        rule=f"mech:{finding.code}",
                        kind="mechanical",
                        severity=HINT,
                        right=finding.suggestion,
                        note=finding.message,
                    )
                )
    if waivers:
        for hit in hits:
            hit.waived = is_waived(hit, waivers)
    return report


# --- Text out of stored HTML ----------------------------------------------------------------

_BLOCK_TAGS = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|thead|tbody|tfoot|tr|td|th"
    r"|caption|div|section|br|hr|picture|pre)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_blocks(value: str) -> list[str]:
    """The text of each block (paragraph, heading, list item, caption, cell) of stored HTML.

    Inline tags are removed without a gap, so a word split by <strong> is still one word;
    block tags end a block. Stored HTML is already sanitized (``core.html``), so a regular
    expression is enough here, and several times faster than a parser over 100,000 bodies.
    """
    return [text for text, _ in _blocks(value)]


# Headings and figure captions (which end with the credit, 珠江时报记者 穆纪武 摄) are checked
# as titles: spaces there are the newspaper's convention.
_HEADING_OPEN = re.compile(r"<(?:h[1-6]|figcaption)\b", re.IGNORECASE)


def _blocks(value: str) -> list[tuple[str, bool]]:
    if not value:
        return []
    if "<" not in value and "&" not in value:
        return [(b.strip(), False) for b in value.split("\n") if b.strip()]
    out = []
    position = 0
    heading = False
    for match in _BLOCK_TAGS.finditer(value):
        _add_block(out, value[position : match.start()], heading)
        tag = match.group()
        heading = bool(_HEADING_OPEN.match(tag))
        position = match.end()
    _add_block(out, value[position:], heading)
    return out


def _add_block(out: list, chunk: str, heading: bool) -> None:
    if not chunk.strip():
        return
    text = _SPACES.sub(" ", html.unescape(_ANY_TAG.sub("", chunk))).strip()
    if text:
        out.append((text, heading))


def looks_like_title(text: str) -> bool:
    """A short line with no sentence punctuation: a subheading or a byline, where spaces
    between phrases are the newspaper's convention."""
    return len(text) <= 40 and not any(ch in text for ch in SENTENCE_END + ",\uff0c")


def html_text(value: str) -> str:
    """All the text of stored HTML, one block per line: the fast path for the word lists
    alone (the site-wide check), where blocks need not be checked one by one."""
    if not value:
        return ""
    text = _BLOCK_TAGS.sub("\n", value)
    if "<" in text:
        text = _ANY_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text)


def html_segments(field: str, label: str, value: str) -> list[Segment]:
    """Segments of a rich-text field, one per block; headings are checked as titles."""
    return [
        Segment(
            field=field,
            label=label,
            text=text,
            style="title" if heading or looks_like_title(text) else "text",
        )
        for text, heading in _blocks(value)
    ]
