from django import template
from django.utils.html import format_html

from workplan.figures import format_figure

register = template.Library()


@register.filter
def figure(value) -> str:
    """A key figure as the newspaper writes it: 127.6万余人次, 超8000人."""
    return value.display


@register.filter
def figure_html(value):
    """The figure with its number set apart for the infographic (big digits, small words)."""
    before, number, after = format_figure(
        number=value.number,
        magnitude=value.magnitude,
        qualifier=value.qualifier,
        position=value.qualifier_position,
        unit=value.unit,
        split=True,
    )
    return format_html(
        '<span class="figure__text">{}</span><span class="figure__number">{}</span>'
        '<span class="figure__text">{}</span>',
        before,
        number,
        after,
    )
