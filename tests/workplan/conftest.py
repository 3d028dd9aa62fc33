import importlib

import pytest

SEED_MIGRATION = importlib.import_module("workplan.migrations.0002_seed_categories")


@pytest.fixture(autouse=True)
def _categories(request):
    """The five categories come from a data migration; a transactional test elsewhere in
    the suite flushes them, so make sure they are there (same names, same order)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps

    SEED_MIGRATION.create_categories(apps, None)
