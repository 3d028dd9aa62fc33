"""On a 390 px phone without JavaScript: a reporter imports a Word manuscript, sees the hits
of the automatic check, and uses the 校对 button; the import page and the panel pass axe."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from proofread import lists
from proofread.models import Entry
from tests.browser.conftest import (  # noqa: F401  (the shared Playwright fixtures)
    axe,
    browser,
    describe_violations,
    login,
)
from tests.browser.conftest import new_page as new_page  # noqa: F401
from tests.factories import SectionFactory

from . import docx_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Django's own admin chrome (header, breadcrumbs, sidebar) is not ours to fix here.
ADMIN_CHROME = (".breadcrumbs", "#header", "#nav-sidebar", "#toggle-nav-sidebar", "#user-tools")


def ours(violations):
    return [
        v
        for v in violations
        if not all(str(n.get("target", [""])[0]).startswith(ADMIN_CHROME) for n in v["nodes"])
    ]


PHONE = {"viewport": {"width": 390, "height": 844}, "java_script_enabled": False}


def test_a_reporter_on_a_phone_imports_and_proofreads_without_javascript(
    new_page, reporter, tmp_path
):
    # Transactional browser tests may run after others emptied the seeded lists.
    Entry.objects.update_or_create(wrong="总公会", defaults={"right": "总工会", "kind": "norm"})
    Entry.objects.update_or_create(wrong="再接再励", defaults={"right": "再接再厉"})
    lists.bump_version()
    lists.forget()
    SectionFactory(name="基层动态")
    manuscript = tmp_path / "稿件.docx"
    manuscript.write_bytes(docx_files.manuscript())

    page = new_page(**PHONE)
    login(page, reporter)
    page.goto("/admin/articles/article/add/")
    with page.expect_navigation():
        page.get_by_role("link", name="从 Word 导入").click()
    page.set_input_files("#id_docx", str(manuscript))
    page.select_option("#id_section", label="基层动态")
    with page.expect_navigation():
        page.get_by_role("button", name="导入").click()

    article = Article.objects.get()
    assert article.author == reporter
    panel = page.locator("#proofread")
    expect(panel).to_contain_text("严重")
    expect(panel.locator("mark").first).to_have_text(re.compile("总公会"))
    change_url = page.url.split("#")[0]

    page.fill("#id_headline", "号召职工再接再励")
    with page.expect_navigation():
        page.get_by_role("button", name="校对").click()
    expect(page.locator("#proofread")).to_contain_text("尚未保存")
    expect(page.locator("#proofread")).to_contain_text("错别字 · 标题")
    article.refresh_from_db()
    assert article.headline == "精准实干 为南海高质量发展凝心聚力"  # 校对 saved nothing

    # axe needs JavaScript: the same pages, same phone size, in a second profile.
    checker = new_page(viewport=PHONE["viewport"])
    login(checker, reporter)
    checker.goto("/admin/articles/article/import-word/")
    mine = ours(axe(checker))
    assert mine == [], describe_violations(mine)
    checker.goto(change_url)
    mine = [v for v in axe(checker) if any("proofread" in str(n.get("target")) for n in v["nodes"])]
    assert mine == [], describe_violations(mine)
    assert checker.evaluate("document.documentElement.scrollWidth") <= 390 + 1
