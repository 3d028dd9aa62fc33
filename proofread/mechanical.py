"""Mechanical checks that need no word list: punctuation, doubled characters, brackets,
spaces inside Chinese text, digits. Every finding is a hint (提示); none blocks publishing.

Each check is written to stay quiet on correct text: the doubled characters it reports
are the function words that are almost always a slip, with the words and phrases where the
same two characters are right (不了了之, 为了了解, 目的的, 实实在在, 参与与否 …) left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = f"[{CJK}]"


@dataclass(frozen=True)
class Finding:
    code: str
    start: int
    end: int
    suggestion: str
    message: str


FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}

_HALF_PUNCT = re.compile(rf"(?<=[{CJK}”’）》】])[,;:?!](?![0-9A-Za-z])|(?<={_CJK})\.(?={_CJK}|$)")
_HALF_ELLIPSIS = re.compile(rf"(?<={_CJK})\.{{3,}}")
_HALF_PARENS = re.compile(rf"\(([^()]*{_CJK}[^()]*)\)")
_HALF_QUOTES = re.compile(rf'"([^"]*{_CJK}[^"]*)"')

# Doubled characters that are almost always a slip, each with the places where the two
# characters are right: the end of one word and the start of the next.
_DOUBLED = [
    ("的", re.compile(r"(?<![目标])的的(?!确确)")),
    ("了", re.compile(r"(?<!不)(?<!小时)了了(?![解结却断如无然事得之])")),
    ("在", re.compile(r"(?<![实自现存所内外好正潜健都还也])在在(?![皆处线])")),
    ("和", re.compile(r"(?<![总调温平柔缓讲饱暖人共祥随谦中融亲附应])和和(?![美气睦顺])")),
    ("与", re.compile(r"(?<![参给赋授])与与")),
    ("及", re.compile(r"(?<![以涉普波危触论顾企提来])及及(?!时)")),
]
_DOUBLED_PUNCT = re.compile(r"[，。、；：][，。、；：]+")

PAIRS = {"《": "》", "〈": "〉", "“": "”", "‘": "’", "（": "）", "【": "】", "「": "」", "『": "』"}
CLOSERS = {v: k for k, v in PAIRS.items()}
_BRACKETS = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")
# Inside these a space is part of a title or a slogan (“守底线 强担当 提效能”).
_QUOTED = {"《": "》", "“": "”", "「": "」", "『": "』"}
_SPACE_IN_WORD = re.compile(rf"(?<={_CJK})[ \u3000\u00a0]+(?={_CJK})")
_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,．，]*")
_HALF_DIGITS = set("0123456789")
_FULL_DIGITS = set("０１２３４５６７８９")
_TO_HALF = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def halfwidth_findings(text: str) -> list[Finding]:
    """Half-width punctuation in Chinese text (also what the interface's own text is held
    to: tests/test_typography.py)."""
    return _halfwidth(text)


def _halfwidth(text: str) -> list[Finding]:
    out = []
    message = "中文里应使用全角标点。"
    for m in _HALF_PARENS.finditer(text):
        out.append(Finding("halfwidth", m.start(), m.end(), f"（{m.group(1)}）", message))
    for m in _HALF_QUOTES.finditer(text):
        out.append(Finding("halfwidth", m.start(), m.end(), f"“{m.group(1)}”", message))
    for m in _HALF_ELLIPSIS.finditer(text):
        out.append(Finding("halfwidth", m.start(), m.end(), "……", message))
    spans = [(f.start, f.end) for f in out]  # parens, quotes, ellipses found above
    for m in _HALF_PUNCT.finditer(text):
        if spans and any(a <= m.start() < b for a, b in spans):
            continue
        if m.group() == "." and _HALF_ELLIPSIS.match(text, m.start() - 2 if m.start() >= 2 else 0):
            continue
        out.append(Finding("halfwidth", m.start(), m.end(), FULL_WIDTH[m.group()], message))
    return out


def _doubled(text: str) -> list[Finding]:
    out = []
    for char, pattern in _DOUBLED:
        if char * 2 not in text:
            continue
        for m in pattern.finditer(text):
            out.append(
                Finding(
                    "doubled",
                    m.start(),
                    m.end(),
                    char,
                    f"“{char}{char}”多为误打了一个字，请检查。",
                )
            )
    for m in _DOUBLED_PUNCT.finditer(text):
        out.append(
            Finding("doubled_punct", m.start(), m.end(), m.group()[-1], "标点重复，请保留一个。")
        )
    return out


def _unbalanced(text: str, next_block: str) -> list[Finding]:
    stack: list[tuple[str, int]] = []
    out = []
    for match in _BRACKETS.finditer(text):  # only the brackets, not every character
        i, ch = match.start(), match.group()
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            if (
                ch == "’"
                and 0 < i < len(text) - 1
                and text[i - 1].isascii()
                and text[i + 1].isascii()
            ):
                continue  # an English apostrophe (it’s)
            opener = CLOSERS[ch]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                # Close the matching opener; whatever was opened after it is unclosed.
                while stack[-1][0] != opener:
                    o, pos = stack.pop()
                    out.append(_unclosed(o, pos))
                stack.pop()
            else:
                out.append(
                    Finding(
                        "unbalanced", i, i + 1, f"{opener}{ch}", f"“{ch}”前面缺少对应的“{opener}”。"
                    )
                )
    for opener, pos in stack:
        # A quotation over several paragraphs opens each paragraph and closes only the last.
        if opener in "“‘" and next_block.startswith(opener):
            continue
        out.append(_unclosed(opener, pos))
    return out


def _unclosed(opener: str, pos: int) -> Finding:
    closer = PAIRS[opener]
    return Finding(
        "unbalanced", pos, pos + 1, f"{opener}{closer}", f"“{opener}”后面缺少对应的“{closer}”。"
    )


def _quoted_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    depth: list[str] = []
    for i, ch in enumerate(text):
        if ch in _QUOTED:
            depth.append(ch)
        elif depth and ch == _QUOTED[depth[-1]]:
            depth.pop()
        mask[i] = bool(depth)
    return mask


def _spaces(text: str) -> list[Finding]:
    matches = list(_SPACE_IN_WORD.finditer(text))
    if not matches:
        return []
    mask = _quoted_mask(text)
    return [
        Finding(
            "space",
            m.start(),
            m.end(),
            "删去空格",
            "中文词语之间一般不加空格（标题、书名、口号除外）。",
        )
        for m in matches
        if not mask[m.start()]
    ]


def _digits(text: str) -> list[Finding]:
    out = []
    for m in _NUMBER.finditer(text):
        chars = set(m.group())
        if chars & _HALF_DIGITS and chars & _FULL_DIGITS:
            out.append(
                Finding(
                    "digits",
                    m.start(),
                    m.end(),
                    m.group().translate(_TO_HALF),
                    "同一个数字里混用了全角和半角数字。",
                )
            )
    return out


def check_text(text: str, *, style: str = "text", next_block: str = "") -> list[Finding]:
    """All mechanical findings in one block of text, in order of position."""
    findings = _halfwidth(text) + _doubled(text) + _unbalanced(text, next_block) + _digits(text)
    if style == "text":
        findings += _spaces(text)
    findings.sort(key=lambda f: (f.start, f.end))
    return findings
