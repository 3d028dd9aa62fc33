from decimal import Decimal

import factory

from workplan.models import Category, KeyFigure, Task, TaskReport, WorkPlan


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"类别{n}")
    order = factory.Sequence(lambda n: 100 + n)


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda o: f"{o.year}年南海工会重点工作任务")
    is_published = True


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(WorkPlanFactory)
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"重点任务{n}。")
    order = factory.Sequence(lambda n: n)


class TaskReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskReport

    task = factory.SubFactory(TaskFactory)
    article = factory.SubFactory("tests.factories.ArticleFactory")


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    plan = factory.SubFactory(WorkPlanFactory)
    label = factory.Sequence(lambda n: f"数据{n}")
    number = Decimal("1091")
    unit = "场"
