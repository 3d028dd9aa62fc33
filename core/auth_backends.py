from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request.

    Every login through the site (the admin's login form) carries its request and is
    throttled. Authentication without one (``Client.login()`` in tests, scripts) has no
    address to throttle by; axes would raise, this backend simply lets it through to the
    password check.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
