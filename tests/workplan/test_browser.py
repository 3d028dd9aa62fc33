"""The plan page and the 一图读懂 overview in a real browser: on a phone, in print, and
checked by axe-core (WCAG 2.1 AA)."""

import io

import pytest
from playwright.sync_api import expect

from articles import demo as articles_demo
from tests.browser.conftest import axe, browser, describe_violations, new_page, page  # noqa: F401
from workplan import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True}


@pytest.fixture
def demo_plan():
    articles_demo.load()
    demo.load(stdout=io.StringIO())


@pytest.mark.parametrize("path", ["/plans/2020/", "/plans/2020/overview/"])
def test_plan_pages_fit_a_phone_and_pass_axe(new_page, demo_plan, path, tmp_path):  # noqa: F811
    phone = new_page(**PHONE)
    phone.goto(path)
    expect(phone.locator("h1")).to_contain_text("2020年南海工会重点工作任务")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    violations = axe(phone)
    assert not violations, describe_violations(violations)


def test_overview_prints_without_site_chrome(page, demo_plan):  # noqa: F811
    page.goto("/plans/2020/overview/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".year-switcher")).to_have_count(0)  # one year only: no switcher
    expect(page.locator(".figure-card")).to_have_count(7)
    expect(page.locator(".category-card")).to_have_count(5)
    expect(page.locator(".figure-card").last).to_contain_text("127.6万余人次")


def test_editor_copies_updates_and_links_then_readers_see_it(page, new_page, editor, demo_plan):  # noqa: F811
    from articles.models import Article
    from tests.browser.conftest import login
    from workplan.models import Task, WorkPlan

    login(page, editor)
    # Copy 2020 to 2021 with the admin action.
    page.goto("/admin/workplan/workplan/")
    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", label="复制到下一年")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("已根据2020年计划建立2021年计划")
    plan = WorkPlan.objects.get(year=2021)
    assert plan.tasks.count() == 10

    # Publish it and set the second task in progress with a note.
    page.goto(f"/admin/workplan/workplan/{plan.pk}/change/")
    page.check("#id_is_published")
    page.select_option("#id_tasks-1-status", label="推进中")
    page.fill("#id_tasks-1-progress_note", "全区开展践行活动")
    with page.expect_navigation():
        page.locator("input[name=_save]").first.click()
    expect(page.locator(".errornote")).to_have_count(0)
    task = Task.objects.get(plan=plan, title="推进社会主义核心价值观践行活动。")
    assert task.status == Task.Status.IN_PROGRESS

    # Link a new report to it from the article form.
    report = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    page.goto(f"/admin/articles/article/{report.pk}/change/")
    page.locator(".inline-group", has_text="相关重点任务").locator("a.addlink, .add-row a").click()
    page.select_option("#id_task_links-0-task", label=f"2021年 · 思想引领 · {task.title}")
    with page.expect_navigation():
        page.locator("input[name=_save]").first.click()
    expect(page.locator(".errornote")).to_have_count(0)
    assert list(task.reports.all()) == [report]

    # A reader sees it at once, on the plan page and the overview.
    reader = new_page()
    reader.goto("/plans/")
    expect(reader.locator("h1")).to_have_text("2021年南海工会重点工作任务")
    item = reader.locator(f"#task-{task.pk}")
    expect(item.locator(".task-status")).to_have_text("推进中")
    expect(item).to_contain_text("全区开展践行活动")
    expect(item.locator(".plan-task__reports a")).to_have_text(report.headline)
    reader.goto("/plans/2021/overview/")
    expect(reader.locator(".legend")).to_contain_text("推进中 1 项")
