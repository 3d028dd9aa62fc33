"""The compiled word lists, shared by every request of a process until the lists change.

The version lives in the database (``ListVersion``) and, for speed, in the shared cache
(Redis in production): each check costs one cache read. A process compiles the automaton
when it sees a version it has not compiled, so after an editor's change every gunicorn
worker recompiles once, on its next check, and not before.
"""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db import transaction

from .engine import ListEntry, Matcher

CACHE_KEY = "proofread:list-version"
# Without a shared cache (local memory per process) another worker learns of a change
# from the database at most this many seconds later.
CACHE_SECONDS = 5

_lock = threading.Lock()
_compiled: dict[str, Matcher | None] = {"matcher": None}


def _database_stamp() -> tuple[int, str]:
    """(version, time of the change): the time tells apart two lists that reached the same
    number separately (a restored backup, rolled-back test transactions)."""
    from .models import ListVersion

    row = ListVersion.objects.values_list("version", "changed_at").order_by("pk").first()
    return (row[0], row[1].isoformat()) if row else (0, "")


def current_stamp() -> tuple[int, str]:
    stamp = cache.get(CACHE_KEY)
    if stamp is None:
        stamp = _database_stamp()
        cache.set(CACHE_KEY, stamp, CACHE_SECONDS)
    return tuple(stamp)


def current_version() -> int:
    return current_stamp()[0]


def load_entries() -> list[ListEntry]:
    from .models import Entry

    rows = Entry.objects.filter(is_active=True).values_list(
        "wrong", "right", "kind", "severity", "note", "exceptions"
    )
    return [
        ListEntry(
            wrong=wrong,
            right=right,
            kind=kind,
            severity=severity,
            note=note,
            exceptions=tuple(e.strip() for e in exceptions.splitlines() if e.strip()),
        )
        for wrong, right, kind, severity, note, exceptions in rows
    ]


def get_matcher() -> Matcher:
    """The automaton of the current lists (compiled at most once per version and process)."""
    stamp = current_stamp()
    matcher = _compiled["matcher"]
    if matcher is not None and matcher.stamp == stamp:
        return matcher
    with _lock:
        matcher = _compiled["matcher"]
        if matcher is not None and matcher.stamp == stamp:
            return matcher
        # Stamp and entries from one snapshot, so the label never runs ahead of the rows.
        with transaction.atomic():
            stamp = _database_stamp()
            matcher = Matcher(load_entries(), version=stamp[0])
        matcher.stamp = stamp
        _compiled["matcher"] = matcher
        return matcher


def bump_version() -> None:
    """Called by every write to the lists, inside its transaction."""
    from django.db.models import F
    from django.utils import timezone

    from .models import ListVersion

    updated = ListVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        ListVersion.objects.create(pk=1, version=2)
    # Readers inside this transaction see the new rows at once; others keep the committed
    # version until the commit, then every process recompiles.
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def forget() -> None:
    """Drop this process's automaton (tests)."""
    _compiled["matcher"] = None
