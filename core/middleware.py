"""Site-wide middleware: the database-down page, security headers, the admin's CSP, 2FA."""

import logging
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .errors import breaker_open, database_unavailable, is_database_error, trip_breaker

logger = logging.getLogger("nanhai.database")


class DatabaseUnavailableMiddleware:
    """While PostgreSQL is unreachable, answer the friendly 503 page instead of a 500.

    Errors raised by a view or while rendering its template reach ``process_exception``;
    errors raised elsewhere (e.g. saving the session) reach ``handler500``
    (``core.errors.server_error``), which makes the same decision. After a database
    error the process answers 503 at once for ``NANHAI_DB_BREAKER_SECONDS`` (1 s); the
    next request after that tries the database again. Visitors don't queue behind the
    pool's timeout, and the site recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    # Answered without the database, whatever the breaker says.
    exempt_paths = ("/healthz", "/readyz")

    def __call__(self, request):
        if breaker_open() and not request.path_info.startswith(self.exempt_paths):
            return database_unavailable(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_error(exception):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            trip_breaker()
            return database_unavailable(request)
        return None


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (Django's SecurityMiddleware doesn't)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with a slightly wider policy for the admin's rich-text editor only, and
    WeChat's JS-SDK allowed on the pages that configure a share card (the
    ``wechat_share`` template tag marks the request when it does)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        additions = {}
        if request.path_info.startswith(settings.CSP_ADMIN_PREFIXES):
            additions = settings.CSP_ADMIN_ADDITIONS
        elif getattr(request, "wechat_share", False):
            additions = {"script-src": [wechat_script_origin()]}
        if additions:
            update = {key: list(value) for key, value in (parts.update or {}).items()}
            for directive, sources in additions.items():
                update.setdefault(directive, [])
                update[directive] += sources
            parts.update = update
        return parts


def wechat_script_origin() -> str:
    url = urlsplit(settings.WECHAT_JSSDK_URL)
    return f"{url.scheme}://{url.netloc}"


class RequireStaffOTPMiddleware:
    """With DJANGO_REQUIRE_2FA on, an admin session that skipped the one-time code ends.

    The login form asks for the code (``core.auth_forms``); this catches sessions opened
    before the setting was switched on. Superusers always need a code; other staff need one
    once they have set up a device.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.NANHAI_REQUIRE_2FA and request.path_info.startswith("/admin/"):
            user = request.user
            if (
                user.is_authenticated
                and user.is_staff
                and not user.is_verified()
                and needs_second_factor(user)
            ):
                logout(request)
                return redirect(f"{reverse('admin:login')}?next={request.path}")
        return self.get_response(request)


def needs_second_factor(user) -> bool:
    from django_otp import user_has_device

    return user.is_superuser or user_has_device(user)
