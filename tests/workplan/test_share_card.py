"""The share card shows every text whole (no “…”: labels, title, units and category
names wrap or shrink), inside its box, and says which year its figures are of; the site's
name in its footer comes from the site information."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import SiteInfo
from workplan import demo, share
from workplan.models import KeyFigure, Task, WorkPlan
from workplan.outline import build_outline

from .factories import CategoryFactory, KeyFigureFactory, TaskFactory, WorkPlanFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(share.find_font("regular") is None, reason="no CJK font (fonts-noto-cjk)"),
]
WIDTH, HEIGHT = share.CARD_SIZE


def _layout(plan, site_name="南海区总工会"):
    plan = WorkPlan.objects.for_page().get(pk=plan.pk)
    measure = share.Measure()
    return share.layout_card(plan, build_outline(plan), site_name, measure), measure


def _bbox(text, measure):
    x0, y0, x1, y1 = measure.font(text.size, text.bold).getbbox(text.text, anchor=text.anchor)
    return (text.x + x0, text.y + y0, text.x + x1, text.y + y1)


def assert_whole_and_inside(card, measure):
    drawn = [t.text for t in card.texts]
    assert not any("…" in text for text in drawn), drawn
    boxes = []
    for text in card.texts:
        x0, y0, x1, y1 = _bbox(text, measure)
        bx0, by0, bx1, by1 = text.box
        where = f"{text.text!r} at {(x0, y0, x1, y1)}, its box {text.box}"
        assert bx0 - 1 <= x0, where
        assert x1 <= bx1 + 1, where
        assert by0 - 1 <= y0, where
        assert y1 <= by1 + 1, where
        assert (0, 0) <= (x0, y0), where
        assert (x1, y1) <= (WIDTH, HEIGHT), where
        boxes.append((x0, y0, x1, y1, text.text))
    for i, (ax0, ay0, ax1, ay1, a) in enumerate(boxes):
        for bx0, by0, bx1, by1, b in boxes[i + 1 :]:
            overlap = min(ax1, bx1) - max(ax0, bx0) > 1 and min(ay1, by1) - max(ay0, by0) > 1
            assert not overlap, f"{a!r} overlaps {b!r}"
    # Every text on the card is drawn in full, line after line.
    joined = "".join(drawn)
    for key, whole in card.whole.items():
        assert whole in joined or _lines_of(card, whole), f"{key}: {whole!r} not drawn whole"


def _lines_of(card, whole):
    """True when ``whole`` is drawn as consecutive lines of text."""
    texts = [t.text for t in card.texts]
    for start in range(len(texts)):
        acc = ""
        for text in texts[start:]:
            acc += text
            if acc == whole:
                return True
            if not whole.startswith(acc):
                break
    return False


def _demo_plan():
    plan = WorkPlanFactory(year=demo.PLAN["year"], title=demo.PLAN["title"])
    for order, (label, qualifier, number, magnitude, unit) in enumerate(demo.FIGURES):
        KeyFigure.objects.create(
            plan=plan,
            label=label,
            qualifier=qualifier,
            number=Decimal(number),
            magnitude=magnitude,
            unit=unit,
            year=2019,
            order=order,
        )
    for category_name, titles in demo.TASKS:
        category = CategoryFactory(name=category_name)
        for title in titles:
            TaskFactory(plan=plan, category=category, title=title)
    return plan


def test_the_demo_plans_card_shows_every_label_whole():
    card, measure = _layout(_demo_plan())
    assert_whole_and_inside(card, measure)
    for label, *_rest in demo.FIGURES:
        assert _lines_of(card, label), label
    # The longest labels of the seed need two lines; none is cut.
    assert _lines_of(card, "服务中心和服务平台开展活动")
    assert _lines_of(card, "“中国梦·劳动美”主题活动")


def test_the_longest_texts_the_admin_accepts_are_drawn_whole_inside_their_boxes():
    title = ("南海区总工会关于深入推进产业工人队伍建设改革和职工素质提升工程的" * 3)[:100]
    plan = WorkPlanFactory(year=2031, title=title)  # the longest title the admin accepts
    label = "“中国梦·劳动美——永远跟党走”主题宣传教育和职工文化体育活动覆盖全区各镇街基层工会"
    for i in range(8):
        KeyFigureFactory(
            plan=plan,
            label=(label * 2)[:60],
            number=Decimal("999999999999.99"),
            magnitude="亿",
            qualifier="超过",
            unit="人次（含线上线下）",
            year=2029 + i % 2,
        )
    for i in range(6):
        TaskFactory(
            plan=plan, category=CategoryFactory(name=f"第{i}类工会组织建设和规范化建设工作"[:20])
        )
    card, measure = _layout(plan, site_name="佛山市南海区总工会（南海区职工服务中心）官方网站")
    assert_whole_and_inside(card, measure)
    assert _lines_of(card, plan.title)
    assert _lines_of(card, (label * 2)[:60])


@pytest.mark.parametrize(
    ("years", "caption", "per_figure"),
    [
        ((2019, 2019), "数说2019年", []),  # the 2020 plan's review of 2019
        ((2020, 2020), "关键数据", []),
        ((None, None), "关键数据", []),
        ((2019, 2020), "关键数据", ["2019年"]),
        ((2018, 2019), "关键数据", ["2018年", "2019年"]),
    ],
)
def test_the_card_says_the_year_of_its_figures_when_it_is_not_the_plans(years, caption, per_figure):
    plan = WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务")
    for year in years:
        KeyFigureFactory(
            plan=plan, label="服务职工", number="127.6", magnitude="万", unit="人次", year=year
        )
    card, measure = _layout(plan)
    texts = [t.text for t in card.texts]
    assert caption in texts
    assert sorted(t for t in texts if t.endswith("年") and t[:4].isdigit()) == per_figure
    assert_whole_and_inside(card, measure)


def test_the_plan_pages_say_the_year_of_mixed_figures(client):
    plan = WorkPlanFactory(year=2020)
    KeyFigureFactory(plan=plan, label="参赛职工", number="8000", unit="人", year=2019)
    KeyFigureFactory(plan=plan, label="服务职工", number="1091", unit="场", year=2020)
    for name in ("workplan:year", "workplan:overview"):
        text = client.get(reverse(name, args=[2020])).text
        assert "参赛职工（2019年）" in text
        assert "服务职工（2020年）" not in text


def test_the_footer_shows_the_site_name_of_the_site_information():
    plan = _demo_plan()
    info = SiteInfo.objects.get_or_create(pk=1, defaults=SiteInfo.defaults())[0]
    info.site_name = "南海区总工会网站"
    info.save()
    plan = WorkPlan.objects.for_page().get(pk=plan.pk)
    outline = build_outline(plan)
    card = share.layout_card(plan, outline, "南海区总工会网站", share.Measure())
    assert "南海区总工会网站" in [t.text for t in card.texts]
    # The name is part of what is drawn, so a new name gives a new card.
    assert share.card_name(plan, outline) != share.card_name(plan, outline, "别的名称")
    assert share.card_name(plan, outline) == share.card_name(plan, outline, "南海区总工会网站")


@pytest.mark.parametrize(
    "text",
    [
        "服务中心和服务平台开展活动",
        "“中国梦·劳动美”主题活动",
        "ABC公司2020年度职工Training项目123456789",
        "（括号）开头、顿号，逗号。句号！",
        "Workers' Day 2020: a very long English label with words",
    ],
)
@pytest.mark.parametrize("width", [60, 120, 224])
def test_wrapping_keeps_every_character_and_never_starts_a_line_with_a_closing_mark(text, width):
    measure = share.Measure()
    for wrap in (share.wrap, share.wrap_balanced):
        lines = wrap(text, width, 20, measure)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[:1] not in share.NO_LINE_START or len(line) == 1, lines
        for line in lines[:-1]:
            assert line[-1:] not in share.NO_LINE_END, lines


def test_balanced_lines_break_after_punctuation_and_leave_no_orphan():
    measure = share.Measure()
    assert share.wrap_balanced("“中国梦·劳动美”主题活动", 224, 20, measure) == [
        "“中国梦·劳动美”",
        "主题活动",
    ]
    lines = share.wrap_balanced("服务中心和服务平台开展活动", 224, 20, measure)
    assert [len(line) for line in lines] == [7, 6]


def test_task_statuses_still_show_on_the_bars():
    plan = _demo_plan()
    Task.objects.filter(plan=plan).update(status=Task.Status.DONE)
    card, _measure = _layout(plan)
    assert card.bars
    assert {bar[4] for bar in card.bars} == {"#1e7d32"}
