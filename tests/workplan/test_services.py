import pytest
from django.core.exceptions import ValidationError

from tests.factories import ArticleFactory
from workplan.models import Category, Task, WorkPlan
from workplan.services import workplan_copy_to_year

from .factories import KeyFigureFactory, TaskFactory, TaskReportFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


def _plan_2020():
    plan = WorkPlanFactory(year=2020, intro="导语", source=ArticleFactory())
    thought, service = Category.objects.get(name="思想引领"), Category.objects.get(name="精准服务")
    TaskFactory(
        plan=plan,
        category=thought,
        order=1,
        title="团结引导职工群众听党话、跟党走。",
        details="深化“中国梦·劳动美”主题教育",
        lead_department="宣教部",
        status=Task.Status.DONE,
        progress_note="已完成全年宣讲",
    )
    done = TaskFactory(
        plan=plan,
        category=service,
        order=2,
        title="做实做优职工服务品牌。",
        status=Task.Status.IN_PROGRESS,
        progress_note="服务中心提质",
    )
    TaskReportFactory(task=done)
    KeyFigureFactory(plan=plan)
    return plan


def test_copy_makes_next_years_draft_with_tasks_reset():
    plan = _plan_2020()
    new_plan = workplan_copy_to_year(plan=plan, year=2021)

    assert new_plan.year == 2021
    assert new_plan.title == "2021年南海工会重点工作任务"
    assert new_plan.is_published is False
    assert new_plan.source is None
    copied = list(new_plan.tasks.values_list("category__name", "order", "title", "details",
                                             "lead_department", "status", "progress_note"))  # fmt: skip
    assert copied == [
        ("思想引领", 1, "团结引导职工群众听党话、跟党走。", "深化“中国梦·劳动美”主题教育", "宣教部",
         "not_started", ""),
        ("精准服务", 2, "做实做优职工服务品牌。", "", "", "not_started", ""),
    ]  # fmt: skip
    # Reports and figures belong to their year; the original plan is untouched.
    assert not Task.objects.filter(plan=new_plan, reports__isnull=False).exists()
    assert not new_plan.figures.exists()
    assert list(plan.tasks.values_list("status", flat=True)) == ["done", "in_progress"]


def test_copy_to_a_year_that_has_a_plan_saves_nothing():
    plan = _plan_2020()
    existing = WorkPlanFactory(year=2021, title="已有的2021年计划")
    with pytest.raises(ValidationError) as exc:
        workplan_copy_to_year(plan=plan, year=2021)
    assert exc.value.messages == ["2021年已有工作计划，没有复制。请先删除或修改2021年的计划。"]
    assert WorkPlan.objects.count() == 2
    assert not existing.tasks.exists()
    assert Task.objects.count() == 2
