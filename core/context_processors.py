from django.conf import settings

LARGE_TEXT_COOKIE = "large_text"


def site(request):
    """Site name and the large-text mode (大字版) for the base layout."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
    }
