import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article
from tests.factories import ArticleFactory
from workplan import share
from workplan.models import Category, Task

from .factories import KeyFigureFactory, TaskFactory, TaskReportFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db

CATEGORY_NAMES = ["思想引领", "立功竞赛", "维权维稳", "精准服务", "工会建设"]


def _category(name):
    return Category.objects.get(name=name)


def _page(response):
    return response.content.decode()


def _big_plan(year=2020, tasks_per_category=6, reports_per_task=3):
    """A plan with many tasks, each linked to several live, draft and future reports."""
    plan = WorkPlanFactory(year=year)
    now = timezone.now()
    for name in CATEGORY_NAMES:
        for order in range(tasks_per_category):
            task = TaskFactory(plan=plan, category=_category(name), order=order,
                               status=["done", "in_progress", "not_started"][order % 3])  # fmt: skip
            for i in range(reports_per_task):
                TaskReportFactory(task=task, article=ArticleFactory(
                    published_at=now - dt.timedelta(days=i + 1)))  # fmt: skip
            TaskReportFactory(task=task, article=ArticleFactory(status=Article.Status.DRAFT))
    for i in range(8):
        KeyFigureFactory(plan=plan, order=i)
    return plan


# --- The plan page ---------------------------------------------------------------------


def test_plan_page_lists_categories_as_headings_with_tasks_in_order(client):
    plan = WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务")
    TaskFactory(plan=plan, category=_category("立功竞赛"), order=1,
                title="广泛深入持久开展劳动和技能竞赛活动。")  # fmt: skip
    TaskFactory(plan=plan, category=_category("思想引领"), order=2,
                title="推进社会主义核心价值观践行活动。", status=Task.Status.DONE)  # fmt: skip
    TaskFactory(plan=plan, category=_category("思想引领"), order=1,
                title="团结引导职工群众听党话、跟党走。", status=Task.Status.IN_PROGRESS)  # fmt: skip
    page = _page(client.get(reverse("workplan:year", args=[2020])))
    assert '<h1 class="plan__title">2020年南海工会重点工作任务</h1>' in page
    order = [
        page.index(">思想引领</h3>"),
        page.index("团结引导职工群众听党话、跟党走。"),
        page.index("推进社会主义核心价值观践行活动。"),
        page.index(">立功竞赛</h3>"),
        page.index("广泛深入持久开展劳动和技能竞赛活动。"),
    ]
    assert order == sorted(order)
    assert '<span class="task-status task-status--in_progress">推进中</span>' in page
    assert '<span class="task-status task-status--done">已完成</span>' in page
    assert '<span class="task-status task-status--not_started">未启动</span>' in page


def test_plan_page_shows_only_live_reports_newest_first(client):
    task = TaskFactory(plan=WorkPlanFactory(year=2020))
    now = timezone.now()
    older = ArticleFactory(headline="较早的报道", published_at=now - dt.timedelta(days=9))
    newer = ArticleFactory(headline="较新的报道", published_at=now - dt.timedelta(days=1))
    draft = ArticleFactory(headline="草稿报道", status=Article.Status.DRAFT)
    future = ArticleFactory(headline="定时报道", published_at=now + dt.timedelta(days=1))
    withdrawn = ArticleFactory(headline="撤回报道", status=Article.Status.WITHDRAWN)
    for article in (older, draft, newer, future, withdrawn):
        TaskReportFactory(task=task, article=article)
    response = client.get(reverse("workplan:year", args=[2020]))
    (shown,) = response.context["outline"].groups[0].tasks
    assert shown.live_reports == [newer, older]
    page = _page(response)
    assert page.index("较新的报道") < page.index("较早的报道")
    for hidden in ("草稿报道", "定时报道", "撤回报道"):
        assert hidden not in page


def test_index_shows_the_latest_published_plan(client):
    WorkPlanFactory(year=2020)
    WorkPlanFactory(year=2021, title="2021年南海工会重点工作任务")
    WorkPlanFactory(year=2022, title="2022年草稿计划", is_published=False)
    response = client.get(reverse("workplan:index"))
    assert response.context["plan"].year == 2021
    assert response.context["years"] == [2021, 2020]
    page = _page(response)
    assert "2022年草稿计划" not in page
    assert '<link rel="canonical" href="http://testserver/plans/2021/">' in page


def test_index_without_published_plans_says_so(client):
    WorkPlanFactory(year=2020, is_published=False)
    response = client.get(reverse("workplan:index"))
    assert "暂无已公开的年度工作计划。" in _page(response)


