"""Whole-page cache for anonymous readers, never stale by more than a second.

How it stays correct (README, "The page cache"):

- **One shared generation.** Every cached page is stored under the current *generation*, a
  number in the shared cache (Redis). Any committed write to a table that is not on the
  short list of tables that never change a page (sessions, login throttling, the audit log,
  versions, ...; ``PAGE_CACHE_IGNORED_TABLES``) increments it, so every page of every worker
  on every server is invalidated at once. Writes are seen at the database layer (an execute
  wrapper on every connection), not through model signals: ``QuerySet.update()``,
  ``bulk_create()``, raw SQL and the models of apps written tomorrow are covered without
  anyone registering anything.
- **Time-based changes.** Apps declare when their content changes by time alone (a
  scheduled article going live) with :func:`register_schedule`. After each bump the writer
  stores the next such moment for the new generation; when it arrives the first worker to
  notice bumps the generation. No page outlives it, in this cache or in a proxy.
- **A per-process memory layer** in front of Redis answers only while this process has
  confirmed the shared generation within ``PAGE_CACHE_CONFIRM_SECONDS`` (0.25 s), and
  reading the generation is one Redis GET per process per interval. So a worker serves a
  page at most ``PAGE_CACHE_CONFIRM_SECONDS`` after a bump, and the headers it sends let a
  proxy keep the page only while it is less than ``PAGE_CACHE_MAX_STALENESS`` (1 s) older
  than that confirmation (``X-Accel-Expires`` for nginx).

What is cached: GET/HEAD answers (200, 301, 404) for requests without a session or
messages cookie and without credentials, outside ``PAGE_CACHE_EXCLUDE_PREFIXES``; a response
that sets a cookie, used a CSRF token, or says ``private``/``no-store``/``no-cache`` is never
stored. The key is the scheme, host, path, query string and display mode (大字版 cookie).
If the shared cache is unreachable, pages are simply rendered (and nothing is cached).
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.http import HttpResponse, HttpResponseNotModified
from django.http.cookie import SimpleCookie
from django.http.response import ResponseHeaders
from django.utils.http import http_date, parse_http_date_safe

from .context_processors import LARGE_TEXT_COOKIE

logger = logging.getLogger("nanhai.pagecache")

GEN_KEY = "pagecache:gen"
NEXT_KEY = "pagecache:next:{}"
FIRED_KEY = "pagecache:fired:{}"
# The format version: a deploy that changes what is stored never reads older pages.
PAGE_KEY = "pagecache:page:2:{}:{}"
CACHEABLE_STATUS = {200, 301, 404}
# Headers computed for each answer (freshness), never stored with a page.
PER_ANSWER_HEADERS = {"cache-control", "x-accel-expires", "expires", "age", "date"}


_settings: dict = {}


def _setting(name: str, default):
    """A setting, read once (the hit path is a few microseconds: Django's lazy settings
    object costs a noticeable share of it). Forgotten whenever a setting changes."""
    try:
        return _settings[name]
    except KeyError:
        value = _settings[name] = getattr(settings, name, default)
        return value


# --- Time-based changes: declared by the apps ----------------------------------------------

_schedules: dict[Callable, frozenset | None] = {}


def register_schedule(func: Callable, tables=None) -> None:
    """Register ``func() -> datetime | None``: the next moment the app's public content
    changes by time alone (e.g. the earliest future publish time). It may run one query;
    it is called after each write that bumps the generation. ``tables``, if given, are the
    only tables whose writes can change its answer."""
    _schedules[func] = frozenset(tables) if tables is not None else None


def next_change() -> float:
    """Epoch seconds of the next time-based change, ``math.inf`` if none is known."""
    moments = [func() for func in _schedules]
    return min((m.timestamp() for m in moments if m is not None), default=math.inf)


def _schedule_depends_on(table: str) -> bool:
    return any(tables is None or table in tables or table == "?" for tables in _schedules.values())


# --- Which writes change pages ---------------------------------------------------------------

_WRITE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|COPY|MERGE\s+INTO)\s+"?([\w.]+)',
    re.IGNORECASE,
)
_READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SET ", "SHOW", "EXPLAIN", "BEGIN")
_CTE_WRITE = re.compile(r"\b(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_DDL = re.compile(r"\s*(?:CREATE|ALTER|DROP|COMMENT|ANALYZE|VACUUM|REINDEX|GRANT)\b", re.I)


def affects_pages(table: str) -> bool:
    """False only for the tables known never to change what a public page shows."""
    table = table.lower().rsplit(".", 1)[-1]
    return not table.startswith(tuple(_setting("PAGE_CACHE_IGNORED_TABLES", ())))


def written_table(sql) -> str | None:
    """The table a write statement changes; ``"?"`` for a write whose table is unknown
    (counted as changing pages); None for reads, transaction control and DDL."""
    if not isinstance(sql, str):
        sql = str(sql)
    head = sql[:12].lstrip().upper()
    if head.startswith(_READS):
        return None
    if head.startswith("WITH"):
        return "?" if _CTE_WRITE.search(sql) else None
    match = _WRITE.match(sql)
    if match:
        return match.group(1)
    if _DDL.match(sql):
        return None  # schema changes come with migrate, which bumps once at the end
    return "?"


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _paused.active or (type(sql) is str and sql.startswith("SELECT")):
        return result
    table = written_table(sql)
    if table is not None and (table == "?" or affects_pages(table)):
        _note_write(context["connection"], table)
    return result


def _after_commit() -> None:
    bump()


class _Uncommitted:
    """Tests (``PAGE_CACHE_BUMP_ON_WRITE``): their transaction is never committed, so a
    write must count at once. The bump itself waits until this process next reads the
    generation (one bump for a burst of writes); the next scheduled change is worked out
    at the write, and only for the tables it depends on, so reading a page never costs a
    query of the cache's own."""

    dirty = False
    next_change = math.inf


