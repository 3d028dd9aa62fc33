"""The rich-text editor as staff see it: the public page's text styles while writing, a
Chinese character count, and the editor's logo label in Chinese (issue 10)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"


def css_rules(path: Path) -> dict[str, dict[str, str]]:
    """``{selector: {property: value}}`` for the plain rules of a stylesheet, with the
    custom properties of ``:root`` substituted."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    variables = {}
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", text):
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip()] = " ".join(value.split())
        for selector in selectors.split(","):
            selector = " ".join(selector.split())
            if selector == ":root":
                variables.update(declarations)
            rules.setdefault(selector, {}).update(declarations)
    for declarations in rules.values():
        for name, value in declarations.items():
            declarations[name] = re.sub(
                r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), m.group(0)), value
            )
    return rules


@pytest.mark.parametrize("element", ["h2", "h3", "p", "blockquote", "blockquote p"])
def test_the_editor_styles_text_as_the_public_page_does(element):
    public = css_rules(STATIC / "css" / "site.css")[f".article__body {element}"]
    editor = css_rules(STATIC / "css" / "admin-editor.css")[
        f".ck.ck-editor__editable.ck-content {element}"
    ]
    assert public.items() <= editor.items(), {k: (v, editor.get(k)) for k, v in public.items()}


def test_word_count_is_ours_and_the_logo_label_is_chinese():
    config = settings.CKEDITOR_5_CONFIGS["default"]
    assert config["wordCount"] == {"displayWords": False, "displayCharacters": False}
    assert config["ui"]["poweredBy"]["label"] == "技术支持"
    script = (STATIC / "js" / "admin-editor.js").read_text(encoding="utf-8")
    assert "字数：" in script


@pytest.mark.django_db
def test_every_rich_text_field_brings_the_editor_styles_and_count(client, editor):
    client.force_login(editor)
    for url in (reverse("admin:articles_article_add"), reverse("admin:profiles_profile_add")):
        text = client.get(url).text
        assert "css/admin-editor.css" in text, url
        assert "js/admin-editor.js" in text, url