def test_year_switcher_links_published_years(client):
    WorkPlanFactory(year=2020)
    WorkPlanFactory(year=2021)
    WorkPlanFactory(year=2022, is_published=False)
    page = _page(client.get(reverse("workplan:year", args=[2020])))
    assert '<a href="/plans/2021/">2021年</a>' in page
    assert '<a href="/plans/2020/" aria-current="page">2020年</a>' in page
    assert "/plans/2022/" not in page
    overview = _page(client.get(reverse("workplan:overview", args=[2021])))
    assert '<a href="/plans/2020/overview/">2020年</a>' in overview


@pytest.mark.parametrize("url_name", ["workplan:year", "workplan:overview"])
def test_unpublished_plan_is_404_to_public_and_reporters(client, reporter, url_name):
    WorkPlanFactory(year=2021, is_published=False, title="未发布的计划")
    url = reverse(url_name, args=[2021])
    assert client.get(url).status_code == 404
    client.force_login(reporter)
    response = client.get(url)
    assert response.status_code == 404
    assert "未发布的计划" not in _page(response)


def test_editor_previews_an_unpublished_plan(client, editor):
    WorkPlanFactory(year=2021, is_published=False, title="未发布的计划")
    client.force_login(editor)
    page = _page(client.get(reverse("workplan:year", args=[2021])))
    assert "预览：这份计划尚未公开发布" in page
    assert '<meta name="robots" content="noindex">' in page


def test_missing_year_is_404(client):
    response = client.get(reverse("workplan:year", args=[1999]))
    assert response.status_code == 404
    assert response.context is None or "plan" not in response.context


def test_navigation_links_to_plans(client):
    page = _page(client.get(reverse("workplan:index")))
    assert '<a href="/plans/" aria-current="page">工作计划</a>' in page


# --- The overview (一图读懂) ------------------------------------------------------------


def test_overview_shows_figures_progress_and_categories(client):
    plan = WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务")
    KeyFigureFactory(plan=plan, label="服务职工", number="127.6", magnitude="万", qualifier="余",
                     unit="人次", year=2019)  # fmt: skip
    TaskFactory(plan=plan, category=_category("精准服务"), status=Task.Status.DONE,
                title="做实做优职工服务品牌。")  # fmt: skip
    TaskFactory(plan=plan, category=_category("工会建设"), status=Task.Status.IN_PROGRESS,
                title="深化工会干部队伍建设")  # fmt: skip
    response = client.get(reverse("workplan:overview", args=[2020]))
    page = _page(response)
    assert "数说2019年" in page
    assert (
        '<span class="figure__number">127.6</span><span class="figure__text">万余人次</span>'
        in page
    )
    assert '<title id="donut-text">2项任务：已完成1项，推进中1项，未启动0项</title>' in page
    assert 'aria-label="精准服务：已完成1项，推进中0项，未启动0项"' in page
    assert page.index("精准服务") < page.index("工会建设")
    # Donut: the done half starts at 12 o'clock, then the in-progress half.
    assert 'stroke-dasharray="50.0 50.0" stroke-dashoffset="25.0"' in page
    assert 'stroke-dasharray="50.0 50.0" stroke-dashoffset="-25.0"' in page
    assert " style=" not in page.split("<main", 1)[1]  # no inline styles (CSP)


def test_overview_and_plan_have_a_png_share_card(client):
    plan = WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务")
    KeyFigureFactory(plan=plan, label="参赛职工", number="8000", qualifier="超", unit="人")
    TaskFactory(plan=plan, category=_category("思想引领"))
    response = client.get(reverse("workplan:overview", args=[2020]))
    url = response.context["share_image"]
    assert url.startswith("/media/workplan/share/2020-")
    assert url.endswith(".png")
    page = _page(response)
    assert f'<meta property="og:image" content="http://testserver{url}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    name = url.removeprefix("/media/")
    with default_storage.open(name) as fh:
        image = Image.open(fh)
        assert (image.format, image.size) == ("PNG", (1200, 630))
    plan_page = client.get(reverse("workplan:year", args=[2020]))
    assert plan_page.context["share_image"] == url


def test_share_card_is_redrawn_when_the_plan_changes(client, no_page_cache):
    plan = WorkPlanFactory(year=2020)
    task = TaskFactory(plan=plan)
    first = client.get(reverse("workplan:overview", args=[2020])).context["share_image"]
    task.status = Task.Status.DONE
    task.save()
    second = client.get(reverse("workplan:overview", args=[2020])).context["share_image"]
    assert first != second
    assert default_storage.exists(second.removeprefix("/media/"))
    assert not default_storage.exists(first.removeprefix("/media/"))  # stale card removed
    again = client.get(reverse("workplan:overview", args=[2020])).context["share_image"]
    assert again == second


