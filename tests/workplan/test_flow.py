"""The issue's acceptance run, as a new editor would do it through the admin."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory
from workplan.models import Task, WorkPlan

from .factories import TaskFactory, WorkPlanFactory
from .helpers import add_inline_row, admin_post_data

pytestmark = pytest.mark.django_db


def test_editor_builds_next_years_plan_and_the_public_pages_follow(client, editor):
    plan_2020 = WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务")
    TaskFactory(plan=plan_2020, title="推动构建和谐劳动关系。", status=Task.Status.DONE)
    client.force_login(editor)

    # 1. Copy 2020 to 2021.
    client.post(
        reverse("admin:workplan_workplan_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [plan_2020.pk]},
    )
    plan = WorkPlan.objects.get(year=2021)
    task = plan.tasks.get()
    assert task.status == Task.Status.NOT_STARTED

    # 2. Publish it and set the task in progress.
    url = reverse("admin:workplan_workplan_change", args=[plan.pk])
    data = admin_post_data(client.get(url))
    data.update({"is_published": "on", "tasks-0-status": "in_progress",
                 "tasks-0-progress_note": "“法院+工会”工作站已挂牌"})  # fmt: skip
    assert client.post(url, data).status_code == 302

    # 3. Link a new report to the task (from the article form).
    report = ArticleFactory(headline="“法院+工会”劳动争议诉调对接工作站揭牌", author=editor)
    article_url = reverse("admin:articles_article_change", args=[report.pk])
    data = add_inline_row(admin_post_data(client.get(article_url)), "task_links", task=task.pk)
    assert client.post(article_url, data).status_code == 302

    # 4. The public pages show it at once.
    client.logout()
    page = client.get(reverse("workplan:year", args=[2021])).content.decode()
    assert "2021年南海工会重点工作任务" in page
    assert '<span class="task-status task-status--in_progress">推进中</span>' in page
    assert "“法院+工会”工作站已挂牌" in page
    assert (
        f'<a href="{report.get_absolute_url()}">“法院+工会”劳动争议诉调对接工作站揭牌</a>' in page
    )
    overview = client.get(reverse("workplan:overview", args=[2021])).content.decode()
    assert "已完成0项，推进中1项，未启动0项" in overview
    assert "1篇报道" in overview
    assert client.get(reverse("workplan:index")).context["plan"] == plan
    article_page = client.get(report.get_absolute_url()).content.decode()
    assert "2021年 · " in article_page
    assert Article.objects.get(pk=report.pk).status == Article.Status.PUBLISHED
