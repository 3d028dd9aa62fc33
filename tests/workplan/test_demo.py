import io
import re

import pytest
from django.conf import settings
from django.urls import reverse

from articles import demo as articles_demo
from articles.models import Article
from workplan import demo
from workplan.models import KeyFigure, Task, TaskReport, WorkPlan

pytestmark = pytest.mark.django_db

SEED = settings.BASE_DIR.parent / "shared" / "seed" / "000_304742fbc2f219dc.txt"

EXPECTED = [
    ("思想引领", ["团结引导职工群众听党话、跟党走。", "推进社会主义核心价值观践行活动。"]),
    ("立功竞赛", ["广泛深入持久开展劳动和技能竞赛活动。", "培养造就更多劳动模范与工匠人才。"]),
    ("维权维稳", ["提高市域社会治理现代化工作参与度。", "推动构建和谐劳动关系。"]),
    ("精准服务", ["做实做优职工服务品牌。", "切实帮助职工群众排忧解难。"]),
    ("工会建设", ["深化工会组织和规范化建设的扩面提质。", "深化工会干部队伍建设"]),
]
EXPECTED_FIGURES = ["10余万人次", "超过100场次", "20个项目", "超8000人", "40多万人次", "1091场",
                    "127.6万余人次"]  # fmt: skip


@pytest.fixture
def loaded():
    articles_demo.load()
    demo.load(stdout=io.StringIO())
    return WorkPlan.objects.get(year=2020)


def _plan_outline(plan):
    grouped = {}
    for task in plan.tasks.select_related("category"):
        grouped.setdefault(task.category.name, []).append(task.title)
    return list(grouped.items())


def test_demo_plan_matches_the_seed_list(loaded):
    assert loaded.title == "2020年南海工会重点工作任务"
    assert loaded.is_published
    assert _plan_outline(loaded) == EXPECTED


def test_demo_plan_reads_exactly_like_the_seed_page():
    if not SEED.exists():
        pytest.skip("seed page not available")
    text = SEED.read_text()
    block = text.split("2020年南海工会重点工作任务", 1)[1].split("一图读懂", 1)[0]
    seed_outline, current = [], None
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("- "):
            current[1].append(line[2:])
        elif line:
            current = (line, [])
            seed_outline.append(current)
    assert seed_outline == EXPECTED
    for figure in EXPECTED_FIGURES:
        assert figure in text


def test_demo_figures_are_the_review_of_2019(loaded):
    meeting = Article.objects.get(headline=demo.MEETING_HEADLINE)
    figures = list(loaded.figures.all())
    assert [f.display for f in figures] == EXPECTED_FIGURES
    assert {(f.year, f.source_id) for f in figures} == {(2019, meeting.pk)}
    assert "为127.6万余人次职工" in meeting.body


def test_demo_links_the_meeting_report_to_the_tasks_it_speaks_of(loaded):
    meeting = Article.objects.get(headline=demo.MEETING_HEADLINE)
    assert loaded.source == meeting
    assert set(meeting.plan_tasks.all()) == set(loaded.tasks.all())
    # Other demo reports are linked by topic, e.g. the skills contest.
    contest = Task.objects.get(title="广泛深入持久开展劳动和技能竞赛活动。")
    assert contest.reports.exclude(pk=meeting.pk).exists()


def test_demo_is_idempotent(loaded):
    counts = (WorkPlan.objects.count(), Task.objects.count(), KeyFigure.objects.count(),
              TaskReport.objects.count())  # fmt: skip
    demo.load()
    assert counts == (WorkPlan.objects.count(), Task.objects.count(), KeyFigure.objects.count(),
                      TaskReport.objects.count())  # fmt: skip


def test_demo_plan_page_reads_like_the_seed(client, loaded):
    page = client.get(reverse("workplan:year", args=[2020])).content.decode()
    text = re.sub(r"<[^>]+>", "\n", page)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    wanted = [item for name, tasks in EXPECTED for item in (name, *tasks)]
    positions = [lines.index(item) for item in wanted]
    assert positions == sorted(positions)
    meeting_link = (
        f'href="{Article.objects.get(headline=demo.MEETING_HEADLINE).get_absolute_url()}"'
    )
    assert page.count(meeting_link) >= 11  # the source line and each of the ten tasks
