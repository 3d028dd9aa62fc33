"""Profiles, work plans and tasks in the search: published only, kept right on change."""

import pytest
from django.urls import reverse

from profiles.models import Profile
from profiles.services import profile_set_published
from search.models import SearchDocument
from tests.profiles.factories import HonourFactory, ProfileFactory
from tests.workplan.factories import TaskFactory, WorkPlanFactory
from workplan.models import WorkPlan

pytestmark = pytest.mark.django_db


def hits(client, q, **params):
    response = client.get(reverse("search:search"), {"q": q, **params})
    assert response.status_code == 200
    return [(hit.kind, hit.title) for hit in response.context["results"].hits]


def test_profiles_are_found_by_name_position_organization_deeds_and_biography(client):
    ProfileFactory(
        name="包杰",
        position="灯湖社区党委书记",
        organization="灯湖社区党委",
        deeds="坚持创建熟人社区。",
        biography="<p>推进楼长制,成立街坊会。</p>",
    )
    for q in ["包杰", "党委书记", "灯湖", "熟人社区", "街坊会"]:
        assert hits(client, q) == [("profile", "包杰")], q


def test_honours_are_part_of_the_profile_document(client):
    profile = ProfileFactory(name="陈建华")
    HonourFactory(profile=profile, title="全国五一劳动奖章")
    assert hits(client, "五一劳动奖章") == [("profile", "陈建华")]


def test_a_name_hit_ranks_above_a_mention_in_an_article(client):
    from tests.factories import ArticleFactory

    ArticleFactory(headline="社区新闻", body="<p>包杰说,要做实做好服务。</p>")
    ProfileFactory(name="包杰")
    assert hits(client, "包杰") == [("profile", "包杰"), ("article", "社区新闻")]


def test_unpublished_profiles_are_never_found(client, editor):
    ProfileFactory(name="未发布人物", is_published=False)
    profile = ProfileFactory(name="已发布人物")
    assert hits(client, "人物") == [("profile", "已发布人物")]
    # The profiles app unpublishes with QuerySet.update() (no signal): still hidden at once.
    profile_set_published(profiles=[profile], user=editor, published=False)
    assert hits(client, "人物") == []
    assert Profile.objects.filter(pk=profile.pk, is_published=False).exists()


def test_deleting_a_profile_removes_it(client):
    profile = ProfileFactory(name="陈建华")
    profile.delete()
    assert not SearchDocument.objects.filter(kind="profile").exists()
    assert hits(client, "陈建华") == []


def test_tasks_and_plans_of_published_plans_are_found_with_a_link_to_the_plan(client):
    task = TaskFactory(title="做实做优职工服务品牌。", plan=WorkPlanFactory(year=2031))
    found = hits(client, "职工服务")
    assert found == [("task", "做实做优职工服务品牌。")]
    response = client.get(reverse("search:search"), {"q": "职工服务"})
    assert response.context["results"].hits[0].url == f"/plans/2031/#task-{task.pk}"
    # The plan's title is in its tasks' documents too, but the plan's own headline wins.
    assert hits(client, "2031年南海工会") == [
        ("plan", "2031年南海工会重点工作任务"),
        ("task", "做实做优职工服务品牌。"),
    ]


def test_tasks_of_unpublished_plans_are_never_found(client):
    plan = WorkPlanFactory(year=2032, is_published=False)
    TaskFactory(plan=plan, title="保密的任务。")
    assert hits(client, "保密") == []
    assert hits(client, "2032年") == []
    WorkPlan.objects.filter(pk=plan.pk).update(is_published=True)  # no signal: still right
    assert hits(client, "保密") == [("task", "保密的任务。")]


def test_renaming_a_plan_changes_its_tasks_documents(client):
    plan = WorkPlanFactory(year=2033)
    TaskFactory(plan=plan, title="送温暖活动。", details="")
    plan.title = "2033年灯湖专项计划"
    plan.save()
    assert ("task", "送温暖活动。") in hits(client, "灯湖专项")


def test_year_and_type_filters_apply_to_plans_and_tasks(client):
    TaskFactory(plan=WorkPlanFactory(year=2034), title="劳模宣讲。")
    assert hits(client, "劳模", type="task") == [("task", "劳模宣讲。")]
    assert hits(client, "劳模", type="profile") == []
    assert hits(client, "劳模", year=2034) == [("task", "劳模宣讲。")]
