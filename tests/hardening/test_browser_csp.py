"""In a real browser, the Content-Security-Policy blocks nothing our pages and the admin's
rich-text editor need."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import ArticleFactory, CreditFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def record_csp_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    return violations


def test_public_pages_run_under_the_policy_without_violations(page):
    article = ArticleFactory(headline="浏览器里的报道")
    CreditFactory(article=article, name="黄梦灵")
    violations = record_csp_violations(page)
    for url in ["/", "/news/", article.get_absolute_url(), "/no-such-page/"]:
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("h1")).to_have_text("找不到这个页面")
    assert violations == []


def test_ckeditor_works_in_the_admin_under_the_policy(page, editor):
    violations = record_csp_violations(page)
    login(page, editor)
    page.goto("/admin/articles/article/add/")
    editable = page.locator(".ck-editor__editable").first
    expect(editable).to_be_visible()
    editable.click()
    page.keyboard.type("内容安全策略下照常编辑。")
    page.keyboard.press("Control+B")
    page.keyboard.type("加粗")
    expect(editable.locator("strong")).to_contain_text("加粗")
    expect(page.locator("#id__revision_comment")).to_be_visible()
    assert violations == []
