from django import template

from photos.picture import picture_html

register = template.Library()


@register.filter
def of_kind(items, kind):
    """The article photos of one kind (``gallery``/``infographic``), from the prefetched list."""
    return [item for item in items if item.kind == kind]


@register.simple_tag
def picture(photo, alt="", sizes="", eager=False):
    """``{% picture photo alt=… sizes=… eager=True %}``: the photo's ``<picture>`` element
    (``photos.picture.picture_html``, the same markup as in article bodies)."""
    return picture_html(photo, alt=alt, sizes=sizes, eager=bool(eager))
