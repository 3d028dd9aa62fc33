import pytest
from django.test import Client
from django.urls import reverse

# The browser fixtures (Chromium through Playwright) for test_browser.py.
from tests.browser.conftest import browser, new_page, page  # noqa: F401
from tests.factories import UserFactory


@pytest.fixture
def second_editor(db):
    from django.contrib.auth.models import Group

    from core.roles import EDITOR

    user = UserFactory(username="editor2", is_staff=True, first_name="", last_name="")
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def client_for(user) -> Client:
    """A separate browser session for ``user``."""
    client = Client()
    client.force_login(user)
    return client


def article_url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


@pytest.fixture(autouse=True)
def _close_database_breaker():
    """A test that simulates an outage must not leave the 503 breaker open for the next."""
    from core.errors import reset_breaker

    reset_breaker()
    yield
    reset_breaker()
