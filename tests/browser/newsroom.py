"""Shared checks for the admin flows walked in a real browser (tests/browser/test_newsroom*.py).

Every admin page of a flow must fit a 390 px phone and a 1280 px laptop without scrolling
sideways, pass axe without a serious or critical violation, and show no English word
outside a short allow-list (formats and file names).
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from core.roles import EDITOR, REPORTER
from tests.browser.conftest import axe, describe_violations
from tests.factories import SectionFactory, UserFactory
from tests.workplan.factories import CategoryFactory, TaskFactory, WorkPlanFactory

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1280, "height": 900}}
SIZES = [(390, 844), (1280, 900)]

# Latin words staff may see: image formats and units in the upload help, the feed's name.
# Formats and units: the names people know them by (附件 accepts PDF, Word, Excel, WPS, OFD).
ALLOWED_LATIN = {"RSS", "JPEG", "PNG", "WebP", "HEIC", "MB", "KB"}
ALLOWED_LATIN |= {
    "PDF",
    "DOC",
    "DOCX",
    "XLS",
    "XLSX",
    "WORD",
    "EXCEL",
    "Word",
    "Excel",
    "WPS",
    "ET",
    "OFD",
}
FILE_NAME = re.compile(r"[\w.-]+\.(?:jpe?g|png|webp|heic|heif)\b", re.IGNORECASE)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


# The elements sticking out on the right, for the failure message.
OVERFLOWING = """(width) => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(0, 8)
    .map(el => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`)"""


def english_words(text: str) -> set[str]:
    return set(LATIN_WORD.findall(FILE_NAME.sub(" ", text))) - ALLOWED_LATIN


def check_page(page, label: str) -> None:
    """The page fits both screens, passes axe (serious/critical) and reads in Chinese."""
    page.wait_for_load_state("load")
    size = page.viewport_size
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        scroll, inner = page.evaluate(
            "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        assert inner == width, f"{label}: wider than the {width}px screen ({inner}px): " + (
            ", ".join(page.evaluate(OVERFLOWING, width))
        )
        assert scroll <= inner, f"{label}: scrolls sideways at {width}px ({scroll}px): " + (
            ", ".join(page.evaluate(OVERFLOWING, width))
        )
    page.set_viewport_size(size)
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert not serious, f"{label}:\n{describe_violations(serious)}"
    words = english_words(page.evaluate("() => document.body.innerText"))
    assert not words, f"{label}: English on the page: {sorted(words)}"


def screenshot(page, name: str, *, full_page: bool = False) -> None:
    """Pictures for the README (docs/screenshots/), when NANHAI_SCREENSHOTS=1."""
    if os.environ.get("NANHAI_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def messages(page) -> list[str]:
    return page.locator(".messagelist li").all_inner_texts()


def staff(username, last, first, role):
    user = UserFactory(username=username, first_name=first, last_name=last, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def newsroom():
    # Transactional tests empty the tables (roles included): the roles come back by name,
    # with their permissions synced as after `migrate`.
    from django.apps import apps

    from core.roles import sync_app_roles

    for label in ("core", "photos", "articles", "workplan", "profiles"):
        sync_app_roles(apps.get_app_config(label))
    section = SectionFactory(name="基层动态", slug="jiceng")
    plan = WorkPlanFactory(year=2020, title="2020年南海工会重点工作任务")
    task = TaskFactory(
        plan=plan,
        category=CategoryFactory(name="思想引领"),
        title="团结引导职工群众听党话、跟党走。",
    )
    return {
        "reporter": staff("reporter_li", "李", "冬冬", REPORTER),
        "editor": staff("editor_huang", "黄", "梦灵", EDITOR),
        "section": section,
        "task": task,
    }
