"""The demo fills the site information (clearly marked as examples) once, and never
overwrites what an editor typed."""

import io

import pytest

from core import demo
from core.models import SiteInfo

pytestmark = pytest.mark.django_db


def _fresh_row():
    SiteInfo.objects.update_or_create(
        pk=1,
        defaults={
            **SiteInfo.defaults(),
            **dict.fromkeys(("operator_org", "address", "postcode", "phone", "email"), ""),
            **dict.fromkeys(("icp_number", "police_number", "site_code"), ""),
        },
    )


def test_demo_fills_the_footer_with_example_values(client, django_capture_on_commit_callbacks):
    _fresh_row()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(stdout=io.StringIO())
    info = SiteInfo.objects.get()
    info.full_clean()  # what the admin form would accept
    assert info.host_org == "佛山市南海区总工会"
    assert info.address.startswith("广东省佛山市南海区")
    assert "示例" in info.address
    assert "备案号均为示例" in info.copyright
    footer = client.get("/").text.split('<footer class="site-footer">', 1)[1]
    for shown in ("主办单位：佛山市南海区总工会", "0757-86000000", "粤ICP备00000000号-1"):
        assert shown in footer
    assert "示例" in footer
    assert "code=44060500000000" in footer  # the 公安 link carries the record code


def test_demo_never_overwrites_what_an_editor_typed():
    _fresh_row()
    SiteInfo.objects.filter(pk=1).update(phone="0757-86221234", address="")
    out = io.StringIO()
    demo.load(stdout=out)
    info = SiteInfo.objects.get()
    assert info.phone == "0757-86221234"
    assert info.address == ""
    assert "未改动" in out.getvalue()
