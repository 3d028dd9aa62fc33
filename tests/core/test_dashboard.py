"""The admin's start page per role, built from the parts apps declare (core.dashboard)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from core import dashboard
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def start_page(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response


def panel(response, key):
    [found] = [p["context"] for p in response.context["panels"] if p["panel"].key == key]
    return found


def test_editors_see_the_review_queue_oldest_first_with_its_count(client, editor, reporter):
    reporter.first_name, reporter.last_name = "冬冬", "李"
    reporter.save()
    now = timezone.now()
    for days, headline in ((1, "昨天交的"), (3, "三天前交的")):
        ArticleFactory(
            headline=headline,
            author=reporter,
            status=Status.SUBMITTED,
            published_at=None,
            submitted_at=now - timedelta(days=days),
        )
    ArticleFactory(headline="明天见报", published_at=now + timedelta(days=1))
    ArticleFactory(headline="已经见报")
    response = start_page(client, editor)
    queue = panel(response, "review-queue")
    assert queue["count"] == 2
    assert [item["title"] for item in queue["items"]] == ["三天前交的", "昨天交的"]
    assert queue["items"][0]["meta"].startswith("李冬冬 · ")
    assert [i["title"] for i in panel(response, "scheduled")["items"]] == ["明天见报"]
    assert [i["title"] for i in panel(response, "recently-published")["items"]] == ["已经见报"]
    labels = [s["shortcut"].label for s in response.context["shortcuts"]]
    assert labels == ["写稿", "传图"]
    assert "待审" in response.text
    assert 'class="dash-count">2<' in response.text


def test_reporters_see_their_own_work_and_the_editors_reason(client, editor, reporter):
    editor.first_name, editor.last_name = "梦灵", "黄"
    editor.save()
    returned = ArticleFactory(headline="退回的稿", author=reporter, status=Status.SUBMITTED)
    services.article_return_to_draft(article=returned, user=editor, reason="请补充人数。")
    ArticleFactory(headline="我的草稿", author=reporter, status=Status.DRAFT, published_at=None)
    ArticleFactory(headline="交了的稿", author=reporter, status=Status.SUBMITTED)
    ArticleFactory(headline="见报的稿", author=reporter)
    ArticleFactory(headline="别人的稿", status=Status.SUBMITTED)
    response = start_page(client, reporter)
    keys = [p["panel"].key for p in response.context["panels"]]
    assert keys == ["returned", "my-drafts", "my-submitted", "my-published"]
    [item] = panel(response, "returned")["items"]
    assert (item["title"], item["note"]) == ("退回的稿", "请补充人数。")
    assert item["note_by"] == "审稿意见 · 黄梦灵"
    assert [i["title"] for i in panel(response, "my-drafts")["items"]] == ["我的草稿"]
    assert [i["title"] for i in panel(response, "my-submitted")["items"]] == ["交了的稿"]
    assert [i["title"] for i in panel(response, "my-published")["items"]] == ["见报的稿"]
    assert "别人的稿" not in response.text
    assert "请补充人数。" in response.text


def test_the_last_changes_name_people_not_accounts(client, editor):
    editor.first_name, editor.last_name = "梦灵", "黄"
    editor.save()
    services.article_withdraw(article=ArticleFactory(headline="撤下的稿"), user=editor)
    [item] = panel(start_page(client, editor), "recent-changes")["items"]
    assert item["title"] == "撤下的稿"
    assert item["meta"].startswith("黄梦灵 撤回 · ")


def test_the_sections_are_in_the_order_of_a_newsrooms_day(client, superuser):
    labels = [app["app_label"] for app in start_page(client, superuser).context["app_list"]]
    assert labels[:4] == ["articles", "photos", "workplan", "profiles"]


def test_a_declared_panel_shows_for_whom_it_answers(client, editor, reporter):
    def only_editors(request):
        return {"items": [], "empty": "只有编辑看到"} if request.user == editor else None

    dashboard.register_panel(dashboard.Panel(key="test-only", title="测试框", context=only_editors))
    try:
        assert "只有编辑看到" in start_page(client, editor).text
        assert "只有编辑看到" not in start_page(client, reporter).text
    finally:
        dashboard._panels.pop("test-only")


def test_staff_without_upload_right_get_no_upload_button(client, django_user_model):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("clerk", password="x" * 16, is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_article"))
    response = start_page(client, clerk)
    assert response.context["shortcuts"] == []
