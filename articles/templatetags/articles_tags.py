from django import template

from ..navigation import navigation_sections as _navigation_sections

register = template.Library()


@register.simple_tag
def navigation_sections():
    """The sections of the navigation bar (cached; no query on most pages)."""
    return _navigation_sections()


def credit_lines(credits) -> list[str]:
    """Group credits by role the way a newspaper prints them.

    ``文/珠江时报记者 黄梦灵 通讯员 梁丽英``: one line per role, in the order roles first
    appear; consecutive names with the same outlet and title share one prefix.
    """
    groups: dict[str, list[tuple[str, list[str]]]] = {}
    for credit in credits:
        entries = groups.setdefault(credit.role, [])
        if entries and entries[-1][0] == credit.prefix:
            entries[-1][1].append(credit.name)
        else:
            entries.append((credit.prefix, [credit.name]))
    lines = []
    for role, entries in groups.items():
        parts = [(f"{prefix} " if prefix else "") + " ".join(names) for prefix, names in entries]
        lines.append(f"{role}/" + " ".join(parts))
    return lines


@register.filter
def bylines(credits):
    return credit_lines(credits)


@register.simple_tag
def headline_item(article):
    """A linked headline with its date, as a list item: the one markup of every list of
    headlines (home blocks, more from the series, a profile's or a task's reports).
    A tag, not an include: lists render dozens of them, and an include costs more."""
    from django.utils import timezone
    from django.utils.html import format_html

    from core.templatetags.core_tags import list_date

    when = article.published_at
    return format_html(
        '<li><a href="{}">{}</a> <time datetime="{}">{}</time></li>',
        article.get_absolute_url(),
        article.headline,
        timezone.localtime(when).isoformat() if when else "",
        list_date(when),
    )
