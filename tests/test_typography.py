"""Chinese typography of the interface: full-width punctuation between Chinese characters
in every template, every message and label in the code, and every translated string
(issue 11). The rule is the proofreading check's own (proofread.mechanical), plus a
half-width mark right before Chinese text whatever stands before it ("1.5 MB,超过上限")."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from proofread.mechanical import halfwidth_findings

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "core", "audit", "photos", "proofread", "articles", "attachments",
    "workplan", "profiles", "search", "nanhai",
]  # fmt: skip
# Demo modules carry content (the seed page's own text, as published), and the
# proofreading checks' patterns and examples are not interface text.
NOT_INTERFACE = {"demo.py", "mechanical.py"}
TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
COMMENT_BLOCK = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
# Attributes people read or hear.
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "value", "content", "label"}
TAG = re.compile(r"<[^>]*>")
REGEX_LIKE = re.compile(r"\(\?|\[\^|\\[dswbpu]|\]\+|\]\*")
CHINESE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
BEFORE_CHINESE = re.compile(rf"[,;:?!](?=[{CHINESE}“‘《（])")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in VISIBLE_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _template_texts(path: Path) -> list[str]:
    source = COMMENT_BLOCK.sub(" ", path.read_text(encoding="utf-8"))
    parser = _Text()
    parser.feed(TEMPLATE_SYNTAX.sub("", source))
    # Strings inside template tags too ({% trans "…" %}, filters' arguments).
    literals = re.findall(r'\{[%{][^%}]*?"([^"]*)"', source)
    return parser.parts + literals


def _developer_strings(tree) -> set[int]:
    """Docstrings, and strings standing alone as statements (attribute docs): English
    prose for developers, not interface text."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _as_read(text: str) -> str:
    """A message as people read it: markup (format_html strings) reads as text."""
    return TAG.sub(" ", text) if "<" in text and ">" in text else text


def _python_texts(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _developer_strings(tree)
    skip |= {
        id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
    }
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            texts.append(node.value)
        elif isinstance(node, ast.JoinedStr):  # f-strings: the literal parts, X for each value
            parts = (v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
            texts.append("".join(parts))
    return [_as_read(t) for t in texts if not REGEX_LIKE.search(t)]


def _po_texts(path: Path) -> list[str]:
    texts, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr "):
            current = [line[7:].strip().strip('"')]
            texts.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line.strip().strip('"'))
        else:
            current = None
    return ["".join(parts) for parts in texts]


def _sources():
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt"}:
            yield path, _template_texts(path)
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and path.name not in NOT_INTERFACE:
                yield path, _python_texts(path)
    for path in sorted((ROOT / "locale").rglob("*.po")):
        yield path, _po_texts(path)


def _marks(text: str) -> list[int]:
    return sorted(
        {f.start for f in halfwidth_findings(text)}
        | {m.start() for m in BEFORE_CHINESE.finditer(text)}
    )


def _findings():
    for path, texts in _sources():
        for text in texts:
            for start in _marks(text):
                yield path.relative_to(ROOT), text[max(0, start - 12) : start + 12]


def test_interface_text_uses_full_width_punctuation_between_chinese_characters():
    found = [f"{path}: …{excerpt}…" for path, excerpt in _findings()]
    assert not found, f"{len(found)} half-width marks in Chinese text:\n" + "\n".join(found[:80])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("保存成功,请刷新。", True),
        ("状态:已发布", True),
        ("图片说明(可选)", True),
        ("约 1.5 MB,超过上限", True),
        ("某,请重试", True),
        ("保存成功，请刷新。", False),
        ("共 3 张，约 1.5 MB", False),
        ("Word (.docx)", False),
        ("1,000 人", False),
    ],
)
def test_the_rule_itself(text, bad):
    assert bool(_marks(text)) is bad
