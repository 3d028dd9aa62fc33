"""The request being served, for the audit trail's address.

Services record what they do (``audit_record``) with the acting user they are given;
the address comes from the request in progress, if any, which this middleware makes
known for the duration of the request. A service called from a command or the shell
records no address.
"""

from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_current_request", default=None)


def current_request():
    return _current_request.get()


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
