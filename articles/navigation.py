"""The sections of the navigation bar: on every page, so cached rather than queried."""

from django.core.cache import cache

from core import pagecache

NAV_CACHE_KEY = "nanhai:nav-sections"
# With the page cache on, the key carries its generation, so any write (an update() or
# raw SQL included) gives a new key, as for pages. Saving or deleting a section also
# clears it (ArticlesConfig.ready); the timeout bounds how long another worker's local
# cache can lag behind when there is no shared cache.
NAV_CACHE_SECONDS = 60


def _key() -> str:
    return f"{NAV_CACHE_KEY}:{pagecache.generation() or 0}"


def navigation_sections() -> list:
    key = _key()
    sections = cache.get(key)
    if sections is None:
        from .models import Section

        sections = list(Section.objects.navigation())
        cache.set(key, sections, NAV_CACHE_SECONDS)
    return sections


def clear_navigation_cache(**kwargs) -> None:
    cache.delete(f"{NAV_CACHE_KEY}:0")
