"""HTTP caching: validators, 304 answers, and Cache-Control that a CDN or proxy can use."""

import math
import time

import pytest
from django.utils.http import http_date

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict:
    found = {}
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        found[name] = value
    return found


def test_public_pages_carry_validators_and_a_short_shared_lifetime(client):
    article = ArticleFactory()
    for attempt in ("miss", "hit"):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, attempt
        assert response["ETag"].startswith('"'), attempt
        assert response["Last-Modified"].endswith("GMT"), attempt
        control = _directives(response["Cache-Control"])
        assert "public" in control
        assert control["max-age"] == "0"  # browsers revalidate (a 304 is cheap)
        assert control["s-maxage"] == "1"
        assert int(control["stale-while-revalidate"]) >= 1
        # A proxy keeps serving readers through a database outage instead of the 503 page.
        assert int(control["stale-if-error"]) >= 3600
        # nginx: an absolute expiry within a second of when the page was known current.
        expires = response["X-Accel-Expires"]
        assert expires == "0" or int(expires.removeprefix("@")) <= math.floor(time.time() + 1)


def test_a_browser_with_the_current_copy_gets_304(client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304  # via gzip
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    older = http_date(time.time() - 3600)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    Article.objects.filter(pk=article.pk).update(headline="新标题")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "新标题" in changed.text
    assert changed["ETag"] != etag


def test_a_page_rendered_again_with_the_same_content_keeps_its_etag(client):
    from django.db import connection

    from core import pagecache

    article = ArticleFactory()
    etag = client.get(article.get_absolute_url())["ETag"]
    before = pagecache._shared().get(pagecache.GEN_KEY)
    with connection.cursor() as cursor:  # a write that changes nothing on this page
        cursor.execute("DELETE FROM photos_photo WHERE 1 = 0")
    pagecache.settle()
    assert pagecache._shared().get(pagecache.GEN_KEY) != before
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_staff_and_preview_answers_are_private_and_not_stored(client, editor):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(editor)
    for url in (draft.get_absolute_url(), "/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 200, url
        control = response["Cache-Control"]
        assert "private" in control, url
        assert "no-store" in control, url
        assert "ETag" not in response, url
        assert "X-Accel-Expires" not in response, url


def test_not_found_pages_are_cached_but_follow_publication(client, editor):
    draft = ArticleFactory(status=Article.Status.SUBMITTED)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    assert client.get(draft.get_absolute_url()).status_code == 200
