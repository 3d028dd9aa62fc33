"""Settings of the test suite: the project's settings, run with a development key (the
project refuses to start without DJANGO_SECRET_KEY when debug is off)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "django-insecure-test-suite-only-key")

from nanhai.settings import *  # noqa: E402, F403

# The page cache is on in every test (locmem is shared by the test client and the live
# server's threads); the test's transaction is never committed, so writes bump the
# generation at once instead of at commit.
PAGE_CACHE_ENABLED = True
PAGE_CACHE_BUMP_ON_WRITE = True
