"""Property-based tests (Hypothesis): arbitrary text and images through the real forms and
the real pipeline, then every public page that shows what was accepted.

Two profiles (README, "Tests"):

- ``default``: a bounded run for ``make test`` (about 30–60 s on the development machine);
- ``long``: many more examples and larger images, for a soak before a release:
  ``NANHAI_HYPOTHESIS_PROFILE=long make test PYTEST_ARGS="tests/properties"``.

Examples are random on every run (a failure prints the seed to reproduce it with
``@reproduce_failure``); nothing is stored between runs.
"""

import os
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # the machine is shared and noisy; speed is measured elsewhere
    "database": None,  # no .hypothesis/ folder in the work tree
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,  # each example rolls back its own writes
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
settings.register_profile("default", max_examples=12, **_COMMON)
settings.register_profile("long", max_examples=200, **_COMMON)
PROFILE = os.environ.get("NANHAI_HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)
LONG = PROFILE == "long"


@contextmanager
def rolled_back():
    """Run one example in a savepoint that is rolled back, so examples don't see each
    other's rows (pytest-django's transaction spans the whole test, not one example)."""
    cache.clear()
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
            cache.clear()


@pytest.fixture
def admin_request(rf, superuser):
    request = rf.get("/admin/")
    request.user = superuser
    return request
