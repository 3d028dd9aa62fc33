"""Chinese typography of the interface: full-width punctuation between Chinese characters
in every template, every message and label in the code, and every translated string
(issue 11). The rule is the proofreading check's own (proofread.mechanical)."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from proofread.mechanical import halfwidth_findings

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "core",
    "audit",
    "photos",
    "proofread",
    "articles",
    "attachments",
    "workplan",
    "profiles",
    "search",
    "nanhai",
]
TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
COMMENT_BLOCK = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
# Attributes people read or hear.
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "value", "content", "label"}


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


def _docstring_nodes(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                ids.add(id(value))
    return ids


def _python_texts(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_nodes(tree)
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                texts.append(node.value)
        elif isinstance(node, ast.JoinedStr):  # f-strings: the literal parts, joined
            texts.append(
                "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
            )
    return texts


def _po_texts(path: Path) -> list[str]:
    texts, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr "):
            current = [line[7:].strip().strip('"')]
            texts.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line.strip().strip('"'))
        else:
            current = None if not line.startswith("msgstr") else current
    return ["".join(parts) for parts in texts]


def _sources():
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt"}:
            yield path, _template_texts(path)
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, _python_texts(path)
        for path in sorted((ROOT / app).rglob("templates/**/*.html")):
            yield path, _template_texts(path)
    for path in sorted((ROOT / "locale").rglob("*.po")):
        yield path, _po_texts(path)


def _findings():
    for path, texts in _sources():
        for text in texts:
            for finding in halfwidth_findings(text):
                yield path.relative_to(ROOT), text[max(0, finding.start - 12) : finding.end + 12]


def test_interface_text_uses_full_width_punctuation_between_chinese_characters():
    found = [f"{path}: …{excerpt}…" for path, excerpt in _findings()]
    assert not found, f"{len(found)} half-width marks in Chinese text:\n" + "\n".join(found[:80])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("保存成功,请刷新。", True),
        ("状态:已发布", True),
        ("图片说明(可选)", True),
        ("保存成功，请刷新。", False),
        ("共 3 张，约 1.5 MB", False),
        ("Word (.docx)", False),
    ],
)
def test_the_rule_itself(text, bad):
    assert bool(halfwidth_findings(text)) is bad
