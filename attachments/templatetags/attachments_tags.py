from django import template

from ..services import size_text as _size_text

register = template.Library()


@register.filter
def size_text(size):
    """35 KB, 2.3 MB."""
    return _size_text(int(size or 0))
