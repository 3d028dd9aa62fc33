"""A lock shared by every worker and server, held in the shared cache (Redis in
production): for work that must happen once at a time across processes, such as drawing
a share card or refreshing an access token."""

import time
import uuid
from contextlib import contextmanager

from django.core.cache import cache


@contextmanager
def cache_lock(key: str, *, timeout: float = 30, wait: float = 0):
    """Hold the lock ``key`` for at most ``timeout`` seconds (then it expires by itself, so
    a crashed holder cannot block the others forever). Waits up to ``wait`` seconds for it.
    Yields whether the lock was obtained; the caller decides what to do without it."""
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait
    acquired = cache.add(key, token, timeout)
    while not acquired and time.monotonic() < deadline:
        time.sleep(0.05)
        acquired = cache.add(key, token, timeout)
    try:
        yield acquired
    finally:
        if acquired and cache.get(key) == token:
            cache.delete(key)
