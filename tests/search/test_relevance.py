"""Relevance over the demo content (``manage.py load_demo``): what must come first."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from search.query import search
from search.text import parse_query

pytestmark = pytest.mark.django_db

MEETING = "精准实干 为南海高质量发展凝心聚力"
BAOJIE_REPORT = "让居民担主角 让邻里更有情"

# query → (kind, title) of the result that must come first
FIRST = {
    "包杰": ("profile", "包杰"),
    "陈建华": ("profile", "示例·陈建华"),
    "职工服务": ("task", "做实做优职工服务品牌。"),
    "核心价值观": ("task", "推进社会主义核心价值观践行活动。"),
    "2020年南海工会重点工作任务": ("plan", "2020年南海工会重点工作任务"),
    "高质量发展": ("article", MEETING),
    "让居民担主角": ("article", BAOJIE_REPORT),
    "吴忠林": ("article", MEETING),  # only in the body
    "黄梦灵": ("article", MEETING),  # only in the byline
    "互联网": ("article", MEETING),
    "劳模": ("article", "桂城街道劳模工作室:把技术难题变成创新项目"),
    "桂城 劳模": ("article", "桂城街道劳模工作室:把技术难题变成创新项目"),
    "安康杯": ("article", "关于里水镇“安康杯”竞赛活动报名的通知"),
    "婚恋交友": ("article", "狮山镇举办职工婚恋交友联谊活动"),
    "心理健康": ("article", "西樵镇“职工·家”服务中心开展心理健康讲座"),
    "法院+工会": ("article", "“法院+工会”劳动争议诉调对接工作站落户桂城街道"),
    "金秋助学": ("article", "关于狮山镇“金秋助学”申请受理的公告"),
}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def first_hits(q, n=1):
    return [(hit.kind, hit.title) for hit in search(parse_query(q)).hits[:n]]


def test_demo_queries_put_the_right_result_first_and_title_hits_before_body_hits(demo):
    wrong = {q: first_hits(q) for q, expected in FIRST.items() if first_hits(q) != [expected]}
    assert wrong == {}
    for q in ["包杰", "灯湖", "劳模", "工会", "职工服务"]:
        tiers = [hit.in_title for hit in search(parse_query(q)).hits]
        assert tiers == sorted(tiers, reverse=True), q


def test_done_when_queries_find_the_right_demo_content_with_highlights(demo, client):
    def page(q, **params):
        response = client.get(reverse("search:search"), {"q": q, **params})
        return response, response.context["results"].hits

    # 包杰 and 灯湖: the profile and the report about him, highlighted.
    for q in ["包杰", "灯湖"]:
        response, hits = page(q)
        assert {(h.kind, h.title) for h in hits[:2]} == {
            ("profile", "包杰"),
            ("article", BAOJIE_REPORT),
        }
        assert f"<mark>{q}</mark>" in response.text
        assert all(f"<mark>{q}</mark>" in h.snippet_html + h.subtitle_html for h in hits)

    # 工会: every headline on the first page carries it; the meeting report is found.
    response, hits = page("工会")
    assert response.context["results"].count > 50
    assert all("<mark>工会</mark>" in h.title_html + h.subtitle_html for h in hits)
    assert MEETING in {h.title for h in search(parse_query("南海区总工会 全体")).hits}

    # 职工服务: the plan's task first, then reports with the phrase in a snippet.
    response, hits = page("职工服务")
    assert hits[0].url.startswith(reverse("workplan:year", kwargs={"year": 2020}))
    assert any(h.kind == "article" and "<mark>职工服务</mark>" in h.snippet_html for h in hits)

    # 劳模: the workshops (articles) and a model worker (profile).
    response, hits = page("劳模")
    assert {h.kind for h in hits} == {"article", "profile"}

    # The type filter keeps only that kind.
    response, hits = page("工会", type="task")
    assert hits
    assert {h.kind for h in hits} == {"task"}
