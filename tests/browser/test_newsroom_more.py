"""More of the newsroom in a real browser (issue 10): an editor updates the 2020 work plan
and copies it to 2021 on a laptop; a reporter cancels an upload on a phone and nothing is
stored."""

import pytest
from playwright.sync_api import expect

from photos.models import Photo
from tests.browser.conftest import login
from tests.photos.conftest import stored_files
from tests.photos.images import camera_jpeg
from tests.workplan.factories import CategoryFactory, TaskFactory, WorkPlanFactory
from workplan.models import Task, WorkPlan

from .newsroom import LAPTOP, PHONE, check_page, messages, newsroom  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_updates_the_2020_plan_and_copies_it_to_2021(new_page, newsroom):  # noqa: F811
    plan = WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务")
    contest = CategoryFactory(name="立功竞赛")
    for title in ("广泛深入持久开展劳动和技能竞赛活动。", "培养造就更多劳动模范与工匠人才。"):
        TaskFactory(plan=plan, category=contest, title=title)

    desk = new_page(**LAPTOP)
    login(desk, newsroom["editor"])
    desk.locator(".dash-all summary").click()
    desk.get_by_role("link", name="年度工作计划", exact=True).click()
    check_page(desk, "工作计划列表")
    desk.get_by_role("link", name="2020年南海工会重点工作任务").click()
    check_page(desk, "编辑工作计划")
    row = desk.locator("#tasks-group tr.form-row", has_text="广泛深入持久开展劳动和技能竞赛活动。")
    row.locator("select[name$='-status']").select_option(label="推进中")
    row.locator("textarea[name$='-progress_note']").fill("全区举办技能竞赛 1091 场。")
    with desk.expect_navigation():
        desk.locator(".action-bar button[name=_continue]").click()
    assert messages(desk) == ["已保存年度工作计划“2020年南海工会重点工作任务”，可以继续编辑。"]
    task = Task.objects.get(plan=plan, title="广泛深入持久开展劳动和技能竞赛活动。")
    assert task.status == Task.Status.IN_PROGRESS
    assert task.progress_note == "全区举办技能竞赛 1091 场。"

    copy = desk.locator(".action-bar button[name=_copy_next_year]")
    expect(copy).to_have_text("复制为2021年计划")
    with desk.expect_navigation():
        copy.click()
    assert messages(desk) == ["已根据2020年计划建立2021年计划（草稿，任务均为“未启动”）。"]
    copied = WorkPlan.objects.get(year=2021)
    assert not copied.is_published
    assert sorted(copied.tasks.values_list("status", flat=True)) == ["not_started"] * 3
    check_page(desk, "复制之后的计划列表")


def test_a_cancelled_upload_stores_nothing(new_page, newsroom, tmp_path):  # noqa: F811
    phone = new_page(**PHONE)
    login(phone, newsroom["reporter"])
    phone.goto("/admin/photos/photo/upload/")
    path = tmp_path / "IMG_0001.JPG"
    path.write_bytes(camera_jpeg())
    phone.set_input_files("#id_images", [str(path)])
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 100,
            "downloadThroughput": 50_000,
            "uploadThroughput": 50_000,
        },
    )
    phone.locator("[data-upload-button]").click()
    bar = phone.locator("[data-file-list] progress")
    phone.wait_for_function(
        "() => document.querySelector('[data-file-list] progress').value >= 5", timeout=30_000
    )
    cancel = phone.locator("[data-cancel-button]")
    cancel.click()
    expect(phone.locator("[data-file-list] li")).to_contain_text("已取消，这张没有保存。")
    expect(phone.locator("[data-upload-button]")).to_be_enabled()
    expect(cancel).to_be_hidden()
    assert bar.evaluate("bar => bar.value") < 100
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    # The server had the beginning of the file: it stores nothing, neither row nor file.
    phone.wait_for_timeout(1500)
    assert Photo.objects.count() == 0
    assert stored_files() == []
