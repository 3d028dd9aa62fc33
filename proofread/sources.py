"""What the site-wide check (巡查) reads: sources that apps register.

``proofread`` knows no content app. An app above it (articles, profiles, work plans, ...)
describes its published items as a :class:`Source` and registers it in its
``AppConfig.ready()``; the sweep then walks every source in primary-key order, in batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .engine import Segment


@dataclass(frozen=True)
class Source:
    key: str  # e.g. "articles.article"
    label: str  # e.g. "文章"
    #: The published items, any order (the sweep orders by pk and slices).
    queryset: Callable[[], object]
    #: A batch of items -> {pk: [Segment, ...]} (may prefetch what the batch needs).
    segments: Callable[[list], dict]
    title: Callable[[object], str]
    admin_url: Callable[[object], str]


_sources: dict[str, Source] = {}


def register_source(source: Source) -> None:
    _sources[source.key] = source


def get_sources() -> list[Source]:
    return list(_sources.values())


def get_source(key: str) -> Source | None:
    return _sources.get(key)


def plain_segments(field: str, label: str, value: str, style: str = "text") -> Iterable[Segment]:
    if value:
        yield Segment(field=field, label=label, text=value, style=style)
