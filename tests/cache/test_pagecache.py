"""The page cache: what it serves, to whom, and that no change is missed.

These run on whatever cache the settings name: Redis in CI (``REDIS_URL``), on PostgreSQL.
"""

import contextlib
import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from articles.services import article_publish, article_withdraw
from core import pagecache
from profiles.services import profile_set_published
from tests.factories import ArticleFactory, SectionFactory, SeriesFactory
from tests.profiles.factories import ProfileFactory, make_photo
from tests.workplan.factories import TaskFactory, WorkPlanFactory
from workplan.models import Task

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def worker(cache: pagecache.PageCache):
    """Answer requests as another worker process would: with its own memory layer."""
    saved = pagecache._default_cache
    pagecache._default_cache = cache
    try:
        yield
    finally:
        pagecache._default_cache = saved


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, len(captured)


# --- What is cached ---------------------------------------------------------------------


def test_every_public_page_is_served_from_the_cache_on_the_second_visit(client):
    article = ArticleFactory(series=SeriesFactory(), headline="职工书屋开放")
    profile = ProfileFactory(name="包杰", articles=[article])
    TaskFactory(plan=WorkPlanFactory(year=2020, is_published=True))
    urls = [
        "/",
        reverse("articles:list"),
        article.section.get_absolute_url(),
        article.series.get_absolute_url(),
        article.get_absolute_url(),
        reverse("articles:feed"),
        reverse("profiles:list"),
        profile.get_absolute_url(),
        reverse("workplan:index"),
        reverse("workplan:year", args=[2020]),
        reverse("workplan:overview", args=[2020]),
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
    ]
    for url in urls:
        first, first_queries = queries_for(client, url)
        second, second_queries = queries_for(client, url)
        assert first.status_code == second.status_code == 200, url
        assert first_queries > 0 or url == "/robots.txt", url
        assert second_queries == 0, url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"], url
        # Stored with the headers the rest of the stack adds.
        assert second["X-Content-Type-Options"] == "nosniff", url
        assert "Content-Security-Policy" in second, url


def test_the_key_is_path_query_and_display_mode(client):
    ArticleFactory.create_batch(25)
    page1 = client.get("/news/").content
    page2 = client.get("/news/?page=2").content
    assert page1 != page2
    assert client.get("/news/?page=2").content == page2
    client.cookies["large_text"] = "1"
    large = client.get("/news/")
    assert b'class="large-text"' in large.content
    del client.cookies["large_text"]
    assert b'class="large-text"' not in client.get("/news/").content


def test_search_admin_and_display_switch_are_never_cached(client):
    ArticleFactory(headline="技能竞赛")
    client.get("/search/?q=技能")
    _response, count = queries_for(client, "/search/?q=技能")
    assert count > 0
    first = client.get("/admin/login/")
    assert "ETag" not in first
    for url in ["/search/?q=1", "/admin/login/", "/display/?large=1", "/healthz", "/static/x"]:
        assert pagecache.page_key(RequestFactory().get(url)) is None, url
    assert pagecache.page_key(RequestFactory().post("/")) is None


def test_staff_sessions_and_previews_are_never_cached_and_are_private(client, editor):
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="尚未发布的稿件")
    live = ArticleFactory(headline="已发布的稿件")
    client.force_login(editor)
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "预览" in preview.text
    assert preview["Cache-Control"] == "private, no-store"
    assert "ETag" not in preview
    staff_view = client.get(live.get_absolute_url())
    assert staff_view["Cache-Control"] == "private, no-store"
    _again, count = queries_for(client, live.get_absolute_url())
    assert count > 0  # a signed-in request never reads the cache

    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    reader, count = queries_for(client, live.get_absolute_url())
    assert count > 0  # nothing the editor saw was stored for readers
    assert "public" in reader["Cache-Control"]


def test_an_unknown_host_is_refused_by_the_stack_and_nothing_is_stored(client):
    ArticleFactory()
    for _ in range(2):
        assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/", HTTP_HOST="EVIL.example").status_code == 400
    assert client.get("/").status_code == 200


def test_a_response_with_a_cookie_a_csrf_token_or_private_is_never_stored():
    factory = RequestFactory()
    request = factory.get("/")
    assert pagecache.storable(request, HttpResponse("ok"))
    with_cookie = HttpResponse("ok")
    with_cookie.set_cookie("tracking", "1")
    assert not pagecache.storable(request, with_cookie)
    private = HttpResponse("ok", headers={"Cache-Control": "private"})
    assert not pagecache.storable(request, private)
    varied = HttpResponse("ok", headers={"Vary": "Accept-Language"})
    assert not pagecache.storable(request, varied)
    assert not pagecache.storable(request, HttpResponse("error", status=500))
    token_request = factory.get("/")
    token_request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not pagecache.storable(token_request, HttpResponse("<form>"))
    assert not pagecache.storable(factory.head("/"), HttpResponse("ok"))