_uncommitted = _Uncommitted()


def _note_write(connection, table: str = "?") -> None:
    """A committed write bumps the generation; inside a transaction, once, at commit."""
    if not _setting("PAGE_CACHE_ENABLED", False):
        return
    if not connection.in_atomic_block:
        bump(using=connection.alias)
        return
    if _setting("PAGE_CACHE_BUMP_ON_WRITE", False):
        if _schedule_depends_on(table):
            moment = _compute_next()
            _uncommitted.next_change = math.inf if moment is None else moment
        _uncommitted.dirty = True
    current = set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:
        if func is _after_commit and sids <= current:
            return
    connection.on_commit(_after_commit, robust=True)


class _Paused(threading.local):
    active = False


_paused = _Paused()


def _install(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def _migrate_started(**kwargs) -> None:
    _paused.active = True


def _migrate_finished(**kwargs) -> None:
    _paused.active = False
    if _setting("PAGE_CACHE_ENABLED", False):
        invalidate_all()


def _settings_changed(**kwargs) -> None:
    """Tests change settings that pages show: nothing cached before may be served."""
    _settings.clear()
    if kwargs.get("setting", "").startswith(("CACHES", "PAGE_CACHE_ALIAS")):
        _default_cache.reset()
        return
    invalidate_all(keep_schedule=True)


def connect_signals() -> None:
    """Called from ``CoreConfig.ready()``."""
    connection_created.connect(_install, dispatch_uid="pagecache-writes")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
    pre_migrate.connect(_migrate_started, dispatch_uid="pagecache-migrate-start")
    post_migrate.connect(_migrate_finished, dispatch_uid="pagecache-migrate-end")
    setting_changed.connect(_settings_changed, dispatch_uid="pagecache-settings")


# --- The shared state and the per-process layer ------------------------------------------------


class Entry(NamedTuple):
    status: int
    # Django's ResponseHeaders store ({lower name: (name, value)}), validators included:
    # checked once when stored, copied as is for every answer.
    headers: dict
    body: bytes
    etag: str
    last_modified: float


def _shared():
    return caches[_setting("PAGE_CACHE_ALIAS", "default")]


def _new_generation() -> int:
    # Never a number used before: a process may still hold pages of an old generation
    # after the shared cache was flushed or restarted.
    return time.time_ns() // 1000 * 1000 + random.randrange(1000)


def _compute_next() -> float | None:
    """The next time-based change, or None if it cannot be worked out now."""
    connection = connections["default"]
    try:
        if connection.in_atomic_block:
            with transaction.atomic():  # a savepoint: a failure leaves the caller's intact
                return next_change()
        return next_change()
    except Exception:  # noqa: BLE001 - e.g. mid-migration; readers compute it then
        logger.debug("next scheduled change not computed", exc_info=True)
        return None


def _store_next(shared, gen: int, moment: float | None = None) -> float | None:
    """Store the next time-based change for ``gen`` (computing it: one query per app)."""
    if moment is None:
        moment = _compute_next()
        if moment is None:
            return None
    shared.set(NEXT_KEY.format(gen), moment, _setting("PAGE_CACHE_SECONDS", 300))
    return moment


def _settle() -> None:
    """Make the uncommitted writes of a test count (see ``_Uncommitted``)."""
    if _uncommitted.dirty:
        _uncommitted.dirty = False
        bump(next_change_at=_uncommitted.next_change)


def settle() -> None:
    """Tests: bump now for the writes made so far (reading a page does it anyway)."""
    _settle()


def bump(using: str = "default", next_change_at: float | None = None) -> int | None:
    """Start a new generation: every cached page, everywhere, is out of date."""
    shared = _shared()
    try:
        try:
            gen = shared.incr(GEN_KEY)
        except ValueError:  # no generation yet (first start, flush, eviction)
            shared.add(GEN_KEY, _new_generation(), None)
            gen = shared.incr(GEN_KEY)
        _store_next(shared, gen, next_change_at)
    except Exception:  # noqa: BLE001 - the cache server is away: serve nothing cached
        logger.warning("Page cache: could not bump the generation", exc_info=True)
        gen = None
    # Retried before this process answers again if it failed (Redis briefly away).
    _default_cache.pending_bump = gen is None
    _default_cache.forget()
    return gen


def invalidate_all(next_change_at: float | None = None, *, keep_schedule: bool = False) -> None:
    """A new generation without asking the database (settings changed, migrations ran).

    ``next_change_at`` is stored for it when the caller knows it (tests: an empty site);
    ``keep_schedule`` carries the current one over (nothing in the database changed).
    """
    shared = _shared()
    try:
        if next_change_at is None and keep_schedule:
            old = shared.get(GEN_KEY)
            next_change_at = None if old is None else shared.get(NEXT_KEY.format(old))
        gen = _new_generation()
        shared.set(GEN_KEY, gen, None)
        if next_change_at is not None:
            _uncommitted.next_change = next_change_at
            shared.set(NEXT_KEY.format(gen), next_change_at, _setting("PAGE_CACHE_SECONDS", 300))
    except Exception:  # noqa: BLE001
        logger.warning("Page cache: could not reset the generation", exc_info=True)
    _default_cache.forget()


class PageCache:
    """One process's view of the page cache: the confirmed generation and a small LRU."""

    def __init__(self):
        self.lock = threading.Lock()
        self.memory: OrderedDict[str, Entry] = OrderedDict()
        self.memory_bytes = 0
        self.reset()

    pending_bump = False

    def reset(self) -> None:
        with self.lock:
            self.memory.clear()
            self.memory_bytes = 0
            self.gen: int | None = None
            self.confirmed_at = -math.inf  # monotonic
            self.confirmed_wall = 0.0
            self.next_change = math.inf

    def forget(self) -> None:
        """This process wrote: confirm the generation again before the next answer."""
        self.confirmed_at = -math.inf

    # The generation -------------------------------------------------------------------------

    def confirm(self) -> int | None:
        """The current generation, asking the shared cache at most every interval."""
        if _uncommitted.dirty:
            _settle()
        now = time.monotonic()
        if (
            now - self.confirmed_at < _setting("PAGE_CACHE_CONFIRM_SECONDS", 0.25)
            and time.time() < self.next_change
        ):
            return self.gen
        if self.pending_bump and bump() is None:
            self.reset()
            self.pending_bump = True
            return None  # still cannot tell the others: render, cache nothing
        try:
            gen, moment = self._read_shared()
        except Exception:  # noqa: BLE001
            logger.warning("Page cache: shared cache unreachable", exc_info=True)
            self.reset()
            return None
        with self.lock:
            if gen != self.gen:
                self.memory.clear()
                self.memory_bytes = 0
            self.gen = gen
            self.next_change = moment
            self.confirmed_at = now
            self.confirmed_wall = time.time()
        return gen

    def _read_shared(self) -> tuple[int, float]:
        shared = _shared()
        for _attempt in range(3):
            gen = shared.get(GEN_KEY)
            if gen is None:
                shared.add(GEN_KEY, _new_generation(), None)
                continue
            moment = shared.get(NEXT_KEY.format(gen))
            if moment is None:
                moment = _store_next(shared, gen)
                if moment is None:
                    moment = time.time() + 1  # unknown: cache for a second at most
            if time.time() < moment:
                return gen, moment
            # A scheduled change has come: one worker starts the next generation.
            if shared.add(FIRED_KEY.format(gen), 1, 60):
                bump()
            else:
                time.sleep(0.01)
        raise RuntimeError("page cache generation kept changing")

    # Pages --------------------------------------------------------------------------------

    def lookup(self, gen: int, key: str) -> Entry | None:
        with self.lock:
            entry = self.memory.get(key)
            if entry is not None:
                self.memory.move_to_end(key)
                return entry
        try:
            entry = _shared().get(PAGE_KEY.format(gen, _digest(key)))
        except Exception:  # noqa: BLE001
            logger.warning("Page cache: shared cache unreachable", exc_info=True)
            return None
        if entry is not None:
            self._remember(gen, key, entry)
        return entry

    def store(self, gen: int, key: str, entry: Entry) -> None:
        seconds = _setting("PAGE_CACHE_SECONDS", 300)
        timeout = max(1, math.ceil(min(seconds, self.next_change - time.time())))
        try:
            _shared().set(PAGE_KEY.format(gen, _digest(key)), entry, timeout)
        except Exception:  # noqa: BLE001
            logger.warning("Page cache: shared cache unreachable", exc_info=True)
            return
        self._remember(gen, key, entry)

    def _remember(self, gen: int, key: str, entry: Entry) -> None:
        limit = _setting("PAGE_CACHE_MEMORY_BYTES", 32 * 1024 * 1024)
        size = len(entry.body) + 512
        if size > limit // 8:
            return
        with self.lock:
            if gen != self.gen:
                return
            old = self.memory.pop(key, None)
            if old is not None:
                self.memory_bytes -= len(old.body) + 512
            self.memory[key] = entry
            self.memory_bytes += size
            while self.memory_bytes > limit and self.memory:
                _key, dropped = self.memory.popitem(last=False)
                self.memory_bytes -= len(dropped.body) + 512

    # Freshness headers -------------------------------------------------------------------------

    _fresh: tuple = (None, None, None)

    def freshness_headers(self, response) -> None:
        """Set the freshness headers (computed once per confirmation)."""
        key, until, values = self._fresh
        now = time.time()
        if key != (self.confirmed_wall, self.next_change) or now >= until:
            values = self._freshness_values(now)
            # s-maxage shrinks only in the last seconds before a scheduled change.
            until = self.next_change - 2
            self._fresh = ((self.confirmed_wall, self.next_change), until, values)
        headers = response.headers._store
        headers["cache-control"] = ("Cache-Control", values[0])
        headers["x-accel-expires"] = ("X-Accel-Expires", values[1])

    def _freshness_values(self, now: float) -> tuple[str, str]:
        """``Cache-Control`` for browsers and CDNs, ``X-Accel-Expires`` for nginx.

        The page was current when this process last confirmed the generation; a proxy may
        keep it until ``PAGE_CACHE_MAX_STALENESS`` after that, and never past the next
        scheduled change. nginx counts whole seconds (a page is fresh until the end of its
        expiry second), hence the absolute, rounded-down expiry.
        """
        # The margin covers nginx's refresh: while one request fetches a new copy, the
        # others get the old one ("proxy_cache_use_stale updating").
        staleness = _setting("PAGE_CACHE_MAX_STALENESS", 1.0) - _setting(
            "PAGE_CACHE_PROXY_MARGIN", 0.1
        )
        limit = min(self.confirmed_wall + staleness, self.next_change)
        s_maxage = max(0, int(min(_setting("PAGE_CACHE_S_MAXAGE", 1), self.next_change - now)))
        # Always an absolute time, even one already past: nginx then stores this copy as
        # expired (the next request refreshes it) rather than keeping an older one, which
        # it would go on serving to everyone while each refresh is under way.
        return _cache_control(s_maxage), f"@{math.floor(limit) - 1}"


def _cache_control(s_maxage: int) -> str:
    return (
        f"public, max-age={_setting('PAGE_CACHE_MAX_AGE', 0)}, s-maxage={s_maxage}, "
        f"stale-while-revalidate={_setting('PAGE_CACHE_STALE_WHILE_REVALIDATE', 1)}, "
        f"stale-if-error={_setting('PAGE_CACHE_STALE_IF_ERROR', 86400)}"
    )


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


_default_cache = PageCache()


def default_cache() -> PageCache:
    return _default_cache


def generation() -> int | None:
    """The current generation (None with the page cache off or unreachable). Other
    caches of derived data key on it to follow every write, as pages do."""
    if not _setting("PAGE_CACHE_ENABLED", False):
        return None
    return _default_cache.confirm()


# --- Requests and responses ------------------------------------------------------------------


def page_key(request) -> str | None:
    """The cache key of an anonymous reader's request, or None if it must not be cached."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.path_info
    if path.startswith(tuple(_setting("PAGE_CACHE_EXCLUDE_PREFIXES", ()))):
        return None
    cookies = request.COOKIES
    if _setting("SESSION_COOKIE_NAME", "sessionid") in cookies or "messages" in cookies:
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    # The Host header as sent: only pages the stack served (after validating the host) are
    # ever stored, so an unknown host finds nothing and gets the stack's 400.
    meta = request.META
    host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
    if _setting("USE_X_FORWARDED_HOST", False) and "HTTP_X_FORWARDED_HOST" in meta:
        host = meta["HTTP_X_FORWARDED_HOST"]
    mode = "L" if cookies.get(LARGE_TEXT_COOKIE) == "1" else "N"
    scheme = "s" if _is_secure(meta) else "h"
    query = meta.get("QUERY_STRING", "")
    return f"{scheme}|{host.lower()}|{mode}|{path}?{query}"


def _is_secure(meta) -> bool:
    """``request.is_secure()``, without reading settings through the lazy object."""
    proxy_header = _setting("SECURE_PROXY_SSL_HEADER", None)
    if proxy_header and meta.get(proxy_header[0]) is not None:
        return meta[proxy_header[0]].split(",", 1)[0].strip() == proxy_header[1]
    return meta.get("wsgi.url_scheme") == "https"


def do_not_store(request) -> None:
    """Keep this response out of the page cache: it was rendered in a passing degraded
    state (e.g. WeChat's share card could not be signed just now) that must not be served
    to the next readers."""
    request._page_cache_skip = True


def storable(request, response) -> bool:
    """A response fit for every anonymous reader: no cookie, no token, nothing private."""
    if request.method != "GET" or response.status_code not in CACHEABLE_STATUS:
        return False
    if getattr(request, "_page_cache_skip", False):
        return False
    if response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a CSRF token
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"cookie", "accept-encoding"}


def make_entry(response) -> Entry:
    body = response.content
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    modified = math.floor(time.time())
    headers = ResponseHeaders(
        {k: v for k, v in response.items() if k.lower() not in PER_ANSWER_HEADERS}
    )
    headers["ETag"] = etag
    headers["Last-Modified"] = http_date(modified)
    return Entry(response.status_code, headers._store, body, etag, modified)


class CachedPage(HttpResponse):
    """A stored page as an ``HttpResponse``, built without checking its headers again: a
    hit must cost less than the bare view. The attributes ``HttpResponse.__init__`` sets
    are copied from one response made the ordinary way per status code; the per-response
    ones (headers, cookies, closers, content) are made fresh. ``headers._store`` is the
    storage of Django's ResponseHeaders, filled from headers that were checked when the
    page was stored."""

    _templates: dict = {}

    @classmethod
    def of(cls, entry: Entry) -> CachedPage:
        template = cls._templates.get(entry.status)
        if template is None:
            made = vars(HttpResponse(status=entry.status))
            template = cls._templates[entry.status] = {
                k: v for k, v in made.items() if k not in cls._fresh_attributes
            }
        response = cls.__new__(cls)
        attributes = response.__dict__
        attributes.update(template)
        headers = attributes["headers"] = ResponseHeaders({})
        headers._store = dict(entry.headers)
        attributes["cookies"] = SimpleCookie()
        attributes["_resource_closers"] = []
        attributes["_container"] = [entry.body]
        return response

    _fresh_attributes = {"headers", "cookies", "_resource_closers", "_container"}


def not_modified(request, entry: Entry) -> bool:
    """True when the browser's copy (If-None-Match / If-Modified-Since) is current."""
    meta = request.META
    if_none_match = meta.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or entry.etag in tags
    since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if since is not None:
        parsed = parse_http_date_safe(since)
        return parsed is not None and entry.last_modified <= parsed
    return False


def answer(request, entry: Entry, cache: PageCache) -> HttpResponse:
    if entry.status == 200 and not_modified(request, entry):
        response = HttpResponseNotModified()
        response.headers["ETag"] = entry.etag
        response.headers["Last-Modified"] = http_date(entry.last_modified)
    else:
        response = CachedPage.of(entry)
    cache.freshness_headers(response)
    return response


def has_session(request) -> bool:
    return _setting("SESSION_COOKIE_NAME", "sessionid") in request.COOKIES


class PageCacheMiddleware:
    """The page cache (first in ``MIDDLEWARE``: a hit skips everything after it).

    Public answers get ETag, Last-Modified and a short public ``Cache-Control``; answers to
    a request with a session (staff, previews) get ``private, no-store``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _setting("PAGE_CACHE_ENABLED", False):
            response = self.get_response(request)
            return self.private(request, response)
        key = page_key(request)
        if key is None:
            response = self.get_response(request)
            return self.private(request, response)
        cache = _default_cache  # this process's layer (a module global: tests swap it)
        gen = cache.confirm()
        if gen is not None:
            entry = cache.lookup(gen, key)
            if entry is not None:
                return answer(request, entry, cache)
        response = self.get_response(request)
        if gen is None or not storable(request, response):
            return response
        entry = make_entry(response)
        cache.store(gen, key, entry)
        return answer(request, entry, cache)

    @staticmethod
    def private(request, response):
        """Nobody but this browser may keep what a signed-in user sees."""
        if has_session(request) and not request.path_info.startswith(
            tuple(_setting("PAGE_CACHE_PRIVATE_EXEMPT_PREFIXES", ()))
        ):
            control = response.get("Cache-Control", "")
            if "no-store" not in control or "private" not in control:
                response.headers["Cache-Control"] = "private, no-store"
        return response
