"""The plan page and the 一图读懂 overview in a real browser: on a phone, in print, and
checked by axe-core (WCAG 2.1 AA)."""

import io

import pytest
from playwright.sync_api import expect

from articles import demo as articles_demo
from tests.browser.conftest import axe, browser, describe_violations, new_page, page  # noqa: F401
from workplan import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True}


@pytest.fixture
def demo_plan():
    articles_demo.load()
    demo.load(stdout=io.StringIO())


@pytest.mark.parametrize("path", ["/plans/2020/", "/plans/2020/overview/"])
def test_plan_pages_fit_a_phone_and_pass_axe(new_page, demo_plan, path, tmp_path):  # noqa: F811
    phone = new_page(**PHONE)
    phone.goto(path)
    expect(phone.locator("h1")).to_contain_text("2020年南海工会重点工作任务")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    violations = axe(phone)
    assert not violations, describe_violations(violations)


def test_overview_prints_without_site_chrome(page, demo_plan):  # noqa: F811
    page.goto("/plans/2020/overview/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".year-switcher")).to_have_count(0)  # one year only: no switcher
    expect(page.locator(".figure-card")).to_have_count(7)
    expect(page.locator(".category-card")).to_have_count(5)
    expect(page.locator(".figure-card").last).to_contain_text("127.6万余人次")
