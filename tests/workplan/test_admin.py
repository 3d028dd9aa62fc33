import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from core.roles import EDITOR, REPORTER
from tests.factories import ArticleFactory, SectionFactory
from workplan.models import Category, KeyFigure, Task, TaskReport, WorkPlan

from .factories import KeyFigureFactory, TaskFactory, TaskReportFactory, WorkPlanFactory
from .helpers import add_inline_row, admin_post_data

pytestmark = pytest.mark.django_db


def _change_url(plan):
    return reverse("admin:workplan_workplan_change", args=[plan.pk])


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Roles -----------------------------------------------------------------------------


def test_roles_grant_plan_management_to_editors_and_linking_to_reporters():
    editor_perms = set(
        Group.objects.get(name=EDITOR)
        .permissions.filter(content_type__app_label="workplan")
        .values_list("codename", flat=True)
    )
    reporter_perms = set(
        Group.objects.get(name=REPORTER)
        .permissions.filter(content_type__app_label="workplan")
        .values_list("codename", flat=True)
    )
    assert {"change_workplan", "add_task", "change_keyfigure", "change_category"} <= editor_perms
    assert reporter_perms == {
        "add_taskreport",
        "change_taskreport",
        "delete_taskreport",
        "view_taskreport",
    }


# --- Smoke tests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "make"),
    [
        ("workplan", lambda: WorkPlanFactory(title="2030年南海工会重点工作任务")),
        ("task", lambda: TaskFactory(title="推动构建和谐劳动关系。")),
        ("category", lambda: Category.objects.get(name="精准服务")),
    ],
)
def test_admin_pages_load_for_superuser(client, superuser, model, make):
    obj = make()
    client.force_login(superuser)
    changelist = client.get(reverse(f"admin:workplan_{model}_changelist"))
    assert str(obj) in changelist.content.decode()
    add = client.get(reverse(f"admin:workplan_{model}_add"))
    assert add.status_code == 200
    assert "adminform" in add.context
    change = client.get(reverse(f"admin:workplan_{model}_change", args=[obj.pk]))
    assert str(obj) in change.content.decode()


def test_plan_change_page_lists_tasks_by_category_and_shows_figures(client, editor):
    plan = WorkPlanFactory(year=2020)
    late = TaskFactory(plan=plan, category=Category.objects.get(name="工会建设"), order=1,
                       title="深化工会干部队伍建设")  # fmt: skip
    early = TaskFactory(plan=plan, category=Category.objects.get(name="思想引领"), order=2,
                        title="推进社会主义核心价值观践行活动。")  # fmt: skip
    KeyFigureFactory(plan=plan, label="服务职工", number="127.6", magnitude="万", qualifier="余",
                     unit="人次")  # fmt: skip
    client.force_login(editor)
    response = client.get(_change_url(plan))
    task_formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Task
    )
    assert [form.instance for form in task_formset.initial_forms] == [early, late]
    assert "127.6万余人次" in response.content.decode()


# --- The copy action -------------------------------------------------------------------


