"""Health checks, the database-outage page, and friendly error pages."""

import time
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from core.errors import RETRY_AFTER_SECONDS, server_error
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class DatabaseDown:
    """Every query fails the way it does when PostgreSQL is stopped, until the block ends."""

    def __enter__(self):
        error = OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )
        self.patch = mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=error)
        self.patch.start()
        return self

    def __exit__(self, *exc):
        self.patch.stop()


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0), DatabaseDown():
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_readyz_checks_database_and_media(client, settings, tmp_path):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "media": "ok"}
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))  # cleaned up


def test_readyz_fails_when_the_database_is_down(client):
    with DatabaseDown():
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert "OperationalError" in response.json()["checks"]["database"]


def test_readyz_fails_when_media_is_not_writable(client):
    with mock.patch("core.health.default_storage.save", side_effect=PermissionError("read-only")):
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["checks"]["media"] == "PermissionError: read-only"
    assert response.json()["checks"]["database"] == "ok"


def test_public_page_answers_the_chinese_503_page_and_recovers_without_restart(
    settings, django_assert_num_queries
):
    settings.NANHAI_DB_BREAKER_SECONDS = 0.3
    article = ArticleFactory(headline="数据库恢复后可见的报道")
    client = Client(raise_request_exception=False)
    with DatabaseDown():
        for url in (reverse("home"), article.get_absolute_url(), reverse("articles:list")):
            response = client.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
            page = response.content.decode()
            assert "网站暂时无法访问" in page
            assert 'lang="zh-CN"' in page
            assert "Traceback" not in page
            assert "OperationalError" not in page
    # Just after an error the process answers 503 at once, without waiting on the database ...
    with django_assert_num_queries(0):
        response = client.get(reverse("home"))
    assert response.status_code == 503
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert client.get(reverse("healthz")).status_code == 200
    # ... and a moment later the next request uses the database again: no restart needed.
    time.sleep(settings.NANHAI_DB_BREAKER_SECONDS + 0.05)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "数据库恢复后可见的报道" in response.content.decode()


def test_database_errors_outside_the_view_also_give_503(rf):
    """E.g. the session middleware saving a session: Django calls handler500."""
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"]
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "抱歉，页面出错了" in response.content.decode()


def test_500_page_needs_no_database(django_assert_num_queries, rf):
    with django_assert_num_queries(0), DatabaseDown():
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "返回首页" in response.content.decode()


def test_404_page_is_friendly_and_in_the_site_style(client):
    response = client.get("/articles/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "找不到这个页面" in page
    assert 'class="site-header"' in page
    assert reverse("articles:list") in page


def test_403_page_is_friendly(reporter, client):
    client.force_login(reporter)
    response = client.get(reverse("admin:audit_auditentry_changelist"))
    assert response.status_code == 403
    assert "没有访问权限" in response.content.decode()


def test_gunicorn_config_recycles_workers_and_kills_stuck_ones(monkeypatch):
    import runpy
    from pathlib import Path

    for name in ("GUNICORN_TIMEOUT", "GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert config["timeout"] == 60
    assert config["graceful_timeout"] < config["timeout"]
    assert config["max_requests"] == 1000
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["preload_app"] is False  # each worker opens its own connection pool
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    assert (
        runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))["workers"]
        == 3
    )
