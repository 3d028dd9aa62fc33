"""In a real browser: the Content-Security-Policy blocks nothing our pages and the admin's
rich-text editor need; two editors saving the same report lose nothing."""

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


def test_two_editors_edit_the_same_report_and_neither_loses_a_word(new_page, editor, second_editor):
    article = ArticleFactory(headline="两位编辑同时修改", body="<p>原来的正文。</p>")
    alice, bob = new_page(), new_page()
    login(alice, editor)
    login(bob, second_editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    for page in (alice, bob):
        page.goto(url)
        expect(page.locator(".ck-editor__editable").first).to_be_visible()

    def type_at_end(page, text):
        editable = page.locator(".ck-editor__editable").first
        editable.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(text)

    type_at_end(alice, "甲补充的一句话。")
    with alice.expect_navigation():
        alice.locator("input[name=_save]").last.click()
    expect(alice.locator(".errornote")).to_have_count(0)

    type_at_end(bob, "乙花了半小时写的一段话。")
    with bob.expect_navigation():
        bob.locator("input[name=_save]").last.click()
    expect(bob.locator(".errornote").first).to_be_visible()
    expect(bob.locator("body")).to_contain_text("保存未成功")
    expect(bob.locator("body")).to_contain_text("editor已于")
    # Bob's words are still in his editor ...
    expect(bob.locator(".ck-editor__editable").first).to_contain_text("乙花了半小时写的一段话。")
    article.refresh_from_db()
    assert "甲补充的一句话。" in article.body  # ... and Alice's save stands.
    assert "乙花了半小时" not in article.body
