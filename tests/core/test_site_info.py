"""Site information (one record in the admin, shown in every footer, cached) and the
readers' 网站地图 page."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import SiteInfo
from tests.admin_utils import admin_form_data
from tests.factories import ArticleFactory, SectionFactory, SeriesFactory

pytestmark = pytest.mark.django_db

CHANGE_URL = reverse("admin:core_siteinfo_change", args=[1])
FILLED = {
    "site_name": "南海区总工会",
    "host_org": "佛山市南海区总工会",
    "operator_org": "南海区职工服务中心",
    "address": "佛山市南海区桂城街道南海大道北",
    "postcode": "528200",
    "phone": "0757-86220000",
    "email": "nhgh@example.cn",
    "icp_number": "粤ICP备12345678号-1",
    "police_number": "粤公网安备44060502000123号",
    "site_code": "4406050001",
    "copyright": "版权所有 © 南海区总工会",
}


@pytest.fixture(autouse=True)
def _the_row():
    """The migration's row (transactional tests elsewhere empty the table when they end,
    which a reused test database remembers)."""
    SiteInfo.objects.get_or_create(pk=1, defaults=SiteInfo.defaults())


def fill(**values):
    info = SiteInfo.objects.get(pk=1)
    for name, value in {**FILLED, **values}.items():
        setattr(info, name, value)
    info.save()
    return info


def test_there_is_one_row_and_a_second_is_refused():
    assert SiteInfo.objects.get().site_name == "南海区总工会"
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteInfo.objects.create(pk=2, site_name="又一个", host_org="x")


def test_editor_edits_it_and_the_footer_shows_it_at_once(client, editor):
    client.force_login(editor)
    index = client.get(reverse("admin:index")).text
    assert "站点信息" in index
    # The list is the one record: it opens the form.
    assert client.get(reverse("admin:core_siteinfo_changelist"))["Location"] == CHANGE_URL
    form = client.get(CHANGE_URL)
    assert "增加" not in form.text.split('id="content-main"')[1].split("</form>")[0]
    assert not form.context["has_delete_permission"]
    data = admin_form_data(form, **FILLED)
    response = client.post(CHANGE_URL, data)
    assert response.status_code == 302
    assert response["Location"] == CHANGE_URL

    page = client.get(reverse("home")).text
    footer = page.split('<footer class="site-footer">')[1]
    for value in ("佛山市南海区总工会", "南海区职工服务中心", "0757-86220000", "nhgh@example.cn"):
        assert value in footer
    assert (
        '<a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">粤ICP备12345678号-1</a>'
        in footer
    )
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=44060502000123"' in footer
    assert 'src="/static/img/beian-police.svg" alt=""' in footer
    assert "粤公网安备44060502000123号" in footer
    assert "网站标识码：4406050001" in footer
    assert "版权所有 © 南海区总工会" in footer


def test_bad_filing_numbers_get_chinese_messages_and_nothing_is_saved(client, editor):
    client.force_login(editor)
    form = client.get(CHANGE_URL)
    data = admin_form_data(
        form,
        **{**FILLED, "icp_number": "ICP 12345", "police_number": "公安 123", "phone": "请致电"},
    )
    response = client.post(CHANGE_URL, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "粤ICP备12345678号" in errors["icp_number"][0]
    assert "14位数字" in errors["police_number"][0]
    assert "0757-86220000" in errors["phone"][0]
    assert SiteInfo.objects.get().icp_number == ""


def test_reporters_neither_see_nor_change_it_and_nobody_adds_or_deletes(client, reporter, editor):
    client.force_login(reporter)
    assert "站点信息" not in client.get(reverse("admin:index")).text
    assert client.get(CHANGE_URL).status_code == 403
    data = {**FILLED, "site_name": "被改了"}
    assert client.post(CHANGE_URL, data).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("admin:core_siteinfo_add")).status_code == 403
    assert (
        client.post(reverse("admin:core_siteinfo_delete", args=[1]), {"post": "yes"}).status_code
        == 403
    )
    assert SiteInfo.objects.get().site_name == "南海区总工会"


def test_a_page_view_costs_no_query_for_it_and_a_save_clears_the_cache(
    client, django_capture_on_commit_callbacks
):
    client.get(reverse("home"))  # warms the caches (navigation, site information)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("articles:list"))
    assert not [q for q in queries if "core_siteinfo" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        fill(host_org="新的主办单位")
    assert "主办单位：新的主办单位" in client.get(reverse("articles:list")).text


def test_the_cache_is_cleared_only_after_the_commit(django_capture_on_commit_callbacks):
    """A page rendered while the save is still uncommitted must not keep the old values."""
    from django.core.cache import cache

    from core.site_info import CACHE_KEY, site_info

    site_info()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fill(host_org="未提交")
    assert cache.get(CACHE_KEY) is not None
    for callback in callbacks:
        callback()
    assert cache.get(CACHE_KEY) is None
    assert site_info().host_org == "未提交"


def test_one_phone_number_is_a_link_several_are_not(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fill(phone="0757-8622 0000转123")
    assert '<a href="tel:075786220000">0757-8622 0000转123</a>' in client.get("/").text
    with django_capture_on_commit_callbacks(execute=True):
        fill(phone="0757-86220000、0757-86220001")
    text = client.get("/").text
    assert "电话：0757-86220000、0757-86220001</span>" in text
    assert 'href="tel:' not in text


def test_empty_optional_items_are_left_out_of_the_footer(client):
    text = client.get(reverse("home")).text.split('<footer class="site-footer">')[1]
    assert "主办单位：南海区总工会" in text
    for absent in ("承办单位", "ICP", "公网安备", "网站标识码", "<address"):
        assert absent not in text


def test_the_site_name_comes_from_the_record(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fill(site_name="南海工会网")
    page = client.get(reverse("home")).text
    assert "<title>南海工会网</title>" in page
    feed = client.get(reverse("articles:feed")).text
    assert "<title>南海工会网 · 最新新闻</title>" in feed


# --- 网站地图 ------------------------------------------------------------------------------


def test_site_map_lists_sections_series_plans_and_people_only_public_ones(
    client, django_assert_max_num_queries
):
    from tests.profiles.factories import ProfileFactory
    from tests.workplan.factories import WorkPlanFactory

    SectionFactory(name="通知公告", slug="tongzhi")
    SeriesFactory(title="村居干部系列报道")
    WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务", is_published=True)
    WorkPlanFactory(year=2021, title="未发布的计划", is_published=False)
    ProfileFactory(name="包杰", is_published=True)
    ProfileFactory(name="未发布的人", is_published=False)
    article = ArticleFactory(headline="单篇文章不在网站地图里")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("site-map"))
    text = response.text
    headings = [g["heading"] for g in response.context["groups"]]
    assert headings == ["栏目", "系列报道", "工作计划", "人物档案"]
    for shown in (
        "通知公告",
        "村居干部系列报道",
        "2020年南海工会重点工作任务",
        "一图读懂 · 2020年",
        "包杰",
    ):
        assert shown in text
    for hidden in ("未发布的计划", "未发布的人", article.headline):
        assert hidden not in text
    assert 'href="/sitemap.xml"' in text
    # The footer's 网站地图 opens this page; the XML sitemap stays for search engines.
    assert f'<a href="{reverse("site-map")}">网站地图</a>' in client.get(reverse("home")).text
    assert "sitemap-sections.xml" in client.get(reverse("sitemap-index")).text


def test_the_migration_creates_the_row_with_the_site_name():
    from importlib import import_module

    from django.apps import apps

    SiteInfo.objects.all().delete()
    import_module("core.migrations.0001_site_info").create_the_row(apps, None)
    info = SiteInfo.objects.get()
    assert (info.pk, info.site_name, info.host_org) == (1, "南海区总工会", "南海区总工会")
