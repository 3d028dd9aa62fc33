"""The engine on its own: list matching (exceptions, longest hit, Latin case), every
mechanical check, marks that survive edits, and the shipped default list, which must find
the well-known slips and stay silent on correct text."""

import re
from pathlib import Path

import pytest

from proofread import mechanical
from proofread.engine import (
    ListEntry,
    Matcher,
    Segment,
    WaiverKey,
    check,
    html_blocks,
    html_segments,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent.parent / "shared" / "seed" / "000_304742fbc2f219dc.txt"
if not SEED.exists():
    SEED = Path("/work/shared/seed/000_304742fbc2f219dc.txt")
DEFAULT_LIST = ROOT / "proofread" / "data" / "default_list.tsv"


def default_entries() -> list[ListEntry]:
    entries = []
    for line in DEFAULT_LIST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        wrong, right, kind, severity, note, exceptions = (line.split("\t") + [""] * 6)[:6]
        entries.append(
            ListEntry(
                wrong, right, kind, severity, note, tuple(e for e in exceptions.split("|") if e)
            )
        )
    return entries


def codes(text, style="text", next_block=""):
    return [
        (f.code, text[f.start : f.end])
        for f in mechanical.check_text(text, style=style, next_block=next_block)
    ]


# --- Word lists ---------------------------------------------------------------------------


def test_matcher_finds_every_entry_with_its_position():
    matcher = Matcher([ListEntry("总公会", "总工会"), ListEntry("再接再励", "再接再厉")])
    hits = matcher.find("南海区总公会号召职工再接再励。")
    assert [(s, e, entry.wrong) for s, e, entry in hits] == [(3, 6, "总公会"), (10, 14, "再接再励")]


def test_exception_phrases_silence_the_entry_only_inside_them():
    matcher = Matcher([ListEntry("北朝鲜", "朝鲜", exceptions=("东北朝鲜族",))])
    assert matcher.find("我国东北朝鲜族群众") == []
    assert [h[2].wrong for h in matcher.find("北朝鲜发射")] == ["北朝鲜"]


def test_a_right_form_containing_the_wrong_one_is_never_flagged():
    matcher = Matcher([ListEntry("工会", "中华全国总工会工会")])
    assert matcher.find("中华全国总工会工会") == []


def test_the_longest_entry_wins_where_two_overlap():
    matcher = Matcher(
        [ListEntry("总公会", "总工会"), ListEntry("中华全国总公会", "中华全国总工会")]
    )
    hits = matcher.find("中华全国总公会")
    assert [h[2].wrong for h in hits] == ["中华全国总公会"]


def test_latin_letters_match_whatever_their_case():
    matcher = Matcher([ListEntry("WeChat", "微信")])
    assert [(s, e) for s, e, _ in matcher.find("请关注wechat公众号")] == [(3, 9)]


def test_hits_come_with_their_sentence_highlight_and_suggestion():
    matcher = Matcher([ListEntry("总公会", "总工会", "norm", "serious", "工会名称")])
    report = check(
        [Segment("body", "正文", "第一句话。南海区总公会召开会议,部署工作。第三句。")],
        matcher,
        mechanical_checks=False,
    )
    (hit,) = report.hits
    assert hit.sentence == "南海区总公会召开会议,部署工作。"
    assert (hit.before, hit.found, hit.after) == ("南海区", "总公会", "召开会议,部署工作。")
    assert hit.suggestion == "总工会"
    assert hit.is_serious
    assert report.serious == [hit]


def test_a_banned_word_suggests_deleting_it():
    matcher = Matcher([ListEntry("某违禁词", "", "banned", "serious")])
    (hit,) = check([Segment("headline", "标题", "含有某违禁词的标题")], matcher).hits
    assert hit.suggestion == "删除或改写"
    assert "不应出现" in hit.describe()


def test_a_mark_survives_later_edits_of_the_same_sentence():
    matcher = Matcher([ListEntry("总公会", "总工会")])
    original = "据悉,台湾“某某总公会”昨日发表声明。"
    (hit,) = check([Segment("body", "正文", original)], matcher, mechanical_checks=False).hits
    mark = WaiverKey(hit.rule, hit.found, hit.sentence, hit.context)
    edited = "据悉,台湾“某某总公会”于6月16日发表声明,表示支持。"
    again = check(
        [Segment("body", "正文", edited)], matcher, waivers=[mark], mechanical_checks=False
    )
    assert again.hits[0].waived
    assert again.serious == []
    elsewhere = check(
        [Segment("body", "正文", "南海区总公会组织职工开展技能竞赛,参赛人数创新高。")],
        matcher,
        waivers=[mark],
        mechanical_checks=False,
    )
    assert not elsewhere.hits[0].waived


def test_html_blocks_join_inline_tags_and_split_blocks():
    html = "<p>南海区<strong>总</strong>公会</p><h2>小标题 有空格</h2><p>A&amp;B</p>"
    assert html_blocks(html) == ["南海区总公会", "小标题 有空格", "A&B"]
    assert [s.style for s in html_segments("body", "正文", html)] == ["title", "title", "title"]


# --- Mechanical checks --------------------------------------------------------------------


def test_half_width_punctuation_between_chinese_is_reported_with_the_full_width_form():
    found = mechanical.check_text("会议指出,要做好工作;全体(扩大)会议。", style="text")
    assert [(f.code, f.suggestion) for f in found] == [
        ("halfwidth", "，"),
        ("halfwidth", "；"),
        ("halfwidth", "（扩大）"),
    ]


def test_half_width_punctuation_in_numbers_and_english_is_left_alone():
    assert codes("上午8:30开会,比分3:2。Hello, world.") == [("halfwidth", ",")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("职工的的权益", [("doubled", "的的")]),
        ("工作做完了了。", [("doubled", "了了")]),
        ("这件事不了了之。", []),
        ("为了了解职工需求", []),
        ("的的确确是好事", []),
        ("达到目的的手段", []),
        ("实实在在为职工办事", []),
        ("参与与否由职工决定", []),
        ("以及及时处理", []),
        ("会议，，决定", [("doubled_punct", "，，")]),
        ("完成。。", [("doubled_punct", "。。")]),
    ],
)
def test_doubled_characters(text, found):
    assert codes(text) == found


