"""Quality gates on the demo site served as in production (issue 11): Lighthouse (mobile)
≥ 98 in all four categories, the Nu HTML checker with 0 errors and axe with no violation
(both display modes), on the home page, an article, a notice with attachments, the
一图读懂 overview, a profile and the search page (not scored for SEO: it is ``noindex``).

One test, one server, one Chrome for Lighthouse and one JVM for the checker: the pages are
checked together so the gates add as little time as possible to ``make test`` (about a
minute: README, "Quality gates").
Tools: ``lighthouse`` and ``vnu-jar`` from npm (package.json), Debian's Chromium, Java and
nginx (.ci/run). Outside CI the test skips when one is missing; with ``CI`` set it fails.
"""

import json
import os
import shutil
import subprocess
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from attachments.demo import NOTICE_HEADLINE
from profiles.models import Profile
from tests.browser.conftest import (  # noqa: F401
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    axe,
    browser,
    describe_violations,
)

from .server import nginx_binary, production_site

pytestmark = [pytest.mark.browser, pytest.mark.quality, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_SCRIPT = Path(__file__).with_name("lighthouse.mjs")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MIN_SCORE = 0.98


def _need(what: str, present: bool) -> None:
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"the quality gates need {what} (CI is set, so they may not skip)")
    pytest.skip(f"{what} not available")


def _pages() -> dict[str, tuple[str, list[str]]]:
    """name → (path, Lighthouse categories)."""
    article = Article.objects.get(headline="精准实干 为南海高质量发展凝心聚力")
    notice = Article.objects.get(headline=NOTICE_HEADLINE)
    assert notice.attachments.count() == 3
    profile = Profile.objects.get(name="包杰")
    return {
        "首页": ("/", CATEGORIES),
        "文章": (article.get_absolute_url(), CATEGORIES),
        "带附件的通知": (notice.get_absolute_url(), CATEGORIES),
        "一图读懂": ("/plans/2020/overview/", CATEGORIES),
        "人物档案": (profile.get_absolute_url(), CATEGORIES),
        # noindex by design, so not scored for SEO.
        "搜索": ("/search/?q=%E5%B7%A5%E4%BC%9A", CATEGORIES[:3]),
    }


def _percent(score) -> str:
    return str(round(score * 100)) if isinstance(score, int | float) else str(score)


def _database_url() -> str:
    db = connection.settings_dict
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}"


def _nu_errors(base: str, pages: dict, folder: Path) -> list[str]:
    """Every error of the Nu HTML checker on the pages as served (one JVM for all)."""
    files = []
    for name, (path, _categories) in pages.items():
        with urllib.request.urlopen(base + path, timeout=30) as response:
            assert response.status == 200, name
            target = folder / f"page-{len(files)}.html"
            target.write_bytes(response.read())
            files.append((target, name))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always"]
        + [str(path) for path, _name in files],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    names = {path.as_uri(): name for path, name in files}
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{names.get(m.get('url'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


def _lighthouse(base: str, pages: dict, folder: Path) -> list[dict]:
    """Scores and failing audits per page (tests/quality/lighthouse.mjs: one Chrome)."""
    job = {
        "chromePath": CHROMIUM,
        "chromeFlags": CHROMIUM_ARGS,
        "pages": [{"url": base + path, "categories": cats} for path, cats in pages.values()],
    }
    (folder / "lighthouse-job.json").write_text(json.dumps(job))
    result = subprocess.run(
        ["node", str(LIGHTHOUSE_SCRIPT), str(folder / "lighthouse-job.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _axe_and_console(browser, base: str, pages: dict) -> tuple[list[str], list[str]]:  # noqa: F811
    """axe's violations in both display modes, and any console error (a missing favicon…)."""
    failures, console_errors = [], []
    context = browser.new_context(base_url=base, locale="zh-CN")
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    for mode in ("标准版", "大字版"):
        if mode == "大字版":
            page.goto("/display/?large=1&next=/")
        for name, (path, _categories) in pages.items():
            page.goto(path)
            violations = axe(page)
            if violations:
                failures.append(f"{mode} {name}:\n{describe_violations(violations)}")
    context.close()
    return failures, console_errors


def test_lighthouse_nu_checker_and_axe_pass_on_the_demo_site(browser, settings, tmp_path):  # noqa: F811
    _need("Node.js (node)", shutil.which("node") is not None)
    _need("Lighthouse (npm install)", (NODE_MODULES / "lighthouse").is_dir())
    _need("the Nu HTML checker (npm install: vnu-jar)", VNU_JAR.exists())
    _need("Java (Debian package default-jre-headless)", shutil.which("java") is not None)
    _need("nginx", nginx_binary() is not None)
    _need("axe-core (npm install)", AXE_JS.exists())
    timings = {}
    mark = started = time.monotonic()

    def lap(name):
        nonlocal mark
        timings[name] = time.monotonic() - mark
        mark = time.monotonic()

    call_command("load_demo", stdout=StringIO())
    pages = _pages()
    lap("demo content")
    with production_site(
        database_url=_database_url(), media_root=Path(settings.MEDIA_ROOT), folder=tmp_path
    ) as base:
        # The first view draws the work plan's share card; the gates measure later views.
        for path, _categories in pages.values():
            urllib.request.urlopen(base + path, timeout=30).close()
        lap("server start")
        nu_errors = _nu_errors(base, pages, tmp_path)
        lap("Nu checker")
        axe_failures, console_errors = _axe_and_console(browser, base, pages)
        lap("axe")
        # After the other checks, not beside them: Lighthouse's simulated timings take the
        # page's main-thread work as measured, so a busy CPU costs points (TBT) here.
        results = _lighthouse(base, pages, tmp_path)
        lap("Lighthouse")
    timings["total"] = time.monotonic() - started

    report = ["Lighthouse (mobile): " + ", ".join(CATEGORIES)]
    low = []
    for (name, _page), result in zip(pages.items(), results, strict=True):
        scores = result["scores"]
        report.append(
            f"  {name}: "
            + " ".join(_percent(scores.get(c, "—")) for c in CATEGORIES)
            + f"  ({result['seconds']:.1f} s)"
            + (f"  {result['runtimeError']}" if result["runtimeError"] else "")
        )
        if result["runtimeError"]:
            low.append(f"{name}: Lighthouse could not measure it: {result['runtimeError']}")
        for category, score in scores.items():
            if score is None or score < MIN_SCORE:
                audits = [f for f in result["failing"] if f["category"] == category]
                low.append(f"{name} {category} {score}: {audits}")
    report.append("Time: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    (tmp_path / "report.txt").write_text("\n".join(report))
    print("\n".join(report))  # noqa: T201 - shown with -s, and on failure
    if os.environ.get("NANHAI_QUALITY_DETAILS"):
        print(json.dumps(results, ensure_ascii=False, indent=1))  # noqa: T201

    assert not nu_errors, "Nu HTML checker:\n" + "\n".join(nu_errors)
    assert not axe_failures, "\n\n".join(axe_failures)
    assert not console_errors, console_errors
    assert not low, "Lighthouse below 98:\n" + "\n".join(low) + "\n" + "\n".join(report)
