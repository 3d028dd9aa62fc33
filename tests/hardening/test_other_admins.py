"""Work plans, tasks and profiles get the same safety as articles: versions, edit-conflict
refusal, restore and recover, audited publishing, per-role rights on history."""

import pytest
from django.urls import reverse
from reversion.models import Version

from audit.models import AuditEntry
from profiles.models import Profile
from tests.admin_utils import admin_form_data
from tests.profiles.factories import ProfileFactory
from tests.workplan.factories import TaskFactory, WorkPlanFactory
from workplan.models import Task, WorkPlan

from .conftest import client_for

pytestmark = pytest.mark.django_db


def url(model, name, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


def open_form(client, obj):
    response = client.get(url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return response, response.context["edit_token"]


def save(client, obj, response, token, **changes):
    return client.post(
        url(type(obj), "change", obj.pk), admin_form_data(response, _edit_token=token, **changes)
    )


def test_plan_saves_keep_versions_and_a_stale_save_is_refused(editor, second_editor):
    plan = WorkPlanFactory(year=2031, title="原计划标题")
    TaskFactory(plan=plan, title="原有任务。")
    alice, bob = client_for(editor), client_for(second_editor)
    form_a, token_a = open_form(alice, plan)
    form_b, token_b = open_form(bob, plan)
    assert save(alice, plan, form_a, token_a, title="甲改的计划").status_code == 302
    refused = save(bob, plan, form_b, token_b, title="乙改的计划")
    assert refused.status_code == 200
    assert "保存未成功" in refused.content.decode()
    assert "乙改的计划" in refused.content.decode()
    assert WorkPlan.objects.get(pk=plan.pk).title == "甲改的计划"
    version = Version.objects.get_for_object(plan).get()
    assert version.revision.user == editor
    # The plan's tasks travel with its version.
    assert any("原有任务" in v.object_repr for v in version.revision.version_set.all())


def test_task_without_updated_at_is_protected_through_its_versions(editor, second_editor):
    task = TaskFactory(title="任务原文。")
    alice, bob = client_for(editor), client_for(second_editor)
    form_a, token_a = open_form(alice, task)
    form_b, token_b = open_form(bob, task)
    assert save(alice, task, form_a, token_a, title="甲改的任务。").status_code == 302
    refused = save(bob, task, form_b, token_b, title="乙改的任务。")
    assert "保存未成功" in refused.content.decode()
    assert Task.objects.get(pk=task.pk).title == "甲改的任务。"


def test_plan_restore_and_recover(editor):
    plan = WorkPlanFactory(year=2032, title="第一版")
    client = client_for(editor)
    form, token = open_form(client, plan)
    save(client, plan, form, token, title="第一版")
    first = Version.objects.get_for_object(plan).get()
    form, token = open_form(client, plan)
    save(client, plan, form, token, title="第二版")
    revision_url = url(WorkPlan, "revision", plan.pk, first.pk)
    preview = client.get(revision_url)
    client.post(revision_url, admin_form_data(preview, _edit_token=preview.context["edit_token"]))
    assert WorkPlan.objects.get(pk=plan.pk).title == "第一版"
    assert client.post(url(WorkPlan, "delete", plan.pk), {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(WorkPlan).get()
    recover_url = url(WorkPlan, "recover", deleted.pk)
    assert client.post(recover_url, admin_form_data(client.get(recover_url))).status_code == 302
    assert WorkPlan.objects.get(pk=plan.pk).title == "第一版"


def test_profile_publishing_is_audited_and_conflicts_refused(editor, second_editor):
    profile = ProfileFactory(name="包杰", is_published=False)
    alice, bob = client_for(editor), client_for(second_editor)
    form_a, token_a = open_form(alice, profile)
    form_b, token_b = open_form(bob, profile)
    assert save(alice, profile, form_a, token_a, is_published="on").status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PUBLISH)
    assert entry.object_repr == "包杰"
    assert entry.user == editor
    refused = save(bob, profile, form_b, token_b, position="乙改的职务")
    assert "保存未成功" in refused.content.decode()
    assert Profile.objects.get(pk=profile.pk).position != "乙改的职务"


def test_reporter_cannot_see_history_of_someone_elses_profile(reporter, other_reporter, editor):
    theirs = ProfileFactory(name="别人的草稿人物", is_published=False, created_by=other_reporter)
    form, token = open_form(client_for(editor), theirs)
    save(client_for(editor), theirs, form, token, deeds="未公开的事迹")
    version = Version.objects.get_for_object(theirs).get()
    client = client_for(reporter)
    for target in (
        url(Profile, "history", theirs.pk),
        url(Profile, "revision", theirs.pk, version.pk),
    ):
        response = client.get(target, follow=True)
        assert "未公开的事迹" not in response.content.decode()
    assert client.get(url(Profile, "recoverlist")).status_code == 403