def test_requests_with_a_session_messages_or_credentials_bypass_the_cache():
    factory = RequestFactory()
    assert pagecache.page_key(factory.get("/")) is not None
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        request = factory.get("/")
        request.COOKIES[cookie] = "x"
        assert pagecache.page_key(request) is None, cookie
    assert pagecache.page_key(factory.get("/", HTTP_AUTHORIZATION="Basic eDp5")) is None
    anonymous = factory.get("/")
    anonymous.user = AnonymousUser()
    assert pagecache.page_key(anonymous).endswith("|N|/?")


# --- Never stale: every kind of change shows at once ---------------------------------------


def test_publish_edit_withdraw_and_delete_show_at_once(client, editor):
    article = ArticleFactory(status=Article.Status.SUBMITTED, headline="待审稿件")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    assert "待审稿件" not in client.get("/").text  # both now cached

    article_publish(article=article, user=editor)
    assert client.get(url).status_code == 200
    assert "待审稿件" in client.get("/").text

    article.headline = "改过的标题"
    article.save()
    assert "改过的标题" in client.get(url).text
    assert "改过的标题" in client.get("/news/").text

    article_withdraw(article=article, user=editor)
    assert client.get(url).status_code == 404
    assert "改过的标题" not in client.get("/").text

    other = ArticleFactory(headline="将被删除")
    assert "将被删除" in client.get("/").text
    other.delete()
    assert "将被删除" not in client.get("/").text


def test_changes_to_what_a_page_shows_are_seen_at_once(client, editor):
    cover = make_photo(caption="旧的图片说明")
    article = ArticleFactory(cover=cover)
    section = article.section
    assert "旧的图片说明" in client.get(article.get_absolute_url()).text
    cover.caption = "新的图片说明"
    cover.save()
    assert "新的图片说明" in client.get(article.get_absolute_url()).text

    assert section.name in client.get("/").text
    Section.objects.filter(pk=section.pk).update(name="改名栏目")  # no signal at all
    assert "改名栏目" in client.get("/").text

    profile = ProfileFactory(name="示例人物", is_published=False)
    assert client.get(profile.get_absolute_url()).status_code == 404
    profile_set_published(profiles=[profile], user=editor, published=True)  # update()
    assert client.get(profile.get_absolute_url()).status_code == 200

    task = TaskFactory(plan=WorkPlanFactory(year=2021, is_published=True), title="劳模工作室")
    plan_url = reverse("workplan:year", args=[2021])
    assert "未启动" in client.get(plan_url).text
    Task.objects.filter(pk=task.pk).update(status=Task.Status.DONE)
    assert "已完成" in client.get(plan_url).text


def test_raw_sql_and_tables_never_seen_before_invalidate_pages(client):
    ArticleFactory(headline="原来的标题")
    assert "原来的标题" in client.get("/").text
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET headline = %s", ["原生SQL改的标题"])
    assert "原生SQL改的标题" in client.get("/").text

    before = _generation()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE site_information_of_tomorrow (id int)")
        assert _generation() == before  # DDL alone changes no page
        cursor.execute("INSERT INTO site_information_of_tomorrow VALUES (1)")
    assert _generation() != before


def test_every_model_of_the_project_invalidates_pages_without_being_registered():
    """Any model, today's or one another app adds tomorrow, is covered: only the listed
    bookkeeping tables (sessions, throttling, audit, versions) are ignored."""
    project = settings.BASE_DIR.resolve()
    checked = []
    for model in apps.get_models(include_auto_created=True):
        module_path = str(apps.get_app_config(model._meta.app_label).path)
        ours = module_path.startswith(str(project)) and "site-packages" not in module_path
        if not ours or not model._meta.managed:
            continue
        table = model._meta.db_table
        if model._meta.app_label == "audit":
            assert not pagecache.affects_pages(table)  # the audit log shows on no page
            continue
        assert pagecache.affects_pages(table), table
        before = _generation()
        with connection.cursor() as cursor:
            cursor.execute(f'DELETE FROM "{table}" WHERE 1 = 0')
        assert _generation() != before, table
        checked.append(table)
    assert {"articles_article", "photos_photo", "profiles_profile", "workplan_task"} <= set(checked)
    for ignored in ("django_session", "axes_accessattempt", "reversion_version"):
        assert not pagecache.affects_pages(ignored)


def test_sql_statements_are_classified():
    written = pagecache.written_table
    assert written('SELECT * FROM "articles_article"') is None
    assert written('SELECT 1 FROM "a" FOR UPDATE') is None
    assert written('INSERT INTO "articles_article" ("headline") VALUES (%s)') == "articles_article"
    assert written('UPDATE "photos_photo" SET "caption" = %s') == "photos_photo"
    assert written('DELETE FROM "workplan_task" WHERE id = 1') == "workplan_task"
    assert written('TRUNCATE "profiles_profile" CASCADE') == "profiles_profile"
    assert written("COPY articles_article (id) FROM STDIN") == "articles_article"
    assert written("WITH x AS (DELETE FROM a RETURNING id) SELECT 1") == "?"
    assert written("WITH x AS (SELECT 1) SELECT * FROM x") is None
    assert written("CREATE INDEX foo ON bar (baz)") is None
    assert written("SAVEPOINT s1") is None
    assert written("do something unexpected") == "?"


