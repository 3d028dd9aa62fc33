from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
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
def favicon(request):
    """``/favicon.ico``, which browsers, feed readers and WeChat ask for whatever the page
    says: the static icon (its hashed URL; a temporary redirect, as the hash changes)."""
    from django.templatetags.static import static

    response = HttpResponseRedirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@require_GET
def site_map(request, sitemaps):
    """网站地图 for readers: one group per sitemap that declares an ``html_heading``.

    Driven by the same ``sitemaps`` dict as the XML sitemap (``nanhai/urls.py``), so the
    apps decide what is listed (their ``Sitemap.items()``, i.e. only what is public) and
    core imports none of them. A sitemap may also give ``html_title(item)`` (default
    ``str(item)``) and ``html_index`` (the URL name of the group's own list page).
    """
    groups = []
    for key, sitemap in sitemaps.items():
        if isinstance(sitemap, type):
            sitemap = sitemap()
        heading = getattr(sitemap, "html_heading", "")
        if not heading:
            continue  # e.g. every single article: the XML sitemap's job, not a reader's
        title = getattr(sitemap, "html_title", str)
        index = getattr(sitemap, "html_index", "")
        groups.append(
            {
                "key": key,
                "heading": heading,
                "index_url": reverse(index) if index else "",
                "entries": [
                    {"title": title(item), "url": sitemap.location(item)}
                    for item in sitemap.items()
                ],
            }
        )
    return render(request, "core/site_map.html", {"groups": groups})


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
