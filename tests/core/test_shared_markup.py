"""One markup for share tags and for headline lists, used by every page that shows them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def test_headline_lists_give_the_year_of_older_news_only(client):
    now = timezone.localtime()
    old = ArticleFactory(
        headline="往年的报道", published_at=timezone.make_aware(dt.datetime(2020, 10, 8, 9))
    )
    ArticleFactory(headline="今年的报道", section=old.section, published_at=now)
    ArticleFactory(headline="头条", section=old.section, is_headline=True)
    page = client.get(reverse("home")).text
    assert '往年的报道</a> <time datetime="2020-10-08T09:00:00+08:00">2020年10月8日</time>' in page
    assert f">{now.month}月{now.day}日</time>" in page


def test_article_and_plan_and_profile_pages_share_one_og_markup(client):
    series = SeriesFactory()
    article = ArticleFactory(headline="分享标题", summary="分享摘要", series=series)
    ArticleFactory(series=series)
    page = client.get(article.get_absolute_url()).text
    assert '<meta property="og:title" content="分享标题">' in page
    assert '<meta property="og:description" content="分享摘要">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert 'property="article:published_time"' in page
