from django import template
from django.utils.safestring import mark_safe

from core.html import sanitize_html

register = template.Library()


@register.filter
def sanitized(value):
    """Render rich text: sanitized again at output, the only way rich text reaches a page."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - the output of the sanitizer


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute URL for share tags, feeds and canonical links."""
    from django.conf import settings

    if settings.SITE_URL:
        return settings.SITE_URL + path if path.startswith("/") else path
    request = context.get("request")
    if request is None or path.startswith(("http://", "https://")):
        return path
    return request.build_absolute_uri(path)


@register.filter
def list_date(value):
    """The date of an item in a list: 10月8日 this year, 2020年10月8日 for other years."""
    if not value:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if local.year == timezone.localdate().year:
        return f"{local.month}月{local.day}日"
    return f"{local.year}年{local.month}月{local.day}日"


@register.filter
def person(user):
    """A staff member as the admin names them: 姓名, else the user name."""
    from core.people import display_name

    return display_name(user)
