from django.conf import settings


def client_ip(request) -> str | None:
    """The visitor's address: REMOTE_ADDR, or the last X-Forwarded-For hop behind a proxy.

    Shared by the audit log and django-axes (AXES_CLIENT_IP_CALLABLE), so a lockout and its
    log entry name the same address.
    """
    if request is None:
        return None
    if getattr(settings, "NANHAI_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or None
