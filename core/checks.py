"""System checks of settings that only make sense together (``manage.py check``)."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def wechat_signatures_outlive_cached_pages(app_configs, **kwargs):
    """A cached page carries a WeChat signature made with the ticket of its time; the old
    ticket stays valid until it expires, WECHAT_REFRESH_MARGIN after the refresh, so a page
    must not stay in the page cache longer than that."""
    if not (getattr(settings, "WECHAT_APPID", "") and getattr(settings, "WECHAT_APPSECRET", "")):
        return []
    page_seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
    margin = getattr(settings, "WECHAT_REFRESH_MARGIN", 600)
    if getattr(settings, "PAGE_CACHE_ENABLED", False) and page_seconds >= margin:
        return [
            Warning(
                f"DJANGO_PAGE_CACHE_SECONDS ({page_seconds}) must stay below "
                f"WECHAT_REFRESH_MARGIN ({margin}): a cached page's WeChat signature would "
                "outlive its ticket.",
                id="core.W001",
            )
        ]
    return []
