"""The feeds cost a fixed number of queries, whether items have a summary or not, and
however many bylines their items carry."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["articles:feed", "articles:section-feed"])
def test_feed_query_count_does_not_grow_with_items_without_summary(
    client, django_assert_max_num_queries, url_name
):
    section = SectionFactory(slug="gonghui-yaowen")
    ArticleFactory.create_batch(25, section=section, summary="", body="<p>正文开头的文字。</p>")
    kwargs = {"slug": section.slug} if url_name == "articles:section-feed" else {}
    client.get(reverse(url_name, kwargs=kwargs))  # the site information is cached after this
    with django_assert_max_num_queries(3):  # section, items, their credits
        response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.content.count(b"<item>") == 25
    assert "正文开头的文字。".encode() in response.content
