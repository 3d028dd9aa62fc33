from django import template

register = template.Library()


@register.filter
def of_kind(items, kind):
    """The article photos of one kind (``gallery``/``infographic``), from the prefetched list."""
    return [item for item in items if item.kind == kind]
