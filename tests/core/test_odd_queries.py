"""Odd text in query strings never takes a public page down (search, filters, paging)."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ODD = ["\x00", "\x0b", "\x1b[31m", "\ufffe", "工会\x00", "%", "'\"", "a" * 5000]


@pytest.mark.parametrize("text", ODD)
def test_search_and_filters_answer_odd_query_strings(client, text):
    ArticleFactory(headline="南海区总工会新闻")
    for url, params in [
        (reverse("search:search"), {"q": text}),
        (reverse("search:search"), {"q": "工会", "type": text, "year": text, "section": text}),
        (reverse("profiles:list"), {"kind": text, "town": text, "series": text}),
        (reverse("articles:list"), {"page": text}),
    ]:
        response = client.get(url, params)
        assert response.status_code in (200, 404), (url, params, response.status_code)


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%C0%AF", "%E5%B7", "%00%0B"])
def test_search_answers_query_strings_that_are_not_utf8(client, raw):
    response = client.get(reverse("search:search") + f"?q={raw}")
    assert response.status_code == 200
