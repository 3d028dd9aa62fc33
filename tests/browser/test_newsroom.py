"""A day in the newsroom, in a real browser (issue 10).

A reporter on a phone uploads three photos, captions them, writes an article with a
subheading, two credits, a cover picked by its thumbnail and a linked work-plan task, and
submits it. An editor on a laptop sees it on the start page and returns it with a reason;
the reporter reads the reason, changes the text and submits again; the editor publishes
it, schedules another and withdraws a third. Every admin page on the way is checked at
390 px and 1280 px (no sideways scrolling), with axe and for English words.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, ReviewNote
from audit.models import AuditEntry
from photos.models import Photo
from tests.browser.conftest import login
from tests.factories import ArticleFactory
from tests.photos.images import camera_jpeg

from .newsroom import LAPTOP, PHONE, check_page, messages, newsroom, screenshot  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Status = Article.Status
UPLINK = 8_000_000 // 8  # 8 Mbit/s, in bytes per second
REASON = "导语请压缩到两句，第二段补上活动人数。"


WATCH_SENDING = """() => {
    sessionStorage.setItem('maxSending', '0');
    setInterval(() => {
        const sending = [...document.querySelectorAll('[data-file-list] progress')]
            .filter(bar => bar.value > 0 && bar.value < 100).length;
        if (sending > +sessionStorage.getItem('maxSending')) {
            sessionStorage.setItem('maxSending', String(sending));
        }
    }, 25);
}"""


def upload_three_photos(page, tmp_path):
    """Returns the seconds from pressing 上传 to the caption list, over an 8 Mbit/s uplink."""
    paths = []
    for i in range(3):
        path = tmp_path / f"IMG_20{i}.JPG"
        path.write_bytes(camera_jpeg(taken=f"2020:06:1{i} 09:30:00", seed=i))
        paths.append(str(path))
    page.set_input_files("#id_images", paths)
    expect(page.locator("[data-file-list] li")).to_have_count(3)
    page.fill("#id_credit", "通讯员供图")

    uploads = []  # the upload requests
    page.on("requestfinished", lambda r: uploads.append(r) if r.method == "POST" else None)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 40,
            "downloadThroughput": 4 * UPLINK,
            "uploadThroughput": UPLINK,
        },
    )
    # How many photos are on their way up at once, as the page shows it (kept across the
    # navigation to the caption list in sessionStorage).
    page.evaluate(WATCH_SENDING)
    button = page.locator("[data-upload-button]")
    began = time.monotonic()
    button.click()
    expect(button).to_be_disabled()
    expect(page.locator("[data-file-list] progress")).to_have_count(3)
    page.wait_for_url("**/admin/photos/photo/?id__in=*", timeout=90_000)
    seconds = time.monotonic() - began
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    assert page.evaluate("() => sessionStorage.getItem('maxSending')") == "1"
    assert len(uploads) == 3
    # Shrunk in the browser before sending: far less than the ~5.8 MB originals.
    sizes = [int(r.all_headers().get("content-length", 0)) for r in uploads]
    assert all(0 < size < 3_000_000 for size in sizes), sizes
    return seconds


def test_a_day_in_the_newsroom(new_page, newsroom, tmp_path, record_property):  # noqa: F811
    reporter, editor, task = newsroom["reporter"], newsroom["editor"], newsroom["task"]
    to_schedule = ArticleFactory(
        headline="南海区职工劳动和技能竞赛开赛",
        status=Status.SUBMITTED,
        published_at=None,
        submitted_at=timezone.now() - timedelta(hours=3),
        author=reporter,
        section=newsroom["section"],
    )
    to_withdraw = ArticleFactory(headline="关于里水镇“安康杯”竞赛活动报名的通知")

    # --- The reporter, on a phone -----------------------------------------------------
    phone = new_page(**PHONE)
    phone.goto("/admin/login/")
    check_page(phone, "登录")
    login(phone, reporter)
    expect(phone.locator(".dash-shortcut")).to_have_count(2)
    check_page(phone, "记者的工作台")
    phone.get_by_role("link", name="传图").click()
    expect(phone.locator("h1")).to_have_text("上传照片")
    check_page(phone, "上传照片")
    seconds = upload_three_photos(phone, tmp_path)
    record_property("upload_seconds_8mbit", round(seconds, 1))
    print(f"\nthree 4000×3000 phone photos over 8 Mbit/s: {seconds:.1f} s")  # noqa: T201

    photos = list(Photo.objects.order_by("original_name"))
    assert [p.original_name for p in photos] == ["IMG_200.JPG", "IMG_201.JPG", "IMG_202.JPG"]
    assert {p.uploaded_by_id for p in photos} == {reporter.pk}
    assert all(max(p.width, p.height) == 2560 for p in photos)
    assert [timezone.localtime(p.taken_at).day for p in photos] == [10, 11, 12]
    expect(phone.locator(".caption-hint")).to_contain_text("刚上传的 3 张照片")
    check_page(phone, "为照片填写说明")
    captions = ["桂城街道职工书屋开放日", "职工在书屋阅读", "荷花池边的读书会"]
    for i, caption in enumerate(captions):
        phone.fill(f"input[name='form-{i}-caption']", caption)
    with phone.expect_navigation():
        phone.locator("input[name=_save]").click()
    assert set(Photo.objects.values_list("caption", flat=True)) == set(captions)

    phone.goto("/admin/")
    phone.get_by_role("link", name="写稿").click()
    editable = phone.locator(".ck-editor__editable").first
    expect(editable).to_be_visible()
    expect(phone.locator(".editor-count")).to_have_text("字数：0")
    phone.fill("#id_kicker", "书香润职工")
    phone.fill("#id_headline", "桂城街道职工书屋开放日迎来首批读者")
    editable.click()
    phone.locator(".ck-heading-dropdown button.ck-dropdown__button").first.click()
    phone.locator(".ck-heading-dropdown .ck-list__item button", has_text="小标题").first.click()
    phone.keyboard.type("书香进车间")
    phone.keyboard.press("Enter")
    phone.keyboard.type("六月十日，桂城街道职工书屋向全区职工开放。")
    expect(editable.locator("h2")).to_have_text("书香进车间")
    # A subheading looks like one while writing: the public page's red bar on its left.
    expect(editable.locator("h2")).to_have_css("border-left", "4px solid rgb(179, 38, 30)")
    expect(phone.locator(".editor-count")).to_have_text("字数：26")
    phone.select_option("#id_section", label="基层动态")
    # Two credits: the second row is added with 添加署名.
    phone.select_option("#id_credits-0-role", "文")
    phone.fill("#id_credits-0-outlet", "珠江时报")
    phone.fill("#id_credits-0-title", "记者")
    phone.fill("#id_credits-0-name", "李冬冬")
    phone.locator("#credits-group .add-row a").click()
    phone.select_option("#id_credits-1-role", "摄影")
    phone.fill("#id_credits-1-title", "通讯员")
    phone.fill("#id_credits-1-name", "梁丽英")
    # The cover, picked by its thumbnail.
    phone.locator(".field-cover .select2-selection").click()
    phone.locator(".select2-search__field").fill("荷花")
    option = phone.locator(".select2-results__option", has_text="荷花池边的读书会")
    expect(option.locator("img.picker-option__thumb")).to_have_count(1)
    option.click()
    expect(phone.locator(".field-cover .photo-picker__preview img")).to_be_visible()
    # The work-plan task this report is about.
    phone.locator("#task_links-group .add-row a").click()
    phone.select_option(
        "#id_task_links-0-task", label="2020年 · 思想引领 · 团结引导职工群众听党话、跟党走。"
    )
    screenshot(phone, "reporter-writes-on-a-phone", full_page=True)
    check_page(phone, "记者写稿")
    submit = phone.locator(".action-bar button[name=_submit_review]")
    expect(submit).to_have_text("提交审核")
    with phone.expect_navigation():
        submit.click()
    assert messages(phone) == ["《桂城街道职工书屋开放日迎来首批读者》已提交审核，编辑审核后发布。"]
    article = Article.objects.get(headline="桂城街道职工书屋开放日迎来首批读者")
    assert article.status == Status.SUBMITTED
    assert "<h2>书香进车间</h2>" in article.body
    assert [(c.role, c.name) for c in article.credits.all()] == [
        ("文", "李冬冬"),
        ("摄影", "梁丽英"),
    ]
    assert article.cover.caption == "荷花池边的读书会"
    assert list(article.plan_tasks.all()) == [task]
    check_page(phone, "记者的文章列表")

    # --- The editor, on a laptop: returns it with a reason ----------------------------
    desk = new_page(**LAPTOP)
    login(desk, editor)
    queue = desk.locator(".dash-panel--review-queue")
    expect(queue.locator(".dash-count")).to_have_text("2")
    expect(queue).to_contain_text("桂城街道职工书屋开放日迎来首批读者")
    expect(queue).to_contain_text("李冬冬")
    screenshot(desk, "editor-start-page")
    check_page(desk, "编辑的工作台")
    queue.get_by_role("link", name="桂城街道职工书屋开放日迎来首批读者").click()
    expect(desk.locator(".action-bar")).to_contain_text("状态：待审")
    check_page(desk, "编辑审稿")
    desk.locator(".action-bar__fold summary", has_text="退回修改").click()
    desk.fill("#id_review_note", REASON)
    with desk.expect_navigation():
        desk.get_by_role("button", name="确认退回修改").click()
    assert messages(desk) == [
        "《桂城街道职工书屋开放日迎来首批读者》已退回作者修改，审稿意见已转告。"
    ]
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert list(ReviewNote.objects.values_list("text", flat=True)) == [REASON]
    returned = AuditEntry.objects.get(action=AuditEntry.Action.RETURN, object_id=str(article.pk))
    assert REASON in returned.detail

    # --- The reporter reads the reason, changes the text and submits again ------------
    phone.goto("/admin/")
    back = phone.locator(".dash-panel--returned")
    expect(back).to_contain_text(REASON)
    expect(back).to_contain_text("黄梦灵")
    screenshot(phone, "reporter-reads-the-reason")
    check_page(phone, "记者看到退回意见")
    back.get_by_role("link", name="桂城街道职工书屋开放日迎来首批读者").click()
    expect(phone.locator(".review-notes")).to_contain_text(REASON)
    editable = phone.locator(".ck-editor__editable").first
    editable.locator("p").last.click()
    phone.keyboard.press("End")
    phone.keyboard.type("当天共有八十名职工到场。")
    with phone.expect_navigation():
        phone.locator(".action-bar button[name=_submit_review]").click()
    assert len(messages(phone)) == 1
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert "八十名职工" in article.body

    # --- The editor publishes it, schedules another, withdraws a third ----------------
    desk.goto("/admin/")
    desk.locator(".dash-panel--review-queue").get_by_role(
        "link", name="桂城街道职工书屋开放日迎来首批读者"
    ).click()
    with desk.expect_navigation():
        desk.locator(".action-bar button[name=_publish]").click()
    assert messages(desk) == ["《桂城街道职工书屋开放日迎来首批读者》已发布。"]
    article.refresh_from_db()
    assert article.is_live
    assert article.published_by == editor

    desk.goto(f"/admin/articles/article/{to_schedule.pk}/change/")
    tomorrow = timezone.localtime() + timedelta(days=1)
    desk.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    desk.fill("#id_published_at_1", "08:30:00")
    with desk.expect_navigation():
        desk.locator(".action-bar button[name=_schedule]").click()
    [scheduled] = messages(desk)
    assert scheduled.startswith("《南海区职工劳动和技能竞赛开赛》已定时发布，将于")
    to_schedule.refresh_from_db()
    assert to_schedule.is_scheduled

    desk.goto("/admin/articles/article/")
    check_page(desk, "文章列表")
    # Headlines read on a laptop: at least 16 characters on a line.
    headline = desk.locator("#result_list th.field-headline_cell").first
    width, font = headline.evaluate(
        "cell => [cell.clientWidth, parseFloat(getComputedStyle(cell.querySelector('a')).fontSize)]"
    )
    assert width / font >= 16, (width, font)
    # On a phone a row is the headline, then its status and time beneath it.
    desk.set_viewport_size({"width": 390, "height": 844})
    row = desk.locator("#result_list tbody tr").first
    top = {
        name: row.locator(f".field-{name}").bounding_box()
        for name in ("headline_cell", "status_badge", "list_time")
    }
    assert (
        top["status_badge"]["y"] >= top["headline_cell"]["y"] + top["headline_cell"]["height"] - 1
    )
    assert top["list_time"]["y"] >= top["headline_cell"]["y"] + top["headline_cell"]["height"] - 1
    assert row.locator(".field-section").is_hidden()
    desk.set_viewport_size({"width": 1280, "height": 900})
    row = desk.locator("#result_list tr", has_text=to_withdraw.headline)
    row.locator("input[name=_selected_action]").check()
    desk.select_option("select[name=action]", label="撤回所选文章")
    with desk.expect_navigation():
        desk.locator("button[name=index]").click()
    assert messages(desk) == ["已撤回 1 篇文章。"]
    to_withdraw.refresh_from_db()
    assert to_withdraw.status == Status.WITHDRAWN
