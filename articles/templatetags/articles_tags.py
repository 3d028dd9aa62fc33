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
