from django.utils.functional import SimpleLazyObject, lazy

from .site_info import site_info

LARGE_TEXT_COOKIE = "large_text"


def site(request):
    """The site information (footer, site name) and the large-text mode (大字版).

    Lazy: a page that shows neither (the admin) doesn't even ask the cache; one that does
    asks it once.
    """
    info = SimpleLazyObject(site_info)
    return {
        "site_info": info,
        "SITE_NAME": lazy(lambda: info.site_name, str)(),
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
    }
