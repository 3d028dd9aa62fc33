import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin import EstimatedCountPaginator
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's")
def test_unfiltered_article_list_does_not_count_the_whole_table(client, editor, monkeypatch):
    ArticleFactory.create_batch(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_above", 0)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:articles_article_changelist"))
    assert len(response.context["cl"].result_list) == 30
    counts = [
        q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "articles_article" in q["sql"]
    ]
    assert counts == [], counts


def test_filtered_article_list_counts_exactly(client, editor):
    ArticleFactory.create_batch(3, headline="工会要闻甲")
    ArticleFactory(headline="别的")
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_changelist") + "?q=工会要闻甲")
    assert response.context["cl"].result_count == 3
