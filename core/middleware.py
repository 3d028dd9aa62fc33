"""Site-wide middleware: the database-down page, security headers, the admin's CSP, 2FA."""

import logging
from dataclasses import asdict
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import logout
from django.core.signals import setting_changed
from django.dispatch import receiver
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
    ``wechat_share`` template tag marks the request when it does).

    The header is built once per policy (site, admin, WeChat page) and reused: django-csp
    builds it anew for every response. A response that carries its own policy (django-csp's
    decorators) or a request that used a nonce still goes through django-csp.
    """

    _headers: dict = {}

    @staticmethod
    def _policy_kind(request):
        if request.path_info.startswith(settings.CSP_ADMIN_PREFIXES):
            return "admin"
        if getattr(request, "wechat_share", False):
            return ("wechat", wechat_script_origin())
        return "site"

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        kind = self._policy_kind(request)
        additions = {}
        if kind == "admin":
            additions = settings.CSP_ADMIN_ADDITIONS
        elif kind != "site":
            additions = {"script-src": [wechat_script_origin()]}
        if additions:
            update = {key: list(value) for key, value in (parts.update or {}).items()}
            for directive, sources in additions.items():
                update.setdefault(directive, [])
                update[directive] += sources
            parts.update = update
        return parts

    def process_response(self, request, response):
        own_policy = any(
            getattr(response, attribute, None) is not None
            for attribute in ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
        )
        if (
            own_policy
            or getattr(request, "_csp_nonce", None) is not None
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        kind = self._policy_kind(request)
        header = self._headers.get(kind)
        if header is None:
            parts = self.get_policy_parts(request=request, response=response)
            header = self._headers[kind] = build_policy(**asdict(parts))
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        excluded = request.path_info.startswith(tuple(policy.get("EXCLUDE_URL_PREFIXES") or ()))
        if header and HEADER not in response and not excluded:
            response[HEADER] = header
        return response


def wechat_script_origin() -> str:
    url = urlsplit(settings.WECHAT_JSSDK_URL)
    return f"{url.scheme}://{url.netloc}"


@receiver(setting_changed)
def _forget_csp_headers(**kwargs):
    if kwargs["setting"].startswith("CSP") or kwargs["setting"].startswith("CONTENT_SECURITY"):
        SiteCSPMiddleware._headers.clear()


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
