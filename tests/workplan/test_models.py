from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template

from workplan.figures import format_figure, plain_number
from workplan.models import Category, KeyFigure, Task, WorkPlan

from .factories import CategoryFactory, KeyFigureFactory, TaskFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

# (qualifier, number, magnitude, unit, as the newspaper writes it)
SEED_FIGURES = [
    ("余", "127.6", "万", "人次", "127.6万余人次"),
    ("超", "8000", "", "人", "超8000人"),
    ("余", "10", "万", "人次", "10余万人次"),
    ("多", "40", "万", "人次", "40多万人次"),
    ("", "1091", "", "场", "1091场"),
    ("", "20", "", "个项目", "20个项目"),
    ("超过", "100", "", "场次", "超过100场次"),
]


def test_data_migration_creates_the_five_categories_in_order():
    from django.apps import apps

    from .conftest import SEED_MIGRATION

    Category.objects.all().delete()
    SEED_MIGRATION.create_categories(apps, None)
    SEED_MIGRATION.create_categories(apps, None)  # idempotent
    assert list(Category.objects.values_list("name", "order")) == [
        ("思想引领", 10),
        ("立功竞赛", 20),
        ("维权维稳", 30),
        ("精准服务", 40),
        ("工会建设", 50),
    ]


def test_categories_stay_editable():
    category = Category.objects.get(name="工会建设")
    category.name = "工会自身建设"
    category.order = 1
    category.description = "夯实基层基础"
    category.full_clean()
    category.save()
    assert Category.objects.first().name == "工会自身建设"


@pytest.mark.parametrize(("qualifier", "number", "magnitude", "unit", "expected"), SEED_FIGURES)
def test_seed_figures_render_as_the_newspaper_writes_them(
    qualifier, number, magnitude, unit, expected
):
    figure = KeyFigureFactory(
        qualifier=qualifier, number=Decimal(number), magnitude=magnitude, unit=unit
    )
    figure.refresh_from_db()  # as stored: Decimal("127.60"), Decimal("8000.00")
    assert figure.display == expected
    rendered = Template("{% load workplan_tags %}{{ figure|figure }}").render(
        Context({"figure": figure})
    )
    assert rendered == expected
    html = Template("{% load workplan_tags %}{{ figure|figure_html }}").render(
        Context({"figure": figure})
    )
    assert '<span class="figure__number">' + plain_number(number) + "</span>" in html


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        ("auto", "1.5万余人"),
        ("before", "余1.5万人"),
        ("after_number", "1.5余万人"),
        ("after_magnitude", "1.5万余人"),
    ],
)
def test_editor_can_override_where_the_qualifier_goes(position, expected):
    text = format_figure(
        number=Decimal("1.50"), magnitude="万", qualifier="余", position=position, unit="人"
    )
    assert text == expected


def test_figure_parts_split_the_number_from_the_words():
    figure = KeyFigureFactory(qualifier="超", number=Decimal("8000"), unit="人")
    assert figure.parts == ("超", "8000", "人")
    assert str(figure).endswith("超8000人")


def test_plain_number_drops_trailing_zeros_and_keeps_no_separator():
    assert plain_number(Decimal("127.60")) == "127.6"
    assert plain_number(Decimal("8000.00")) == "8000"
    assert plain_number(Decimal("12345678")) == "12345678"


def test_figure_that_is_not_a_number_is_refused_in_chinese():
    figure = KeyFigure(plan=WorkPlanFactory(), label="服务职工", number="127.6万")
    with pytest.raises(ValidationError) as exc:
        figure.full_clean()
    assert "只能填写阿拉伯数字" in exc.value.message_dict["number"][0]


def test_second_plan_for_the_same_year_is_refused_in_chinese():
    WorkPlanFactory(year=2020)
    duplicate = WorkPlan(year=2020, title="又一份2020年计划")
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert "这一年已有工作计划" in exc.value.message_dict["year"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert WorkPlan.objects.filter(year=2020).count() == 1


def test_task_without_title_is_refused_by_validation_and_database():
    task = Task(plan=WorkPlanFactory(), category=CategoryFactory(), title="")
    with pytest.raises(ValidationError) as exc:
        task.full_clean()
    assert exc.value.message_dict["title"] == ["请填写任务名称。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        task.save()
    assert not Task.objects.exists()


def test_task_without_category_is_refused_in_chinese():
    task = Task(plan=WorkPlanFactory(), title="推动构建和谐劳动关系。")
    with pytest.raises(ValidationError) as exc:
        task.full_clean()
    assert exc.value.message_dict["category"] == ["请选择任务类别。"]


def test_published_plans_exclude_drafts():
    live = WorkPlanFactory(year=2020, is_published=True)
    WorkPlanFactory(year=2021, is_published=False)
    assert list(WorkPlan.objects.published()) == [live]


def test_tasks_are_ordered_by_category_then_order():
    plan = WorkPlanFactory()
    first, second = Category.objects.get(name="思想引领"), Category.objects.get(name="立功竞赛")
    b2 = TaskFactory(plan=plan, category=second, order=2, title="乙二")
    a2 = TaskFactory(plan=plan, category=first, order=2, title="甲二")
    b1 = TaskFactory(plan=plan, category=second, order=1, title="乙一")
    a1 = TaskFactory(plan=plan, category=first, order=1, title="甲一")
    assert list(plan.tasks.all()) == [a1, a2, b1, b2]


def test_urls_use_the_year():
    plan = WorkPlanFactory(year=2020)
    task = TaskFactory(plan=plan)
    assert plan.get_absolute_url() == "/plans/2020/"
    assert plan.get_overview_url() == "/plans/2020/overview/"
    assert task.get_absolute_url() == f"/plans/2020/#task-{task.pk}"
