"""The home page with pictures (issue 11): the 头条 with its cover, 图片新闻 (the latest
reports with a cover), thumbnails in the lists of sections that show them, dates with the
year when it is not this year, the favicon."""

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article
from articles.views import PICTURE_NEWS
from photos.services import photo_create
from tests.factories import ArticleFactory, SectionFactory
from tests.photos.images import phone_jpeg, upload

from .test_public import HOME_BUDGET, LIST_BUDGET, many_articles

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
Status = Article.Status


@pytest.fixture
def photo():
    return photo_create(upload=upload("cover.jpg", phone_jpeg((960, 640))), caption="活动现场")


def _ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def test_home_shows_the_headlines_cover_and_the_latest_reports_with_covers(client, photo):
    lead = ArticleFactory(is_headline=True, cover=photo, headline="头条有封面")
    with_covers = [
        ArticleFactory(cover=photo, headline=f"有封面的报道{i}", published_at=_ago(hours=i + 2))
        for i in range(6)
    ]
    ArticleFactory(headline="没有封面的报道", published_at=_ago(minutes=5))
    ArticleFactory(cover=photo, headline="草稿有封面", status=Status.DRAFT)
    ArticleFactory(cover=photo, headline="定时有封面", published_at=_ago(hours=-2))
    response = client.get(reverse("home"))
    assert response.context["headline"] == lead
    assert response.context["picture_news"] == with_covers[:PICTURE_NEWS]
    page = response.text
    lead_html = page.split('class="lead lead--cover"', 1)[1].split("</section>", 1)[0]
    assert '<picture><source type="image/webp"' in lead_html
    assert 'fetchpriority="high"' in lead_html  # the page's largest image, loaded first
    pictures = page.split('aria-labelledby="pictures-title"', 1)[1].split("</section>", 1)[0]
    assert "图片新闻" in pictures
    assert pictures.count("<picture>") == PICTURE_NEWS
    assert pictures.count('loading="lazy"') == PICTURE_NEWS
    for article in with_covers[:PICTURE_NEWS]:
        assert article.get_absolute_url() in pictures
    for absent in ("没有封面的报道", "草稿有封面", "定时有封面", "头条有封面"):
        assert absent not in pictures
    assert "<script" not in page  # no carousel: plain markup


def test_home_without_covers_has_no_picture_block_and_a_text_lead(client):
    ArticleFactory(is_headline=True, headline="没有封面的头条")
    page = client.get(reverse("home")).text
    assert "图片新闻" not in page
    assert 'class="lead"' in page
    assert "<picture>" not in page


def test_home_query_budget_with_many_reports_with_covers(client, photo):
    """The 图片新闻 block costs one query (covers joined), whatever the number of rows."""
    many_articles(count=48, sections=8)
    Article.objects.filter(pk__in=Article.objects.values("pk")[:30]).update(cover=photo)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert len(queries) <= HOME_BUDGET
    assert len(response.context["picture_news"]) == PICTURE_NEWS
    cover_queries = [q["sql"] for q in queries if '"cover_id" IS NOT NULL' in q["sql"]]
    assert len(cover_queries) == 1
    assert "photos_photo" in cover_queries[0]  # the covers come with it
    # The same number of queries with twice the rows: nothing per item.
    many_articles(count=48, sections=8)
    Article.objects.update(cover=photo)
    cache.clear()  # as cold as the first time (site information, navigation)
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("home"))
    assert len(again) == len(queries)


def test_sections_choose_whether_their_lists_show_thumbnails(client, photo):
    pictures = SectionFactory(name="人物风采", show_thumbnails=True)
    notices = SectionFactory(name="通知公告", show_thumbnails=False)
    portrait = ArticleFactory(section=pictures, cover=photo, headline="有缩略图")
    text_only = ArticleFactory(section=pictures, headline="没有封面只显示标题")
    notice = ArticleFactory(section=notices, cover=photo, headline="通知不显示缩略图")
    for url in (pictures.get_absolute_url(), reverse("articles:list")):
        page = client.get(url).text
        cards = {
            headline: card
            for card in page.split('<article class="card')[1:]
            for headline in (portrait.headline, text_only.headline, notice.headline)
            if headline in card
        }
        assert cards[portrait.headline].startswith(' card--thumb">')
        assert "<picture>" in cards[portrait.headline]
        if text_only.headline in cards:
            assert "<picture>" not in cards[text_only.headline]
        if notice.headline in cards:
            assert "<picture>" not in cards[notice.headline]


def test_list_query_budget_with_thumbnails(client, django_assert_max_num_queries, photo):
    section = SectionFactory(show_thumbnails=True)
    for i in range(30):
        ArticleFactory(section=section, cover=photo, published_at=_ago(hours=i + 1))
    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(section.get_absolute_url())
    assert response.text.count("<picture>") == 20


def test_every_list_gives_the_year_of_dates_of_other_years(client, settings):
    this_year = timezone.localdate().year
    ArticleFactory(is_headline=True, headline="头条", published_at=_ago(days=1))
    old = ArticleFactory(
        headline="二〇二〇年的新闻",
        published_at=timezone.make_aware(datetime(2020, 10, 8, 9, 0)),
    )
    recent = ArticleFactory(headline="今年的新闻", published_at=_ago(minutes=30))
    today = timezone.localtime(recent.published_at)
    this_year_text = f">{today.month}月{today.day}日</time>"
    pages = {
        "home": reverse("home"),
        "all news": reverse("articles:list"),
        "section": old.section.get_absolute_url(),
        "search": reverse("search:search") + "?q=新闻",
    }
    for name, url in pages.items():
        page = client.get(url).text
        assert ">2020年10月8日</time>" in page, name
        if name != "section":
            assert this_year_text in page, name
            assert f">{this_year}年{today.month}月{today.day}日</time>" not in page, name
    assert "10月8日</time>" not in re.sub(r"2020年10月8日", "", client.get("/").text)


def test_favicon_and_touch_icon_are_linked_and_served(client):
    page = client.get(reverse("home")).text
    assert '<link rel="icon" href="/static/img/favicon.ico" sizes="48x48">' in page
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    with Image.open(ROOT / "static/img/favicon.ico") as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])
    with Image.open(ROOT / "static/img/apple-touch-icon.png") as touch:
        assert touch.size == (180, 180)
        assert touch.mode == "RGB"  # iOS draws transparency black
    svg = (ROOT / "static/img/favicon.svg").read_text()
    assert svg.startswith("<svg")
    assert "<script" not in svg