def _generation():
    pagecache.settle()  # the writes of the (uncommitted) test transaction
    return pagecache._shared().get(pagecache.GEN_KEY)


# --- Scheduled publication ---------------------------------------------------------------


def test_a_scheduled_article_appears_when_its_time_comes(client):
    ArticleFactory(headline="已经发布的")
    publish_at = timezone.now() + timedelta(seconds=1.5)
    ArticleFactory(headline="定时发布的稿件", published_at=publish_at)
    page = client.get("/")
    assert "定时发布的稿件" not in page.text
    # No cache, here or in a proxy, keeps the page past the publish time.
    expires = (
        int(page["X-Accel-Expires"].removeprefix("@")) if page["X-Accel-Expires"] != "0" else 0
    )
    assert expires + 1 <= publish_at.timestamp()
    assert "s-maxage=1" in page["Cache-Control"] or "s-maxage=0" in page["Cache-Control"]
    _cached, count = queries_for(client, "/")
    assert count == 0
    time.sleep(max(0.0, publish_at.timestamp() - time.time()) + 0.05)
    assert "定时发布的稿件" in client.get("/").text


def test_the_next_publish_time_bounds_the_generation():
    publish_at = timezone.now() + timedelta(hours=2)
    ArticleFactory(published_at=publish_at)
    ArticleFactory(published_at=publish_at + timedelta(hours=1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=timezone.now() + timedelta(minutes=5))
    gen = _generation()
    stored = pagecache._shared().get(pagecache.NEXT_KEY.format(gen))
    assert stored is not None
    assert stored == pytest.approx(publish_at.timestamp())


# --- Several workers ------------------------------------------------------------------------


def test_another_worker_sees_a_change_within_its_confirmation_interval(client):
    article = ArticleFactory(headline="第一版标题")
    url = article.get_absolute_url()
    other = pagecache.PageCache()
    with worker(other):
        assert "第一版标题" in client.get(url).text  # the other worker cached it
    Article.objects.filter(pk=article.pk).update(headline="第二版标题")
    # This process wrote: it confirms again before its next answer.
    assert "第二版标题" in client.get(url).text
    with worker(other):
        other.confirmed_at = time.monotonic()  # as if it had just confirmed
        stale = client.get(url).text
        assert "第一版标题" in stale  # its memory may answer within the interval...
        time.sleep(settings.PAGE_CACHE_CONFIRM_SECONDS + 0.02)
        assert "第二版标题" in client.get(url).text  # ...and no longer


def test_a_worker_that_cannot_reach_the_shared_cache_renders_every_page(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    settings.PAGE_CACHE_ALIAS = "unreachable"
    article = ArticleFactory(headline="缓存服务器不在时")
    for _ in range(2):
        response, count = queries_for(client, article.get_absolute_url())
        assert response.status_code == 200
        assert "缓存服务器不在时" in response.text
        assert count > 0
    Article.objects.filter(pk=article.pk).update(headline="照样可以修改")  # the bump fails quietly
    assert "照样可以修改" in client.get(article.get_absolute_url()).text


@pytest.mark.django_db(transaction=True)
def test_in_production_a_transaction_bumps_once_when_it_commits(settings):
    from django.db import transaction

    settings.PAGE_CACHE_BUMP_ON_WRITE = False
    section = SectionFactory()
    before = _generation()
    with transaction.atomic():
        ArticleFactory(section=section)
        ArticleFactory(section=section)
        assert _generation() == before  # nobody may cache the new state before it is visible
    after = _generation()
    assert after == before + 1
    with contextlib.suppress(RuntimeError), transaction.atomic():
        ArticleFactory(section=section)
        raise RuntimeError("rolled back")
    assert _generation() == after  # a rolled-back transaction changed nothing


def test_a_failed_bump_is_retried_before_the_writer_answers_again(client, settings):
    from unittest import mock

    article = ArticleFactory(headline="Redis 暂时不在")
    client.get(article.get_absolute_url())
    with mock.patch.object(pagecache._shared(), "incr", side_effect=ConnectionError("down")):
        Article.objects.filter(pk=article.pk).update(headline="Redis 回来之前改的")
        pagecache.settle()
        assert pagecache.default_cache().pending_bump
        # Until the bump succeeds this process renders every page and caches nothing.
        assert "Redis 回来之前改的" in client.get(article.get_absolute_url()).text
    assert "Redis 回来之前改的" in client.get(article.get_absolute_url()).text
    assert not pagecache.default_cache().pending_bump


def test_clear_page_cache_command_starts_a_new_generation(client):
    import io

    from django.core.management import call_command

    ArticleFactory(headline="命令行")
    client.get("/")
    before = _generation()
    call_command("clear_page_cache", stdout=io.StringIO())
    assert _generation() != before
    _response, count = queries_for(client, "/")
    assert count > 0
