"""The sections of the navigation bar: on every page, so cached rather than queried."""

from django.core.cache import cache

NAV_CACHE_KEY = "nanhai:nav-sections"
# Saving or deleting a section clears the key (ArticlesConfig.ready); the timeout bounds
# how long another worker's local cache can lag behind when there is no shared cache.
NAV_CACHE_SECONDS = 60


def navigation_sections() -> list:
    sections = cache.get(NAV_CACHE_KEY)
    if sections is None:
        from .models import Section

        sections = list(Section.objects.navigation())
        cache.set(NAV_CACHE_KEY, sections, NAV_CACHE_SECONDS)
    return sections


def clear_navigation_cache(**kwargs) -> None:
    cache.delete(NAV_CACHE_KEY)
