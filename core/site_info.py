"""The site information for pages: read from the shared cache, never queried per view.

The cache is Redis in production (shared by every worker), so a save in the admin clears
it for all of them at once (``clear_site_info_cache``, after the transaction commits).
Without a shared cache each process keeps it for at most ``CACHE_SECONDS``.
"""

from django.core.cache import cache
from django.db import transaction

CACHE_KEY = "core:site-info:v1"
CACHE_SECONDS = 600


def _field_names() -> list[str]:
    from .models import SiteInfo

    return [f.attname for f in SiteInfo._meta.concrete_fields]


def site_info():
    """The site information (an unsaved copy built from the cache; don't save it)."""
    from .models import SiteInfo

    values = cache.get(CACHE_KEY)
    if values is None:
        row = SiteInfo.objects.filter(pk=SiteInfo.SINGLETON_PK).first()
        if row is None:  # only before the migration's row exists
            row = SiteInfo(pk=SiteInfo.SINGLETON_PK, **SiteInfo.defaults())
        values = {name: getattr(row, name) for name in _field_names()}
        cache.set(CACHE_KEY, values, CACHE_SECONDS)
    return SiteInfo(**values)


def clear_site_info_cache(**kwargs) -> None:
    """Cache invalidation only (connected to SiteInfo's post_save): after the commit, so
    a page rendered meanwhile cannot put the old values back."""
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
