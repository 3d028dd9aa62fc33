"""Automatic summaries (Article.description, meta description, og:description, feeds, the
profile and plan descriptions) end at a sentence and never join a heading to the text after
it; plain text of rich text keeps headings, list items, cells and captions apart."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from core.html import html_blocks, html_to_text, summarize_html, summarize_text
from core.templatetags.core_tags import summary
from tests.factories import ArticleFactory

# The example: a subheading glued to the next sentence.
CONTEST = (
    "<p>本次比武吸引了全区30多家企业的150名职工参加。</p>"
    "<h2>以赛促学 以赛促练</h2>"
    "<p>本次比武分为理论和实操两部分，职工们各显身手。评委认为，选手水平明显提高！</p>"
)
SENTENCE_END = ("。", "！", "？", "”", "…")


def test_plain_text_keeps_blocks_apart():
    html = (
        "<h2>标题</h2><p>段落。</p><ul><li>甲</li><li>乙</li></ul>"
        "<table><tr><td>单元格一</td><td>单元格二</td></tr></table>"
        "<figure><img src='/media/x.jpg' alt=''><figcaption>图片说明</figcaption></figure><p>尾段</p>"
    )
    assert html_to_text(html) == "标题 段落。 甲 乙 单元格一 单元格二 图片说明 尾段"
    assert "以赛促练本次" not in html_to_text(CONTEST)
    assert html_to_text("<p>南海<strong>工会</strong>职工</p>") == "南海工会职工"  # inline stays


def test_blocks_know_what_they_are():
    assert html_blocks(
        CONTEST + "<ul><li>一项</li></ul><figure><figcaption>说明</figcaption></figure>"
    ) == [
        ("text", "本次比武吸引了全区30多家企业的150名职工参加。"),
        ("heading", "以赛促学 以赛促练"),
        ("text", "本次比武分为理论和实操两部分，职工们各显身手。评委认为，选手水平明显提高！"),
        ("item", "一项"),
        ("caption", "说明"),
    ]


@pytest.mark.parametrize("limit", [30, 50, 60, 80, 120, 200])
def test_summary_ends_at_a_sentence_and_leaves_headings_out(limit):
    text = summarize_html(CONTEST, limit)
    assert len(text) <= limit + 1
    assert text.endswith(SENTENCE_END)
    assert "以赛促学" not in text
    assert "参加。本次比武" in text or limit < 60


def test_summary_keeps_whole_sentences_and_stops_before_one_that_does_not_fit():
    assert summarize_html(CONTEST, 60) == (
        "本次比武吸引了全区30多家企业的150名职工参加。本次比武分为理论和实操两部分，职工们各显身手。"
    )


def test_a_first_sentence_longer_than_the_limit_is_cut_at_a_comma():
    long = "<p>" + "南海区总工会深入开展职工技能竞赛，" * 10 + "成效明显。</p>"
    text = summarize_html(long, 60)
    assert text.endswith("…")
    assert len(text) <= 61
    assert text[:-1].endswith("职工技能竞赛")  # cut at the comma, not mid-phrase
    no_commas = "<p>" + "工会" * 100 + "</p>"
    assert summarize_html(no_commas, 120) == "工会" * 60 + "…"


def test_list_items_and_closing_quotes_end_sentences():
    html = (
        "<p>“我们要团结。”他说。</p><ul><li>深化工会组织建设</li><li>深化工会干部队伍建设</li></ul>"
    )
    assert (
        summarize_html(html, 120) == "“我们要团结。”他说。深化工会组织建设。深化工会干部队伍建设。"
    )


def test_only_headings_and_captions_still_give_a_summary():
    assert summarize_html(
        "<h2>只有标题</h2><figure><figcaption>图片说明</figcaption></figure>"
    ) == ("只有标题。图片说明。")
    assert summarize_html("") == ""


def test_plain_text_summary_treats_lines_as_blocks():
    assert summarize_text("第一行没有句号\n第二行。第三句很长，" + "很长" * 80) == (
        "第一行没有句号。第二行。"
    )
    assert summary("灯湖社区成立于2010年。包杰2011年来到这里工作。", 20) == "灯湖社区成立于2010年。"


@pytest.mark.django_db
def test_article_page_description_and_og_description_end_at_a_sentence(client):
    article = ArticleFactory(summary="", body=CONTEST * 3)
    assert article.description.endswith(SENTENCE_END)
    page = client.get(article.get_absolute_url()).text
    for attribute in ('name="description" content="', 'property="og:description" content="'):
        content = page.split(attribute, 1)[1].split('"', 1)[0]
        assert content == article.description
        assert "以赛促学" not in content


@pytest.mark.django_db
def test_feed_items_use_the_sentence_summary(client):
    article = ArticleFactory(summary="", body=CONTEST)
    root = ElementTree.fromstring(client.get(reverse("articles:feed")).content)
    item = next(i for i in root.iter("item") if i.findtext("title") == article.headline)
    assert item.findtext("description") == article.description
    assert "以赛促练本次" not in item.findtext("description")


@pytest.mark.django_db
def test_an_editors_summary_is_used_as_typed(client):
    article = ArticleFactory(summary="编辑写的摘要，没有句号", body=CONTEST)
    assert article.description == "编辑写的摘要，没有句号"
