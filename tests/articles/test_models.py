from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.templatetags.articles_tags import credit_lines
from tests.factories import ArticleFactory, CreditFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_submitted_withdrawn_and_scheduled():
    live = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(status=Article.Status.SUBMITTED)
    ArticleFactory(status=Article.Status.WITHDRAWN)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    assert list(Article.objects.published()) == [live]
    assert scheduled.is_scheduled
    assert not scheduled.is_live


def test_scheduled_article_goes_live_when_its_time_comes_without_any_job():
    article = ArticleFactory(published_at=timezone.now() + timedelta(seconds=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_credit_lines_group_by_role_like_a_newspaper():
    article = ArticleFactory(
        credits=[
            {"role": "文", "outlet": "珠江时报", "title": "记者", "name": "黄梦灵"},
            {"role": "文", "outlet": "", "title": "通讯员", "name": "梁丽英"},
        ]
    )
    assert credit_lines(article.credits.all()) == ["文/珠江时报记者 黄梦灵 通讯员 梁丽英"]


def test_credit_lines_keep_role_order_and_share_a_prefix_between_names():
    article = ArticleFactory()
    for i, (role, name) in enumerate(
        [("统筹", "欧晓敬"), ("文", "李冬冬"), ("文", "黄梦灵"), ("图", "穆纪武")]
    ):
        CreditFactory(article=article, role=role, name=name, order=i)
    assert credit_lines(article.credits.all()) == [
        "统筹/珠江时报记者 欧晓敬",
        "文/珠江时报记者 李冬冬 黄梦灵",
        "图/珠江时报记者 穆纪武",
    ]


def test_credit_line_without_outlet_or_title_is_just_the_name():
    article = ArticleFactory()
    CreditFactory(article=article, role="摄影", outlet="", title="", name="张三")
    assert credit_lines(article.credits.all()) == ["摄影/张三"]


def test_latest_per_section_returns_the_newest_of_each_section_only():
    now = timezone.now()
    first, second = SectionFactory(order=1), SectionFactory(order=2)
    old = ArticleFactory(section=first, published_at=now - timedelta(days=10))
    newer = [ArticleFactory(section=first, published_at=now - timedelta(days=i)) for i in (1, 2)]
    other = ArticleFactory(section=second, published_at=now - timedelta(days=3))
    ArticleFactory(section=second, status=Article.Status.DRAFT)
    result = list(Article.objects.latest_per_section(2))
    assert result == [newer[0], newer[1], other]
    assert old not in result


def test_neighbours_are_the_adjacent_live_articles_of_the_same_section():
    now = timezone.now()
    section = SectionFactory()
    older = ArticleFactory(section=section, published_at=now - timedelta(days=3))
    ArticleFactory(
        section=section, status=Article.Status.DRAFT, published_at=now - timedelta(days=2)
    )
    middle = ArticleFactory(section=section, published_at=now - timedelta(days=2))
    newer = ArticleFactory(section=section, published_at=now - timedelta(days=1))
    ArticleFactory(published_at=now - timedelta(days=2, hours=1))  # another section
    article = Article.objects.for_detail().get(pk=middle.pk)
    assert (article.previous_id, article.previous_headline) == (older.pk, older.headline)
    assert (article.next_id, article.next_headline) == (newer.pk, newer.headline)


def test_description_falls_back_to_the_body_text():
    article = ArticleFactory(summary="", body="<p>" + "工会" * 100 + "</p>")
    assert article.description.startswith("工会工会")
    assert article.description.endswith("…")
    assert len(article.description) == 121
