from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

LARGE_TEXT_COOKIE = "large_text"
NAV_CACHE_KEY = "nanhai:nav-sections"
# Saving or deleting a section clears the key (nanhai.apps); the timeout bounds how long
# another worker's local cache can lag behind when there is no shared cache (Redis).
NAV_CACHE_SECONDS = 60


def navigation_sections() -> list:
    """The sections of the navigation bar: on every page, so cached rather than queried."""
    sections = cache.get(NAV_CACHE_KEY)
    if sections is None:
        from articles.models import Section

        sections = list(Section.objects.navigation())
        cache.set(NAV_CACHE_KEY, sections, NAV_CACHE_SECONDS)
    return sections


def clear_navigation_cache(**kwargs) -> None:
    cache.delete(NAV_CACHE_KEY)


def site(request):
    """Site name, large-text mode and the section navigation for the base layout."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
        # Lazy: looked up only by templates that render the navigation.
        "nav_sections": SimpleLazyObject(navigation_sections),
    }
