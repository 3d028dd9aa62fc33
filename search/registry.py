"""What is searchable: one ``Indexer`` per kind of document.

The search app depends on the content apps, never the other way round. Each indexer says
how to turn one object into a ``Doc`` and which related models change it (an article's
credits, a plan's tasks). ``search.apps`` connects the models' save and delete signals to
``search.indexing``, so every way of writing (admin, services, shell, demo loaders) keeps
the index right without the content apps knowing about search.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models


@dataclass(frozen=True)
class Doc:
    title: str
    url: str
    published_at: datetime | None
    is_public: bool
    subtitle: str = ""
    body: str = ""
    section_id: int | None = None
    year: int | None = None  # defaults to the local year of published_at


@dataclass(frozen=True)
class Dependent:
    """A related model whose rows change documents: ``targets(instance)`` → object ids."""

    model: type[models.Model]
    targets: Callable[[models.Model], Iterable[int]]


@dataclass(frozen=True)
class Indexer:
    kind: str
    model: type[models.Model]
    # All objects to index, with what ``document`` needs prefetched.
    queryset: Callable[[], models.QuerySet]
    document: Callable[[models.Model], Doc]
    # What the public may see now: the content app's own reading rule (``published()``).
    # Checked at query time against the source table, so a row written without a signal
    # (``QuerySet.update()``) can never make hidden content appear.
    live: Callable[[], models.QuerySet]
    # How ``live`` is applied: "query" (a subquery in the search SQL: for small tables, and
    # for kinds whose rows are published without a signal) or "page" (the index's own
    # is_public/published_at decide, then the hits on the page are checked: one query).
    live_check: str = "query"
    dependents: list[Dependent] = field(default_factory=list)


_indexers: dict[str, Indexer] = {}


def register(indexer: Indexer) -> None:
    _indexers[indexer.kind] = indexer


def indexers() -> list[Indexer]:
    return list(_indexers.values())


def get(kind: str) -> Indexer:
    return _indexers[kind]


def for_model(model) -> Indexer | None:
    for indexer in _indexers.values():
        if indexer.model is model:
            return indexer
    return None