def test_copy_to_next_year_action_creates_a_draft_plan(client, editor):
    plan = WorkPlanFactory(year=2020)
    TaskFactory(plan=plan, status=Task.Status.DONE, progress_note="完成")
    client.force_login(editor)
    response = client.post(
        reverse("admin:workplan_workplan_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [plan.pk]},
        follow=True,
    )
    new_plan = WorkPlan.objects.get(year=2021)
    assert not new_plan.is_published
    assert list(new_plan.tasks.values_list("status", "progress_note")) == [("not_started", "")]
    assert "已根据2020年计划建立2021年计划（草稿，任务均为“未启动”）。" in _messages(response)


def test_copy_action_refuses_when_next_year_exists(client, editor):
    plan = WorkPlanFactory(year=2020)
    TaskFactory(plan=plan)
    WorkPlanFactory(year=2021)
    client.force_login(editor)
    response = client.post(
        reverse("admin:workplan_workplan_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [plan.pk]},
        follow=True,
    )
    assert "2021年已有工作计划，没有复制。请先删除或修改2021年的计划。" in _messages(response)
    assert WorkPlan.objects.count() == 2
    assert Task.objects.count() == 1


# --- Bad input through the admin -------------------------------------------------------


def test_second_plan_same_year_in_admin_shows_message_and_saves_nothing(client, editor):
    WorkPlanFactory(year=2020)
    client.force_login(editor)
    data = admin_post_data(client.get(reverse("admin:workplan_workplan_add")))
    data.update(year="2020", title="重复的计划")
    add_inline_row(data, "tasks", category=Category.objects.first().pk, title="一项任务", order=1,
                   status="not_started")  # fmt: skip
    response = client.post(reverse("admin:workplan_workplan_add"), data)
    assert "这一年已有工作计划，每年只能有一份。" in response.content.decode()
    assert WorkPlan.objects.count() == 1
    assert not Task.objects.exists()


def test_task_without_category_or_title_shows_message_and_saves_nothing(client, editor):
    plan = WorkPlanFactory(year=2020, title="原标题")
    client.force_login(editor)
    data = admin_post_data(client.get(_change_url(plan)))
    data["title"] = "新标题"
    add_inline_row(data, "tasks", title="没有类别的任务", order=1, status="not_started")
    add_inline_row(data, "tasks", category=Category.objects.first().pk, title="", order=2,
                   status="not_started", details="有内容但没有任务名称")  # fmt: skip
    response = client.post(_change_url(plan), data)
    page = response.content.decode()
    assert "请选择任务类别。" in page
    assert "请填写任务名称。" in page
    plan.refresh_from_db()
    assert plan.title == "原标题"
    assert not Task.objects.exists()


def test_figure_that_is_not_a_number_shows_message_and_saves_nothing(client, editor):
    plan = WorkPlanFactory(year=2020)
    client.force_login(editor)
    data = admin_post_data(client.get(_change_url(plan)))
    add_inline_row(data, "figures", label="服务职工", number="127.6万余", unit="人次",
                   qualifier_position="auto", order=1)  # fmt: skip
    response = client.post(_change_url(plan), data)
    assert "“数字”只能填写阿拉伯数字" in response.content.decode()
    assert not KeyFigure.objects.exists()


# --- Editors manage plans; reporters do not --------------------------------------------


def test_editor_changes_a_task_status_in_the_plan(client, editor):
    plan = WorkPlanFactory(year=2020)
    task = TaskFactory(plan=plan)
    client.force_login(editor)
    data = admin_post_data(client.get(_change_url(plan)))
    data["tasks-0-status"] = "done"
    data["tasks-0-progress_note"] = "已完成"
    response = client.post(_change_url(plan), data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress_note) == ("done", "已完成")


def test_reporter_cannot_see_or_change_plans(client, reporter, editor):
    plan = WorkPlanFactory(year=2020, title="原标题")
    task = TaskFactory(plan=plan)
    client.force_login(editor)
    data = admin_post_data(client.get(_change_url(plan)))
    data["title"] = "记者改的标题"
    data["tasks-0-status"] = "done"

    client.force_login(reporter)
    assert client.get(reverse("admin:workplan_workplan_changelist")).status_code == 403
    assert client.post(_change_url(plan), data).status_code == 403
    assert (
        client.post(reverse("admin:workplan_workplan_add"), {**data, "year": 2031}).status_code
        == 403
    )
    response = client.post(
        reverse("admin:workplan_task_change", args=[task.pk]),
        {"plan": plan.pk, "category": task.category_id, "title": "改", "status": "done",
         "order": 0},
    )  # fmt: skip
    assert response.status_code == 403
    response = client.post(
        reverse("admin:workplan_workplan_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [plan.pk]},
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    task.refresh_from_db()
    assert (plan.title, task.status) == ("原标题", "not_started")
    assert WorkPlan.objects.count() == 1


# --- Linking articles to tasks from the article form -----------------------------------


def _article_form_data(client, article):
    return admin_post_data(client.get(reverse("admin:articles_article_change", args=[article.pk])))


def test_reporter_links_own_draft_to_a_task(client, reporter):
    task = TaskFactory()
    draft = ArticleFactory(author=reporter, status=Article.Status.DRAFT, published_at=None)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert "相关重点任务" in page.content.decode()
    data = add_inline_row(admin_post_data(page), "task_links", task=task.pk)
    response = client.post(reverse("admin:articles_article_change", args=[draft.pk]), data)
    assert response.status_code == 302
    assert list(draft.plan_tasks.all()) == [task]


def test_reporter_cannot_link_someone_elses_or_a_published_article(
    client, reporter, other_reporter
):
    task = TaskFactory()
    mine = ArticleFactory(author=reporter, status=Article.Status.DRAFT, published_at=None)
    theirs = ArticleFactory(author=other_reporter, status=Article.Status.DRAFT, published_at=None)
    published = ArticleFactory(author=reporter)
    client.force_login(reporter)
    # A well-formed POST, built from the reporter's own form, sent to the other articles.
    data = add_inline_row(_article_form_data(client, mine), "task_links", task=task.pk)
    for article in (theirs, published):
        response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
        assert response.status_code in (302, 403)
        article.refresh_from_db()
        assert article.headline != mine.headline
    assert not TaskReport.objects.exists()


def test_reporter_sees_published_links_read_only(client, reporter):
    task = TaskFactory(title="推动构建和谐劳动关系。")
    published = ArticleFactory(author=reporter)
    TaskReportFactory(task=task, article=published)
    client.force_login(reporter)
    response = client.get(reverse("admin:articles_article_change", args=[published.pk]))
    inline = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.model is TaskReport
    )
    assert not inline.has_add_permission
    assert not inline.has_change_permission
    assert not inline.has_delete_permission


def test_editor_links_any_article_from_the_task_page(client, editor, reporter):
    task = TaskFactory()
    report = ArticleFactory(author=reporter, headline="南海职工技能竞赛决赛举行")
    client.force_login(editor)
    url = reverse("admin:workplan_task_change", args=[task.pk])
    data = add_inline_row(admin_post_data(client.get(url)), "report_links", article=report.pk)
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(task.reports.all()) == [report]


def test_task_select_on_article_form_names_year_and_category(client, editor):
    TaskFactory(plan=WorkPlanFactory(year=2020), category=Category.objects.get(name="精准服务"),
                title="做实做优职工服务品牌。")  # fmt: skip
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_add"))
    assert "2020年 · 精准服务 · 做实做优职工服务品牌。" in response.content.decode()
    assert SectionFactory  # the add form renders for editors with the inline attached


def test_plan_change_page_does_not_query_per_task(client, editor, django_assert_max_num_queries):
    plan = WorkPlanFactory(year=2020)
    for name in ["思想引领", "立功竞赛", "维权维稳", "精准服务", "工会建设"]:
        for order in range(6):
            TaskFactory(plan=plan, category=Category.objects.get(name=name), order=order)
    client.force_login(editor)
    with django_assert_max_num_queries(20):
        response = client.get(_change_url(plan))
    page = response.content.decode()
    assert page.count('<option value="') >= 30 * 5
    assert (
        '<option value="{}" selected>思想引领</option>'.format(
            Category.objects.get(name="思想引领").pk
        )
        in page
    )


def test_editor_sets_status_from_the_task_list(client, editor):
    task = TaskFactory(plan=WorkPlanFactory(year=2020))
    client.force_login(editor)
    response = client.post(
        reverse("admin:workplan_task_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": task.pk,
            "form-0-status": "done",
            "_save": "保存",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.DONE
