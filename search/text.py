"""Turning Chinese (and Latin) text into search tokens, queries and snippets.

Chinese has no spaces and PostgreSQL has no Chinese parser here, so text is indexed as
overlapping character bigrams: 南海区总工会 → 南海 海区 区总 总工 工会 (+ the run's last
character alone, 会, so that a one-character query can find it by prefix). Runs of Latin
letters and digits become one lowercase token each (2020, abc). Every token gets a position,
and a query word becomes a phrase of its bigrams (职工 <-> 工服 <-> 服务), so it matches exactly
where the characters stand next to each other, wherever that is in a word.

The tsvector is written as a literal (``'职工':1A '工服':2A``) built here, not by
``to_tsvector``, so it does not depend on the server's parser or locale.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
TOKEN_RE = re.compile(rf"([{CJK}]+)|([a-z0-9]+)")
# A query is split into words on anything that is not a letter, digit or CJK character.
WORD_SPLIT_RE = re.compile(rf"[^{CJK}a-z0-9]+")

MAX_POSITION = 16383  # PostgreSQL's limit for a position in a tsvector
MAX_POSITIONS_PER_LEXEME = 255  # PostgreSQL keeps at most 256 positions per lexeme
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8


def normalize(text: str) -> str:
    """Full-width letters and digits to ASCII, lowercase (ＡＢＣ２０２０ → abc2020)."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokenize(text: str, start: int = 1) -> tuple[list[tuple[str, int]], int]:
    """Tokens of ``text`` with positions from ``start``; returns them and the next free position.

    Tokens that stand next to each other in the text get consecutive positions; anything
    in between (punctuation, spaces) leaves a gap, so a phrase never spans it.
    """
    tokens: list[tuple[str, int]] = []
    pos = start
    prev_end = None
    for match in TOKEN_RE.finditer(normalize(text)):
        if prev_end is not None and match.start() != prev_end:
            pos += 1  # a gap: whatever separated the two runs
        prev_end = match.end()
        run = match.group(1)
        if run is None:
            tokens.append((match.group(2), pos))
            pos += 1
            continue
        for i in range(len(run) - 1):
            tokens.append((run[i : i + 2], pos))
            pos += 1
        tokens.append((run[-1], pos))  # the run's last character, for one-character queries
        pos += 1
    return tokens, pos


def _quote(lexeme: str) -> str:
    # Lexemes hold only CJK characters, a-z and 0-9, but quote them anyway.
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(*parts: tuple[str, str]) -> str:
    """A tsvector literal from ``(text, weight)`` parts, e.g. ``(title, "A"), (body, "D")``.

    Each part starts after a gap, so a phrase never runs from the title into the body.
    (The same tokens as ``tokenize``, inlined: this runs for every document of a rebuild.)
    """
    positions: dict[str, list[str]] = {}
    pos = 1
    finditer = TOKEN_RE.finditer
    for text, weight in parts:
        label = "" if weight == "D" else weight
        prev_end = None
        for match in finditer(normalize(text)):
            if prev_end is not None and match.start() != prev_end:
                pos += 1
            prev_end = match.end()
            if pos > MAX_POSITION:
                break
            run = match.group(1)
            if run is None:
                lexemes = [match.group(2)]
            else:
                lexemes = [run[i : i + 2] for i in range(len(run) - 1)]
                lexemes.append(run[-1])
            for lexeme in lexemes:
                if pos > MAX_POSITION:
                    break
                entry = positions.get(lexeme)
                if entry is None:
                    positions[lexeme] = [f"{pos}{label}"]
                elif len(entry) < MAX_POSITIONS_PER_LEXEME:
                    entry.append(f"{pos}{label}")
                pos += 1
        pos += 1  # a gap between the parts
    # Lexemes hold only CJK characters, a-z and 0-9: nothing in them needs escaping.
    return " ".join(f"'{lexeme}':{','.join(entry)}" for lexeme, entry in positions.items())


@dataclass(frozen=True)
class Query:
    """A reader's query, cleaned: the words (all must match) and what to tell the reader."""

    text: str  # what the reader typed, trimmed and cut to MAX_QUERY_LENGTH
    words: tuple[str, ...]  # normalized words, each with at least one token

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def single_character(self) -> bool:
        """Only one-character Chinese words: too broad to be useful alone."""
        return bool(self.words) and all(
            len(w) == 1 and TOKEN_RE.fullmatch(w) and not w.isascii() for w in self.words
        )

    def tsquery(self) -> str:
        """The PostgreSQL tsquery (to be cast with ``::tsquery``): every word must match."""
        return " & ".join(f"({word_tsquery(word)})" for word in self.words)


def parse_query(raw: str | None) -> Query:
    text = " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
    words = []
    for word in WORD_SPLIT_RE.split(normalize(text)):
        if word and word not in words:
            words.append(word)
    return Query(text=text, words=tuple(words[:MAX_QUERY_WORDS]))


def word_tsquery(word: str) -> str:
    """One word (CJK characters, letters, digits with no separator) as a tsquery phrase.

    A CJK run becomes its bigrams; if the run ends where a Latin token follows, the
    run's last character (indexed alone at the end of every run) ties the two together.
    A lone character at the word's edge matches by prefix (会 finds 会议 and …工会).
    A Latin token at the end of the word matches by prefix too (abc finds abcd).
    """
    parts: list[str] = []
    runs = list(TOKEN_RE.finditer(word))
    for index, match in enumerate(runs):
        last = index == len(runs) - 1
        run = match.group(1)
        if run is None:
            parts.append(_quote(match.group(2)) + (":*" if last else ""))
            continue
        parts.extend(_quote(run[i : i + 2]) for i in range(len(run) - 1))
        if not last:
            parts.append(_quote(run[-1]))
        elif len(run) == 1:
            parts.append(_quote(run) + ":*")
    return " <-> ".join(parts)


def snippet(text: str, words: tuple[str, ...], length: int = 120) -> str:
    """HTML: a stretch of ``text`` around the first hit, hits wrapped in <mark>, all escaped.

    Built from the stored plain text; every piece of it is escaped before it is joined.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    pattern = _words_pattern(words)
    first = pattern.search(text) if pattern else None
    if first is None:
        start = 0
    else:
        start = max(0, first.start() - length // 4)
    end = min(len(text), start + length)
    piece = text[start:end]
    out = ["…" if start > 0 else ""]
    out.append(highlight(piece, words))
    out.append("…" if end < len(text) else "")
    return "".join(out)


def highlight(text: str, words: tuple[str, ...]) -> str:
    """HTML: ``text`` escaped, with every hit of ``words`` wrapped in <mark>."""
    pattern = _words_pattern(words)
    if not pattern:
        return html.escape(text)
    out = []
    last = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _words_pattern(words: tuple[str, ...]):
    words = [w for w in words if w]
    if not words:
        return None
    alternatives = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in alternatives), re.IGNORECASE)
