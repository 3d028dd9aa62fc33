"""An editor writes and publishes a report in the admin; a reader sees it on the site."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import login
from tests.factories import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_writes_in_ckeditor_publishes_and_a_reader_sees_it(page, new_page, editor):
    SectionFactory(name="工会要闻", slug="gonghui-yaowen")
    login(page, editor)

    page.goto("/admin/articles/article/add/")
    page.fill("#id_kicker", "南海区总工会召开全体(扩大)会议")
    page.fill("#id_headline", "精准实干 为南海高质量发展凝心聚力")
    page.fill("#id_summary", "区总工会回顾总结工作,部署下一阶段重点任务。")

    # CKEditor 5: a subheading through the heading dropdown, then a paragraph with bold text.
    editable = page.locator(".ck-editor__editable").first
    expect(editable).to_be_visible()
    editable.click()
    page.locator(".ck-heading-dropdown button.ck-dropdown__button").first.click()
    page.locator(".ck-heading-dropdown .ck-list__item button", has_text="小标题").first.click()
    page.keyboard.type("突出思想引领 激发职工力量")
    page.keyboard.press("Enter")
    page.keyboard.type("会议指出,")
    page.keyboard.press("Control+B")
    page.keyboard.type("团结动员全区广大职工")
    page.keyboard.press("Control+B")
    page.keyboard.type("建功新时代。")
    expect(editable.locator("h2")).to_have_text("突出思想引领 激发职工力量")
    expect(editable.locator("strong")).to_have_text("团结动员全区广大职工")

    page.select_option("#id_section", label="工会要闻")
    page.fill("#id_source", "珠江时报")
    page.select_option("#id_credits-0-role", "文")
    page.fill("#id_credits-0-outlet", "珠江时报")
    page.fill("#id_credits-0-title", "记者")
    page.fill("#id_credits-0-name", "黄梦灵")

    publish = page.locator(".action-bar button[name=_publish]")
    expect(publish).to_have_text("发布")
    with page.expect_navigation():
        publish.click()
    expect(page.locator(".errornote")).to_have_count(0)

    article = Article.objects.get(headline="精准实干 为南海高质量发展凝心聚力")
    assert article.status == Article.Status.PUBLISHED
    assert article.published_by == editor
    assert article.is_live
    assert re.search(r"<h2>突出思想引领 激发职工力量</h2>", article.body)
    assert "<strong>团结动员全区广大职工</strong>" in article.body
    assert [c.name for c in article.credits.all()] == ["黄梦灵"]

    # A reader: a separate, anonymous browser profile.
    reader = new_page()
    reader.goto("/")
    reader.get_by_role("link", name="精准实干 为南海高质量发展凝心聚力").first.click()
    reader.wait_for_url(f"**{article.get_absolute_url()}")
    expect(reader.locator("h1")).to_have_text("精准实干 为南海高质量发展凝心聚力")
    expect(reader.locator(".article__body h2")).to_have_text("突出思想引领 激发职工力量")
    expect(reader.locator(".article__body strong")).to_have_text("团结动员全区广大职工")
    expect(reader.locator(".byline")).to_contain_text("文/珠江时报记者 黄梦灵")