def test_pages_work_without_a_cjk_font(client, monkeypatch):
    monkeypatch.setattr(share, "DEFAULT_FONTS", {"regular": [], "bold": []})
    TaskFactory(plan=WorkPlanFactory(year=2020), title="推动构建和谐劳动关系。")
    response = client.get(reverse("workplan:overview", args=[2020]))
    assert response.context["share_image"] is None
    page = _page(response)
    assert "og:image" not in page
    assert "推动构建和谐劳动关系。" in page


# --- Query budgets ---------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["workplan:year", "workplan:overview"])
def test_plan_pages_stay_within_eight_queries(client, django_assert_max_num_queries, url_name):
    _big_plan(year=2020)
    WorkPlanFactory(year=2019)
    with django_assert_max_num_queries(8):
        response = client.get(reverse(url_name, args=[2020]))
    outline = response.context["outline"]
    assert outline.counts.total == 30
    assert all(len(task.live_reports) == 3 for g in outline.groups for task in g.tasks)
    assert len(outline.figures) == 8


def test_plan_index_stays_within_eight_queries(client, django_assert_max_num_queries):
    _big_plan(year=2021, tasks_per_category=8, reports_per_task=4)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("workplan:index"))
    assert response.context["outline"].counts.total == 40


# --- The article page panel ------------------------------------------------------------


def test_article_page_lists_the_tasks_it_reports_on(client):
    article = ArticleFactory(headline="南海职工技能竞赛决赛举行")
    task = TaskFactory(plan=WorkPlanFactory(year=2020), category=_category("立功竞赛"),
                       title="广泛深入持久开展劳动和技能竞赛活动。")  # fmt: skip
    TaskReportFactory(task=task, article=article)
    page = _page(client.get(article.get_absolute_url()))
    assert "本文报道的年度重点任务" in page
    assert (
        f'<a href="/plans/2020/#task-{task.pk}">2020年 · 立功竞赛 · 广泛深入持久开展劳动和技能竞赛活动。</a>'
        in page
    )


def test_article_page_hides_tasks_of_unpublished_plans(client):
    article = ArticleFactory()
    TaskReportFactory(task=TaskFactory(plan=WorkPlanFactory(year=2021, is_published=False),
                                       title="未公开计划的任务"), article=article)  # fmt: skip
    page = _page(client.get(article.get_absolute_url()))
    assert "本文报道的年度重点任务" not in page
    assert "未公开计划的任务" not in page


def test_article_panel_adds_one_query_at_most(client, django_assert_max_num_queries):
    article = ArticleFactory()
    for year in (2019, 2020, 2021):
        plan = WorkPlanFactory(year=year)
        for _ in range(5):
            TaskReportFactory(task=TaskFactory(plan=plan), article=article)
    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url())
    (panel,) = [p for p in response.context["panels"] if "plan_tasks" in p]
    assert len(panel["plan_tasks"]) == 15
    assert [t.plan.year for t in panel["plan_tasks"]][:1] == [2021]


def test_sitemap_lists_published_plans_and_overviews(client):
    WorkPlanFactory(year=2020)
    WorkPlanFactory(year=2021, is_published=False)
    xml = client.get("/sitemap-plans.xml").content.decode()
    assert "<loc>http://testserver/plans/2020/</loc>" in xml
    assert "<loc>http://testserver/plans/2020/overview/</loc>" in xml
    assert "/plans/2021/" not in xml


def test_a_known_card_costs_no_storage_call_and_no_process_state(client, monkeypatch):
    """The first view draws the card; later views answer from the shared cache, without
    asking the storage (an S3 HEAD) and without a process-global set."""
    TaskFactory(plan=WorkPlanFactory(year=2020))
    first = client.get(reverse("workplan:overview", args=[2020])).context["share_image"]
    assert not hasattr(share, "_known_cards")

    real = share.default_storage

    class NoCallsStorage:
        location = real.location

        def url(self, name):
            return real.url(name)

        def __getattr__(self, name):
            raise AssertionError(f"storage.{name} asked on a page view")

    monkeypatch.setattr(share, "default_storage", NoCallsStorage())
    assert client.get(reverse("workplan:year", args=[2020])).context["share_image"] == first


def test_a_card_being_drawn_elsewhere_is_not_drawn_twice(client, monkeypatch):
    from django.core.cache import cache

    TaskFactory(plan=WorkPlanFactory(year=2020))
    cache.add("workplan:card-lock:2020", "another worker", 30)
    monkeypatch.setattr(share, "cache_lock", _held_lock)
    drawn = []
    monkeypatch.setattr(share, "render_card", lambda *a: drawn.append(1) or b"")
    response = client.get(reverse("workplan:overview", args=[2020]))
    assert response.status_code == 200
    assert response.context["share_image"] is None  # shown without og:image this once
    assert drawn == []


def _held_lock(key, **kwargs):
    from contextlib import nullcontext

    return nullcontext(False)
