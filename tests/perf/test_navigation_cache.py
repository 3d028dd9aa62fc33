"""The navigation bar is on every page: cached, and cleared when a section changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Section
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
NAV_WHERE = 'WHERE "articles_section"."in_navigation"'


def test_navigation_is_queried_once_then_served_from_the_cache(client):
    article = ArticleFactory(section=SectionFactory(name="工会要闻"))
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        response = client.get(article.get_absolute_url())
    nav_sql = [q for q in first.captured_queries if NAV_WHERE in q["sql"]]
    assert len(nav_sql) == 1
    assert not [q for q in second.captured_queries if NAV_WHERE in q["sql"]]
    assert "工会要闻" in response.text


def test_renaming_or_deleting_a_section_shows_in_the_navigation_at_once(client):
    section = SectionFactory(name="基层动态", slug="jiceng")
    assert ">基层动态</a>" in client.get("/").text
    section.name = "基层风采"
    section.save()
    page = client.get("/").text
    assert ">基层风采</a>" in page
    assert ">基层动态</a>" not in page
    Section.objects.filter(pk=section.pk).first().delete()
    assert ">基层风采</a>" not in client.get("/").text
