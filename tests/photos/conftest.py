import pytest
from django.core.files.storage import default_storage

from photos.services import photo_create

# The shared Playwright fixtures (tests/browser/conftest.py), for test_browser_upload.py.
from tests.browser.conftest import browser, new_page, page, site_url  # noqa: F401

from .images import phone_jpeg, upload


def stored_files() -> list[str]:
    """Every file in the media storage (walked through the storage API)."""

    def walk(folder):
        try:
            dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return []
        found = [f"{folder}/{f}".lstrip("/") for f in files]
        for d in dirs:
            found += walk(f"{folder}/{d}".lstrip("/"))
        return found

    return walk("")


@pytest.fixture
def make_photo(db):
    def make(
        user=None, *, caption="南海工会活动现场", credit="通讯员供图", size=(1200, 800), **kwargs
    ):
        data = kwargs.pop("data", None) or phone_jpeg(size)
        return photo_create(
            upload=upload("phone.jpg", data), user=user, caption=caption, credit=credit, **kwargs
        )

    return make
