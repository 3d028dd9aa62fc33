import pytest
from django.contrib.auth.models import Group

from core.roles import EDITOR, REPORTER

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the navigation is cached across requests)."""
    import math

    from django.core.cache import cache

    from core import pagecache

    cache.clear()
    # A new generation, and this process's memory layer emptied; the test database starts
    # without scheduled articles.
    pagecache.default_cache().reset()
    pagecache.invalidate_all(next_change_at=math.inf)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads to its own temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 (production) costs ~0.1 s a hash; tests create many users. The Argon2
    setting itself is tested in tests/hardening/test_login_security.py."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user_in(role, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return _user_in(EDITOR, username="editor")


@pytest.fixture
def reporter(db):
    return _user_in(REPORTER, username="reporter")


@pytest.fixture
def other_reporter(db):
    return _user_in(REPORTER, username="reporter2")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def no_page_cache(settings):
    """For tests that measure how a page is rendered (its queries, its context) on repeat
    visits, which the page cache would otherwise answer."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(scope="session")
def s3_server():
    """A local S3-protocol server (moto) for the whole test session."""
    from . import s3

    server, process = s3.start()
    yield server
    process.stop()


@pytest.fixture
def object_storage(settings, s3_server, request):
    """Media in a fresh bucket of the local S3 server, as with DJANGO_MEDIA_BUCKET."""
    import uuid

    bucket = s3_server.new_bucket(f"media-{uuid.uuid4().hex[:12]}")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaStorage",
            "OPTIONS": {
                **s3_server.storage_options(bucket),
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
    }
    return bucket
