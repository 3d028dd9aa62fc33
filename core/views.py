from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from .context_processors import LARGE_TEXT_COOKIE


@require_GET
def display_mode(request):
    """Switch the large-text, high-contrast mode (大字版) on or off; it stays in a cookie."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("large") == "1":
        response.set_cookie(
            LARGE_TEXT_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    else:
        response.delete_cookie(LARGE_TEXT_COOKIE, samesite="Lax")
    return response


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


class PreviewOr404Mixin:
    """For the detail view of publishable content (articles, profiles, plans).

    Live content is shown to everyone. Unpublished content is shown, marked as a preview
    (``preview`` in the context; the page says so and is ``noindex``), only to staff whom
    ``can_preview(user, obj)`` allows; everyone else gets a 404, as if it did not exist.
    """

    not_found_message = "页面不存在"

    def is_live(self, obj) -> bool:
        raise NotImplementedError

    def can_preview(self, user, obj) -> bool:
        raise NotImplementedError

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        self.preview = False
        if self.is_live(obj):
            return obj
        user = self.request.user
        if user.is_authenticated and self.can_preview(user, obj):
            self.preview = True
            return obj
        raise Http404(self.not_found_message)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)
