"""axe-core finds no violations on the public pages, in the normal and the large-text mode."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article, Section
from tests.browser.conftest import axe, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site():
    """The demo content `make run` shows: the seed reports with credits, series, photos."""
    call_command("load_demo", stdout=StringIO())
    article = (
        Article.objects.published()
        .filter(series__isnull=False, credits__isnull=False)
        .distinct()
        .order_by("published_at")
        .first()
    )
    section = Section.objects.navigation().first()
    assert article is not None
    assert section is not None
    return {
        "首页": "/",
        "全部新闻": "/news/",
        "栏目页": section.get_absolute_url(),
        "文章页": article.get_absolute_url(),
    }


def switch_to_large_text(page):
    page.goto("/")
    page.get_by_role("link", name="大字版").click()
    page.wait_for_url("**/")
    expect(page.locator("html")).to_have_class("large-text")


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large-text"])
def test_public_pages_have_no_axe_violations(page, demo_site, large_text):
    if large_text:
        switch_to_large_text(page)
    failures = []
    for name, url in demo_site.items():
        page.goto(url)
        html_class = page.locator("html").get_attribute("class") or ""
        assert ("large-text" in html_class) == large_text, f"{name}: mode not kept"
        violations = axe(page)
        if violations:
            failures.append(f"{name} {url}:\n{describe_violations(violations)}")
    assert not failures, "\n\n".join(failures)


def test_large_text_mode_stays_on_across_pages_until_switched_off(page, demo_site):
    page.goto(demo_site["文章页"])
    page.get_by_role("link", name="大字版").click()
    # Back on the same article, now in the large-text mode.
    page.wait_for_url(f"**{demo_site['文章页']}")
    expect(page.locator("html")).to_have_class("large-text")
    font_size = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")
    assert float(font_size.removesuffix("px")) >= 20

    # Following a link in the navigation keeps it.
    page.locator(".site-nav").get_by_role("link").nth(1).click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_class("large-text")
    page.goto(demo_site["全部新闻"])
    expect(page.locator("html")).to_have_class("large-text")

    page.get_by_role("link", name="标准版").click()
    page.wait_for_url(f"**{demo_site['全部新闻']}")
    expect(page.locator("html")).not_to_have_class("large-text")
    page.goto("/")
    expect(page.locator("html")).not_to_have_class("large-text")


def test_axe_helper_reports_real_violations(page, live_server):
    """Guard against a silent pass: the helper must see an image without alt text."""
    page.goto("/robots.txt")
    page.set_content("<html><body><main><img src='/static/x.png'></main></body></html>")
    rules = {violation["id"] for violation in axe(page)}
    assert "image-alt" in rules
    assert "html-has-lang" in rules
