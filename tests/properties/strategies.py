"""What a hostile or unlucky editor types: arbitrary Unicode, control characters, line
breaks of every kind, spaces of every kind, markup, template syntax and very long strings."""

import re

from hypothesis import strategies as st

ODD_PIECES = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1c", "\x1f", "\x7f", "\x85", "\x9f",
    "\t", "\n", "\r\n", "\r", "\u2028", "\u2029",
    " ", "\u3000", "\u00a0", "\u2003", "\u200b", "\ufeff", "\u202e", "\u2066", "\ufffe", "\uffff",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "&#11;", "&#x1b;",
    "{{ request }}", "{% now 'Y' %}", "'", '"', "\\", "%s", "%(x)s", "javascript:", "]]>",
    "南海区总工会", "职工", "，。！", "🏭", "👨‍👩‍👧", "𠀀", "é", "e\u0301", "ﷺ", "Ω", "عربى", "ـ",
    "12345678901", "0757-86123456",
]  # fmt: skip

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PIECE = st.one_of(
    st.characters(exclude_categories=("Cs",)),  # any code point a form can carry
    st.sampled_from(ODD_PIECES),
    st.text(CJK, min_size=1, max_size=8),
)
SHORT = st.lists(PIECE, max_size=10).map("".join)
LONG = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["工", "a", " ", "🏭", "\u3000", "南海\n"]),
    st.integers(min_value=0, max_value=420),
)
TEXT = st.one_of(SHORT, SHORT, SHORT, LONG)
HTML = st.one_of(
    TEXT,
    TEXT.map(lambda t: f"<p>{t}</p>"),
    st.tuples(TEXT, TEXT).map(lambda p: f'<p>{p[0]}<a href="{p[1]}">链接</a></p>'),
    st.tuples(TEXT, TEXT).map(
        lambda p: f'<figure class="image"><img src="{p[0]}" alt="{p[1]}"></figure>'
    ),
    st.sampled_from(
        [
            '<a href="\x0bjavascript:alert(1)">x</a>',
            '<a href="java&#1;script:alert(1)">x</a>',
            "<svg><script>alert(1)</script></svg>",
            '<p style="x">&#27;[0m</p>',
        ]
    ),
)

HAN = re.compile(r"[\u4e00-\u9fff]")


def is_chinese(message: str) -> bool:
    return bool(HAN.search(str(message)))


# Text a careful editor types: any script, symbol, emoji or mark, but no control character,
# tab or line break. Most examples are made of this, with one field (or none) hostile, so
# both the accepted and the refused paths are exercised in every run.
CLEAN = st.one_of(
    st.text(
        st.characters(
            exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufffe\uffff"
        ),
        min_size=1,
        max_size=30,
    ),
    st.text(CJK, min_size=1, max_size=20),
)


@st.composite
def field_values(draw, names, *, hostile=TEXT, multi_line=()):
    """A value for each field: clean ones, with at most one field given hostile text."""
    target = draw(st.sampled_from([None, None, None, *names]))
    values = {}
    for name in names:
        if name == target:
            values[name] = draw(hostile)
        elif name in multi_line:
            values[name] = draw(st.lists(CLEAN, max_size=3).map("\r\n".join))
        else:
            values[name] = draw(CLEAN)
    return values
