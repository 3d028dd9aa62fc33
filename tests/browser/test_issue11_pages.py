"""axe finds nothing on the pages part A of issue 11 adds to or changes (a notice with
attachments, 责任编辑 and the QR code; the footer with the site information; 网站地图),
in both display modes; the QR code shows on wide screens and in print, not on phones;
print drops the site chrome."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.services import attachment_create
from core.models import SiteInfo
from tests.attachments import files
from tests.browser.conftest import axe, describe_violations
from tests.factories import ArticleFactory, CreditFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def notice(editor):
    SiteInfo.objects.update_or_create(
        pk=1,
        defaults={
            "site_name": "南海区总工会",
            "host_org": "佛山市南海区总工会",
            "address": "佛山市南海区桂城街道",
            "phone": "0757-86220000",
            "email": "nhgh@example.cn",
            "icp_number": "粤ICP备12345678号-1",
            "police_number": "粤公网安备44060502000123号",
            "copyright": "版权所有 © 南海区总工会",
        },
    )
    desk = editor
    desk.last_name, desk.first_name = "欧", "晓敬"
    desk.save()
    article = ArticleFactory(
        headline="关于里水镇“安康杯”竞赛活动报名的通知",
        body="<p>各基层工会：请于11月30日前报名。</p>",
        published_by=desk,
    )
    CreditFactory(article=article)
    for name, make in (
        ("报名表.docx", files.docx),
        ("报名汇总表.xlsx", files.xlsx),
        ("方案.pdf", files.pdf),
    ):
        attachment_create(article=article, upload=SimpleUploadedFile(name, make()), user=desk)
    return article


def test_notice_and_site_map_have_no_axe_violations_in_either_mode(new_page, notice):
    page = new_page(viewport={"width": 1280, "height": 900})
    failures = []
    for mode in ("normal", "large-text"):
        if mode == "large-text":
            page.goto("/display/?large=1&next=/")
        for url in (notice.get_absolute_url(), "/sitemap/"):
            page.goto(url)
            violations = axe(page)
            if violations:
                failures.append(f"{mode} {url}:\n{describe_violations(violations)}")
    assert not failures, "\n\n".join(failures)
    page.goto(notice.get_absolute_url())
    assert page.locator(".attachments li").all_inner_texts()[0] == "报名表.docx（1 KB）"
    assert page.locator(".responsible-editor").inner_text() == "责任编辑：欧晓敬"
    assert page.locator(".site-info__police img").is_visible()


def test_qr_code_on_wide_screens_and_in_print_not_on_phones(new_page, notice):
    wide = new_page(viewport={"width": 1280, "height": 900})
    wide.goto(notice.get_absolute_url())
    assert wide.locator(".share-qr svg").is_visible()
    assert wide.get_by_text("手机扫码阅读").is_visible()
    phone = new_page(viewport={"width": 390, "height": 844})
    phone.goto(notice.get_absolute_url())
    assert not phone.locator(".share-qr").is_visible()
    phone.emulate_media(media="print")
    assert phone.locator(".share-qr svg").is_visible()
    for chrome in (".site-header", ".site-nav", ".search-form", ".site-footer"):
        assert not phone.locator(chrome).is_visible(), chrome
    assert phone.locator(".attachments").is_visible()