def test_unbalanced_brackets_and_quotes():
    assert codes("学习《工会法》和“劳动法”。") == []
    assert codes("学习《工会法和“劳动法”。") == [("unbalanced", "《")]
    assert codes("会议(扩大)和（第三次）全体会议）") == [
        ("halfwidth", "(扩大)"),
        ("unbalanced", "）"),
    ]


def test_a_quotation_over_several_paragraphs_is_not_unbalanced():
    assert codes("“第一段话。", next_block="“第二段话。”") == []
    assert codes("“第一段话。", next_block="第二段话。") == [("unbalanced", "“")]


def test_a_space_inside_chinese_text_but_not_in_titles_quotes_or_headlines():
    assert codes("职工 服务中心") == [("space", " ")]
    assert codes("开展“守底线 强担当 提效能”活动") == []
    assert codes("学习《忠诚党的事业 竭诚服务职工》报告") == []
    assert codes("精准实干 为南海高质量发展凝心聚力", style="title") == []


def test_full_and_half_width_digits_mixed_in_one_number():
    (finding,) = mechanical.check_text("２0２0年", style="text")
    assert (finding.code, finding.suggestion) == ("digits", "2020")
    assert codes("２０２０年和2020年") == []


# --- The shipped default list -----------------------------------------------------------


def correct_texts() -> list[str]:
    """Correct Chinese: the seed page, the demo bodies, and the bench's sentence corpus."""
    from articles import demo as article_demo
    from bench.core import HEADINGS, KICKERS, TOPICS
    from profiles import demo as profile_demo
    from workplan import demo as workplan_demo

    texts = [SEED.read_text(encoding="utf-8"), article_demo.MEETING_BODY, article_demo.BAOJIE_BODY]
    for module in (article_demo, profile_demo, workplan_demo):
        source = Path(module.__file__).read_text(encoding="utf-8")
        texts += re.findall(r"[\u4e00-\u9fff][^\"'\n]*", source)
    texts += HEADINGS + KICKERS + TOPICS
    return texts


LEGIT = [
    "通过抽签定出比赛顺序。",
    "他的思想像一盏灯。",
    "全部份额已经认购完毕。",
    "要严格守住安全生产底线。",
    "关注消费者权益保护。",
    "规范筹集和使用工会经费。",
    "召开恳谈会听取职工意见。",
    "各级环境保护部门和农业部门。",
    "我国东北朝鲜族群众能歌善舞。",
    "劳动保障部门依法处理欠薪。",
    "他感冒然后发烧了。",
    "爱好象棋的职工报名参加比赛。",
    "对帐篷进行加固。",
    "来自已经退休的老职工。",
    "为了了解职工需求,工会开展调研。",
    "这件事不能不了了之。",
    "一座落成的职工文化中心。",
    "原国家工商行政管理总局的职能。",
    "巩固疾病防控成果。",
    "毕竟赛程很紧。",
    "他们竟争相报名。",
    "既使职工得实惠,又使企业得发展。",
]


def test_the_default_list_is_sound():
    entries = default_entries()
    assert len(entries) >= 300
    wrongs = [e.wrong for e in entries]
    assert len(wrongs) == len(set(wrongs))
    for entry in entries:
        assert entry.wrong != entry.right
        assert entry.kind in {"typo", "norm", "banned", "hint"}
        assert entry.severity in {"serious", "hint"}
        for phrase in entry.exceptions:
            assert entry.wrong in phrase
        # A correction must itself be clean for the other entries.
        assert [h[2].wrong for h in Matcher(entries).find(entry.right)] == [], entry


def test_the_default_list_is_silent_on_correct_text():
    matcher = Matcher(default_entries())
    for text in correct_texts():
        for block in html_blocks(text):
            assert matcher.find(block) == [], (block, [h[2].wrong for h in matcher.find(block)])


@pytest.mark.parametrize("text", LEGIT)
def test_the_default_list_leaves_right_usages_alone(text):
    hits = [h for h in Matcher(default_entries()).find(text) if h[2].severity == "serious"]
    assert hits == []


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("南海区总公会召开会议", "南海区总公会"),
        ("中华全国总公会发布通知", "中华全国总公会"),
        ("号召职工再接再励", "再接再励"),
        ("按步就班推进", "按步就班"),
        ("国家工商行政管理总局发布", "国家工商行政管理总局"),
        ("国家安全生产监督管理总局要求", "国家安全生产监督管理总局"),
        ("全力以付做好服务", "全力以付"),
        ("认真布署全年工作", "布署"),
        ("技能竟赛活动", "竟赛"),
        ("大力宏扬劳模精神", "宏扬"),
    ],
)
def test_the_default_list_finds_well_known_slips(text, wrong):
    assert [h[2].wrong for h in Matcher(default_entries()).find(text)] == [wrong]
