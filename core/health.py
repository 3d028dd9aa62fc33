"""Health checks for a load balancer or an orchestrator.

``/healthz``: the process answers (no database, no disk) — restart it if this fails.
``/readyz``: the database answers and media storage can write, read and delete a file —
send it traffic only while this passes.
"""

import time
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .errors import is_database_error


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return f"{type(exc).__name__}: {exc}" if is_database_error(exc) else type(exc).__name__
    return None


def _check_storage() -> str | None:
    name = f"health/readyz-{uuid.uuid4().hex}.txt"
    payload = b"ok"
    saved = None
    try:
        saved = default_storage.save(name, ContentFile(payload))
        with default_storage.open(saved, "rb") as handle:
            if handle.read() != payload:
                return "media storage returned different content"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    finally:
        if saved:
            try:
                default_storage.delete(saved)
            except Exception:  # noqa: BLE001, S110 - reported by the read above if broken
                pass
    return None


@never_cache
@require_GET
def readyz(request):
    started = time.monotonic()
    checks = {"database": _check_database(), "media": _check_storage()}
    ok = all(error is None for error in checks.values())
    body = {
        "status": "ok" if ok else "unavailable",
        "checks": {name: error or "ok" for name, error in checks.items()},
        "duration_ms": round((time.monotonic() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if ok else 503)
