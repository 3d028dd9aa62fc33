"""Services record what they do: one audit entry per publish, withdraw, submit and return,
whichever page, action or command made the change (issue: the add form went unaudited)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services
from articles.models import Article, Section
from audit.models import AuditEntry
from core.roles import EDITOR
from profiles import services as profile_services
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.hardening.conftest import article_url, client_for
from tests.profiles.factories import ProfileFactory
from tests.workplan.factories import WorkPlanFactory
from workplan import services as plan_services
from workplan.models import WorkPlan

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


def entries(action, obj):
    return list(AuditEntry.objects.filter(action=action, object_id=str(obj.pk)))


def test_publishing_from_the_add_form_is_audited_once(editor):
    section = SectionFactory()
    client = client_for(editor)
    form = client.get(article_url("add"))
    data = admin_form_data(
        form, headline="新建即发布", section=str(section.pk), _publish="保存并发布"
    )
    response = client.post(article_url("add"), data, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302
    article = Article.objects.get(headline="新建即发布")
    assert article.status == Article.Status.PUBLISHED
    [entry] = entries(Action.PUBLISH, article)
    assert entry.user == editor
    assert entry.ip_address == "10.9.8.7"
    assert "草稿 → 已发布" in entry.detail


def test_publishing_from_the_change_form_is_audited_once(editor):
    article = ArticleFactory(status=Article.Status.SUBMITTED, published_at=None)
    client = client_for(editor)
    form = client.get(article_url("change", article.pk))
    data = admin_form_data(form, _edit_token=form.context["edit_token"], _publish="保存并发布")
    assert client.post(article_url("change", article.pk), data).status_code == 302
    [entry] = entries(Action.PUBLISH, article)
    assert "待审 → 已发布" in entry.detail


def test_publishing_from_the_list_action_is_audited_once_per_article(editor):
    drafts = ArticleFactory.create_batch(3, status=Article.Status.SUBMITTED, published_at=None)
    client_for(editor).post(
        article_url("changelist"),
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
    )
    for article in drafts:
        assert len(entries(Action.PUBLISH, article)) == 1


def test_publishing_from_the_shell_is_audited_once_without_an_address(editor):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    services.article_publish(article=article, user=editor)
    [entry] = entries(Action.PUBLISH, article)
    assert entry.user == editor
    assert entry.ip_address is None


def test_scheduling_is_audited_with_the_time(editor):
    from datetime import timedelta

    from django.utils import timezone

    article = ArticleFactory(status=Article.Status.SUBMITTED, published_at=None)
    services.article_publish(article=article, user=editor, at=timezone.now() + timedelta(days=1))
    [entry] = entries(Action.PUBLISH, article)
    assert "定时发布" in entry.detail


def test_submit_withdraw_and_return_are_audited_by_the_services(editor, reporter):
    article = ArticleFactory(author=reporter, status=Article.Status.DRAFT, published_at=None)
    services.article_submit(article=article, user=reporter)
    services.article_publish(article=article, user=editor)
    services.article_withdraw(article=article, user=editor)
    services.article_return_to_draft(article=article, user=editor, reason="请补充现场照片。")
    actions = list(
        AuditEntry.objects.filter(object_id=str(article.pk))
        .order_by("pk")
        .values_list("action", "username")
    )
    assert actions == [
        (Action.SUBMIT, "reporter"),
        (Action.PUBLISH, "editor"),
        (Action.WITHDRAW, "editor"),
        (Action.RETURN, "editor"),
    ]


def test_a_refused_transition_records_nothing(reporter):
    article = ArticleFactory(status=Article.Status.SUBMITTED, published_at=None)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, user=reporter)
    assert not AuditEntry.objects.exists()


def test_saving_without_a_status_change_records_nothing(editor):
    article = ArticleFactory()
    client = client_for(editor)
    form = client.get(article_url("change", article.pk))
    data = admin_form_data(form, _edit_token=form.context["edit_token"], headline="只改标题")
    assert client.post(article_url("change", article.pk), data).status_code == 302
    assert not AuditEntry.objects.exists()


def test_profile_published_by_the_checkbox_or_the_action_or_the_shell_is_audited(editor):
    ticked, listed, shell = ProfileFactory.create_batch(3, is_published=False)
    client = client_for(editor)
    url = reverse("admin:profiles_profile_change", args=[ticked.pk])
    form = client.get(url)
    data = admin_form_data(form, _edit_token=form.context["edit_token"], is_published="on")
    assert client.post(url, data).status_code == 302
    client.post(
        reverse("admin:profiles_profile_changelist"),
        {"action": "publish_selected", "_selected_action": [listed.pk]},
    )
    profile_services.profile_set_published(profiles=[shell], user=editor, published=True)
    for profile in (ticked, listed, shell):
        profile.refresh_from_db()
        assert profile.is_published
        [entry] = entries(Action.PUBLISH, profile)
        assert entry.user == editor


def test_profile_added_as_published_is_audited(editor):
    from tests.profiles.factories import ProfileKindFactory

    kind = ProfileKindFactory()
    client = client_for(editor)
    url = reverse("admin:profiles_profile_add")
    data = admin_form_data(
        client.get(url),
        name="新人物",
        position="职工",
        kind=str(kind.pk),
        deeds="事迹",
        is_published="on",
    )
    assert client.post(url, data).status_code == 302
    from profiles.models import Profile

    profile = Profile.objects.get(name="新人物")
    assert profile.is_published
    assert len(entries(Action.PUBLISH, profile)) == 1


def test_plan_published_from_the_form_then_withdrawn_from_the_shell_is_audited(editor):
    plan = WorkPlanFactory(is_published=False)
    client = client_for(editor)
    url = reverse("admin:workplan_workplan_change", args=[plan.pk])
    form = client.get(url)
    data = admin_form_data(form, _edit_token=form.context["edit_token"], is_published="on")
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.is_published
    plan_services.workplan_set_published(plan=plan, user=editor, published=False)
    assert len(entries(Action.PUBLISH, plan)) == 1
    assert len(entries(Action.WITHDRAW, plan)) == 1
    assert not WorkPlan.objects.get(pk=plan.pk).is_published


def test_plan_added_as_published_is_audited(editor):
    client = client_for(editor)
    url = reverse("admin:workplan_workplan_add")
    data = admin_form_data(client.get(url), year="2031", title="2031年计划", is_published="on")
    assert client.post(url, data).status_code == 302
    plan = WorkPlan.objects.get(year=2031)
    assert plan.is_published
    assert len(entries(Action.PUBLISH, plan)) == 1


def test_a_reporter_cannot_publish_a_profile_by_a_crafted_checkbox(reporter):
    from tests.profiles.factories import ProfileKindFactory

    kind = ProfileKindFactory()
    client = client_for(reporter)
    url = reverse("admin:profiles_profile_add")
    data = admin_form_data(
        client.get(url), name="记者稿", position="职工", kind=str(kind.pk), deeds="事迹"
    )
    data["is_published"] = "on"
    assert client.post(url, data).status_code == 302
    from profiles.models import Profile

    assert not Profile.objects.get(name="记者稿").is_published
    assert not AuditEntry.objects.filter(action=Action.PUBLISH).exists()


def test_an_editor_is_a_member_of_the_editor_group_not_a_holder_of_one_permission():
    from django.contrib.auth.models import Permission

    from core.roles import is_editor

    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="publish_article"))
    assert not is_editor(user)
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    assert is_editor(user)
    assert Section.objects.count() == 0  # no side effects
