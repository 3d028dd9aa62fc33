"""Settings of the test suite: the project's settings, run with a development key (the
project refuses to start without DJANGO_SECRET_KEY when debug is off)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "django-insecure-test-suite-only-key")

from nanhai.settings import *  # noqa: E402, F403
