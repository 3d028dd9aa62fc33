"""Article page details of Chinese news sites (责任编辑, print without the site chrome)
and feeds in Beijing time with each item's byline."""

import re
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from articles.services import article_publish
from tests.factories import ArticleFactory, CreditFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.mark.parametrize(
    ("last", "first", "shown"),
    [("包", "杰", "包杰"), ("", "梁丽英", "梁丽英"), ("Smith", "Anna", "Anna Smith")],
)
def test_responsible_editor_is_the_publishers_full_name(client, editor, last, first, shown):
    editor.last_name, editor.first_name = last, first
    editor.save()
    article = ArticleFactory(status="draft", published_at=None)
    article_publish(article=article, user=editor)
    text = client.get(article.get_absolute_url()).text
    assert f'<p class="responsible-editor">责任编辑：{shown}</p>' in text


def test_no_responsible_editor_line_without_a_full_name_and_never_the_user_name(client):
    nameless = UserFactory(username="desk-login", first_name="", last_name="")
    article = ArticleFactory(published_by=nameless)
    text = client.get(article.get_absolute_url()).text
    assert "责任编辑" not in text
    assert "desk-login" not in text


def test_print_styles_drop_the_site_chrome_and_keep_the_qr_code():
    css = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    print_rules = " ".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    for chrome in (
        ".site-header",
        ".site-nav",
        ".search-form",
        ".site-footer",
        ".prev-next",
        ".related",
    ):
        assert chrome in print_rules, chrome
    assert ".share-qr { display: flex" in print_rules


def test_feed_items_carry_beijing_time_and_the_byline(client):
    article = ArticleFactory(published_at=datetime(2026, 11, 30, 16, 30, tzinfo=UTC))
    CreditFactory(
        article=article, role="文", outlet="珠江时报", title="记者", name="黄梦灵", order=0
    )
    CreditFactory(article=article, role="文", outlet="", title="通讯员", name="梁丽英", order=1)
    CreditFactory(
        article=article, role="图", outlet="珠江时报", title="记者", name="穆纪武", order=2
    )
    ArticleFactory(headline="没有署名的稿件", section=article.section)
    for url in (
        reverse("articles:feed"),
        reverse("articles:section-feed", args=[article.section.slug]),
    ):
        response = client.get(url)
        root = ElementTree.fromstring(response.content)
        items = {item.findtext("title"): item for item in root.iter("item")}
        item = items[article.headline]
        assert item.findtext("pubDate") == "Tue, 01 Dec 2026 00:30:00 +0800"
        assert (
            item.findtext(f"{DC}creator")
            == "文/珠江时报记者 黄梦灵 通讯员 梁丽英；图/珠江时报记者 穆纪武"
        )
        assert root.find("channel/lastBuildDate").text.endswith("+0800")
        assert b'xmlns:dc="http://purl.org/dc/elements/1.1/"' in response.content.split(b">")[1]
    assert items["没有署名的稿件"].find(f"{DC}creator") is None
