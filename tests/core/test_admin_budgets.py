"""The admin's pages stay within a fixed number of queries whatever the amount of content
(issue 10): asserted with many rows, per role."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticlePhoto
from tests.factories import ArticleFactory, CreditFactory, SectionFactory
from tests.photos.conftest import make_photo  # noqa: F401
from tests.workplan.factories import TaskFactory, TaskReportFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.fixture
def busy_desk(editor, reporter):
    """A newsroom with a past: 100 articles in every state, by the reporter and others."""
    section = SectionFactory()
    now = timezone.now()
    for i in range(40):
        ArticleFactory(section=section, author=reporter, published_at=now - timedelta(days=i))
    for _ in range(20):
        ArticleFactory(section=section, author=reporter, status=Status.SUBMITTED, published_at=None)
    for i in range(20):
        article = ArticleFactory(
            section=section, author=reporter, status=Status.SUBMITTED, published_at=None
        )
        services.article_return_to_draft(article=article, user=editor, reason=f"第{i}条意见")
    for i in range(10):
        ArticleFactory(section=section, published_at=now + timedelta(days=i + 1))
    ArticleFactory.create_batch(10, section=section, status=Status.DRAFT, published_at=None)
    assert Article.objects.count() == 100


def test_article_list_with_100_articles_stays_within_12_queries(client, editor, busy_desk):
    client.force_login(editor)
    queries, response = count_queries(client, reverse("admin:articles_article_changelist"))
    assert len(response.context["cl"].result_list) == 50
    assert queries <= 12, queries  # 10 measured


def test_reporters_article_list_stays_within_12_queries(client, reporter, busy_desk):
    client.force_login(reporter)
    queries, response = count_queries(client, reverse("admin:articles_article_changelist"))
    assert response.context["cl"].result_list
    assert queries <= 12, queries


def test_editors_start_page_stays_within_its_budget(client, editor, busy_desk):
    client.force_login(editor)
    queries, response = count_queries(client, reverse("admin:index"))
    titles = [p["panel"].title for p in response.context["panels"]]
    assert titles == ["待审", "定时发布", "最近发布", "最近的操作"]
    assert queries <= 10, queries  # 9 measured


def test_reporters_start_page_stays_within_its_budget(client, reporter, busy_desk):
    client.force_login(reporter)
    queries, response = count_queries(client, reverse("admin:index"))
    titles = [p["panel"].title for p in response.context["panels"]]
    assert titles == ["退回修改", "我的草稿", "已提交，待审核", "已发布"]
    assert queries <= 11, queries  # 10 measured


def test_article_form_with_credits_gallery_and_tasks_stays_within_its_budget(
    client,
    editor,
    make_photo,  # noqa: F811
):
    article = ArticleFactory(status=Status.SUBMITTED, cover=make_photo(editor))
    for i in range(8):
        CreditFactory(article=article, order=i)
    for i in range(6):
        ArticlePhoto.objects.create(article=article, photo=make_photo(editor), order=i)
    plan = WorkPlanFactory()
    for _ in range(5):
        TaskReportFactory(article=article, task=TaskFactory(plan=plan))
    services.article_return_to_draft(article=article, user=editor, reason="补充图片说明。")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    # A first view fills what every later view reads from the caches (the proofreading
    # lists' automaton, content types, the site information).
    client.get(url)
    queries, response = count_queries(client, url)
    assert "补充图片说明。" in response.text
    # Credits, gallery rows (with their photos), attachments, task links and review notes
    # are read one query each, however many rows there are; the proofreading panel reuses
    # the inlines' rows and reads the marks (two queries).
    assert queries <= 20, queries  # 19 measured


def test_photo_list_stays_within_its_budget(client, editor, make_photo):  # noqa: F811
    for _ in range(30):
        make_photo(editor)
    client.force_login(editor)
    queries, response = count_queries(client, reverse("admin:photos_photo_changelist"))
    assert len(response.context["cl"].result_list) == 30
    assert queries <= 12, queries  # 11 measured


def test_photo_picker_answers_within_its_budget(client, reporter, make_photo):  # noqa: F811
    for _ in range(30):
        make_photo(reporter)
    client.force_login(reporter)
    queries, response = count_queries(
        client,
        reverse("admin:autocomplete"),
        app_label="articles",
        model_name="article",
        field_name="cover",
    )
    assert len(response.json()["results"]) == 20
    assert queries <= 8, queries  # 7 measured


def test_work_plan_form_with_30_tasks_stays_within_its_budget(client, editor):
    plan = WorkPlanFactory()
    for _ in range(30):
        TaskFactory(plan=plan)
    client.force_login(editor)
    queries, response = count_queries(
        client, reverse("admin:workplan_workplan_change", args=[plan.pk])
    )
    assert len(response.context["inline_admin_formsets"][0].formset.forms) == 31
    assert queries <= 14, queries  # 14 measured
