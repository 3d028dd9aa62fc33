"""Error pages that work when nothing else does.

``500.html`` and ``503.html`` are rendered without context processors (they query the
database) and without the request, so they show even while PostgreSQL is down.
"""

import sys
import time

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 10

try:  # psycopg 3 and its pool, when installed: their errors can escape Django's wrapper.
    import psycopg
    from psycopg_pool import PoolTimeout, TooManyRequests

    _DRIVER_ERRORS: tuple = (
        psycopg.OperationalError,
        psycopg.InterfaceError,
        PoolTimeout,
        TooManyRequests,
    )
except ImportError:  # pragma: no cover
    _DRIVER_ERRORS = ()

DATABASE_ERRORS = (OperationalError, InterfaceError, *_DRIVER_ERRORS)


# After a database error, this process answers the 503 page at once for a short while
# instead of making every visitor wait for the connection pool's timeout; then the next
# request tries the database again. Per process, no shared state.
_breaker = {"open_until": 0.0}


def breaker_seconds() -> float:
    from django.conf import settings

    return float(getattr(settings, "NANHAI_DB_BREAKER_SECONDS", 1.0))


def trip_breaker() -> None:
    _breaker["open_until"] = time.monotonic() + breaker_seconds()


def breaker_open() -> bool:
    return time.monotonic() < _breaker["open_until"]


def reset_breaker() -> None:
    _breaker["open_until"] = 0.0


def is_database_error(exception: BaseException | None) -> bool:
    """True for "cannot reach the database" errors, following the exception chain."""
    seen = 0
    while exception is not None and seen < 5:
        if isinstance(exception, DATABASE_ERRORS):
            return True
        exception = exception.__cause__ or exception.__context__
        seen += 1
    return False


def database_unavailable(request=None) -> HttpResponse:
    body = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: the 503 page if the database is the cause, else the plain 500 page."""
    if is_database_error(sys.exc_info()[1]):
        trip_breaker()
        return database_unavailable(request)
    body = loader.get_template(template_name).render({})
    return HttpResponseServerError(body)
