"""RSS that cannot fail on odd text.

Django's feed writer refuses control characters (``UnserializableContentError``, a 500).
The text policy keeps them out of new rows; this feed type filters every string on output
too, for rows written before the policy or by raw SQL (second line of defence).
"""

from django.utils.feedgenerator import Rss201rev2Feed

from .text import xml_safe


def _safe(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_safe(item) for item in value)
    return value


class XMLSafeRssFeed(Rss201rev2Feed):
    def __init__(self, *args, **kwargs):
        super().__init__(*[_safe(a) for a in args], **{k: _safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*[_safe(a) for a in args], **{k: _safe(v) for k, v in kwargs.items()})
