from django.conf import settings

LARGE_TEXT_COOKIE = "large_text"


def site(request):
    """Site name, large-text mode and the section navigation for the base layout."""
    from articles.models import Section

    return {
        "SITE_NAME": settings.SITE_NAME,
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
        # Lazy: evaluated once, only by templates that render the navigation.
        "nav_sections": Section.objects.navigation(),
    }
