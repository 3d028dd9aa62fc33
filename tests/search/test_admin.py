"""The admin's article search box goes through the search index."""

import pytest
from django.urls import reverse

from articles import admin_extensions
from articles.models import Article
from tests.factories import ArticleFactory, CreditFactory

pytestmark = pytest.mark.django_db


def changelist(client, q):
    response = client.get(reverse("admin:articles_article_changelist"), {"q": q})
    assert response.status_code == 200
    return {a.headline for a in response.context["cl"].result_list}


def test_article_admin_search_is_declared_through_the_extension_point():
    from search.admin import search_articles

    assert admin_extensions.search_function() is search_articles
    import articles.admin

    assert "search" not in vars(articles.admin)


def test_editor_finds_body_words_and_unpublished_articles(client, editor):
    client.force_login(editor)
    ArticleFactory(headline="会议报道", body="<p>包杰在会上发言。</p>")
    ArticleFactory(headline="包杰草稿", status=Article.Status.DRAFT)
    ArticleFactory(headline="撤回稿", status=Article.Status.WITHDRAWN, body="<p>包杰</p>")
    ArticleFactory(headline="无关报道")
    assert changelist(client, "包杰") == {"会议报道", "包杰草稿", "撤回稿"}


def test_admin_search_finds_substrings_and_credits(client, editor):
    client.force_login(editor)
    CreditFactory(article=ArticleFactory(headline="南海区总工会召开全会"), name="黄梦灵")
    assert changelist(client, "工会") == {"南海区总工会召开全会"}
    assert changelist(client, "黄梦灵") == {"南海区总工会召开全会"}


def test_reporter_still_sees_only_own_articles(client, reporter, other_reporter):
    client.force_login(reporter)
    ArticleFactory(headline="我的劳模稿", author=reporter, status=Article.Status.DRAFT)
    ArticleFactory(headline="别人的劳模稿", author=other_reporter, status=Article.Status.DRAFT)
    assert changelist(client, "劳模") == {"我的劳模稿"}


def test_admin_search_with_symbols_only_finds_nothing_and_empty_finds_all(client, editor):
    client.force_login(editor)
    ArticleFactory(headline="工会新闻")
    assert changelist(client, "%_\\'") == set()
    assert changelist(client, "") == {"工会新闻"}
