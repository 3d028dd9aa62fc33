"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live server.

Shared fixtures for every area's browser tests:

- ``browser``: one headless Chromium for the session;
- ``context`` / ``page``: a fresh browser profile per test (the site's own CSP applies);
- ``new_page()``: another independent profile in the same test (e.g. an anonymous reader
  next to a logged-in editor);
- ``login(page, user)``: logs in through the admin login form;
- ``axe(page)``: runs axe-core (``node_modules/axe-core``) on the page, returns violations;
- ``site_url``: the live server's base URL.

Mark every browser test with ``@pytest.mark.browser`` (``pytestmark`` in the module).
Outside CI the tests skip when Chromium, Playwright or axe-core is missing; with ``CI`` set
(``.ci/run``) a missing piece fails them instead.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (factories, assertions) would otherwise be refused as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# WCAG 2.1 A and AA rules plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _missing(what: str):
    """Skip outside CI; fail loudly in CI, where the browser tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need {what} (CI is set, so they may not skip)")
    pytest.skip(f"{what} not available")


# One Playwright and one Chromium for the whole run. Other areas import the ``browser``
# fixture into their own conftest or module, which makes pytest hold one session fixture
# per place; a second sync_playwright() in the same thread fails ("Sync API inside the
# asyncio loop"), so every copy hands out this one shared instance.
_SHARED: dict = {}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium at {CHROMIUM} (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the Python package 'playwright'")
    if "browser" not in _SHARED:
        playwright = sync_playwright().start()
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
    yield _SHARED["browser"]
    # Session teardown: every test is done, whichever copy gets here first closes it.
    if "browser" in _SHARED:
        _SHARED.pop("browser").close()
        _SHARED.pop("playwright").stop()


@pytest.fixture
def site_url(live_server):
    return live_server.url


@pytest.fixture
def new_page(browser, live_server):
    """Factory: a page in a new, independent browser profile (cookies are not shared)."""
    contexts = []

    def make(**options):
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", timezone_id="Asia/Shanghai", **options
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def context(page):
    return page.context


def login(page, user, password: str = PASSWORD) -> None:
    """Log ``user`` in through the admin login form; ends on the admin index."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit], button[type=submit]")
    if "/admin/login/" in page.url:
        errors = page.locator(".errornote, .errorlist").all_inner_texts()
        raise AssertionError(f"login failed for {user.get_username()}: {errors}")


@pytest.fixture(name="login")
def login_fixture():
    return login


def axe(page, *, tags=None, disable=()) -> list[dict]:
    """Run axe-core on the current page; return its violations (an empty list is a pass).

    The script is evaluated through the DevTools protocol, so the site's
    Content-Security-Policy (no inline script) stays on while axe runs.
    """
    if not AXE_JS.exists():
        _missing(f"axe-core ({AXE_JS.relative_to(ROOT)}; run `npm install`)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    options = {
        "runOnly": {"type": "tag", "values": list(tags or AXE_TAGS)},
        "rules": {rule: {"enabled": False} for rule in disable},
        "resultTypes": ["violations"],
    }
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    """A readable summary for assertion messages."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


@pytest.fixture(name="axe")
def axe_fixture():
    return axe
