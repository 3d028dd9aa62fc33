"""The nginx microcache of deploy/nginx.conf, with the real nginx in front of the site."""

import time
import urllib.error
import urllib.request

import pytest

from articles.models import Article
from articles.services import article_withdraw
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url, cookie=None, method="GET"):
    request = urllib.request.Request(url, method=method)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def site(live_server, start_nginx, settings):
    # Confirm the generation on every request: each answer is then known current "now",
    # and nginx may keep it for the rest of that second (X-Accel-Expires).
    settings.PAGE_CACHE_CONFIRM_SECONDS = 0
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    return start_nginx(web=live_server.url.removeprefix("http://"))


def test_a_second_request_is_served_from_the_microcache(site):
    article = ArticleFactory(headline="微缓存中的文章")
    url = site + article.get_absolute_url()
    statuses = []
    for _ in range(5):  # each try is two requests within one clock second, usually
        status, first, body = fetch(url)
        assert status == 200
        assert "微缓存中的文章" in body
        _status, second, _body = fetch(url)
        statuses.append((first["X-Cache-Status"], second["X-Cache-Status"]))
        if second["X-Cache-Status"] == "HIT":
            break
        time.sleep(0.3)
    assert any(second == "HIT" for _first, second in statuses), statuses
    # What nginx gives the browser: the site's public headers, not the nginx-only expiry.
    assert "X-Accel-Expires" not in second
    assert "s-maxage=1" in second["Cache-Control"]


def test_a_signed_in_request_is_never_served_from_or_stored_in_the_microcache(site, client, editor):
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="编辑预览中的稿件")
    url = site + draft.get_absolute_url()
    for _ in range(2):  # the reader's 404 is now cached
        assert fetch(url)[0] == 404
    client.force_login(editor)
    session = f"sessionid={client.cookies['sessionid'].value}; large_text=0"
    status, headers, body = fetch(url, cookie=session)
    assert status == 200
    assert "编辑预览中的稿件" in body
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "private" in headers["Cache-Control"]
    status, headers, body = fetch(url)
    assert status == 404  # the editor's preview was not stored for readers
    assert "编辑预览中的稿件" not in body
    # A POST never goes near the cache.
    status, headers, _body = fetch(site + "/", method="POST")
    assert status == 403  # no CSRF token
    assert headers["X-Cache-Status"] in (None, "BYPASS")


def test_a_withdrawn_article_disappears_within_a_second(site, editor):
    article = ArticleFactory(headline="即将撤回的文章")
    url = site + article.get_absolute_url()
    for _ in range(3):
        assert fetch(url)[0] == 200
    withdrawn_at = None
    seen = []  # (seconds after the withdrawal the request started, status)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if withdrawn_at is None and len(seen) >= 10:
            article_withdraw(article=article, user=editor)  # committed here
            withdrawn_at = time.monotonic()
        started = time.monotonic()
        status = fetch(url)[0]
        if withdrawn_at is not None:
            seen.append((started - withdrawn_at, status))
            if started - withdrawn_at > 1.6:
                break
        else:
            seen.append((-1, status))
        time.sleep(0.02)
    after = [(t, s) for t, s in seen if t >= 0]
    assert after, "no request after the withdrawal"
    late = [(round(t, 3), s) for t, s in after if t >= 1.0 and s != 404]
    assert not late, f"still served more than 1 s after the withdrawal: {late}"
    assert any(s == 404 for t, s in after if t < 1.0)
