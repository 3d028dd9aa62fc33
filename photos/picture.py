"""The one ``<picture>`` of a library photo: a WebP ``<source>`` and a JPEG ``<img>`` with
``srcset``, ``sizes``, ``width``/``height`` (no layout shift) and lazy loading.

Used by the templates (``{% picture %}`` in ``photos_tags``: ``photos/_figure.html``,
``photos/_infographic.html``) and by the body enricher (``photos/body.py``), so a photo
looks the same in a figure, an infographic and an article's body. It reads only the photo
row (no query, no storage access).
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

DEFAULT_SIZES = "(min-width: 44rem) 42rem, 100vw"


def picture_html(
    photo, *, alt: str = "", sizes: str = "", eager: bool = False, with_id: bool = False
) -> SafeString:
    """The ``<picture>`` element of ``photo``.

    ``alt`` defaults to the photo's alt text (else its caption); ``eager`` is for the one
    image above the fold (``fetchpriority="high"`` instead of ``loading="lazy"``);
    ``with_id`` adds ``data-photo-id``, by which the body enricher recognises its own output.
    """
    sizes = sizes or DEFAULT_SIZES
    source = ""
    if photo.srcset_webp:
        source = format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">', photo.srcset_webp, sizes
        )
    attrs = [("src", photo.src)]
    if photo.srcset_jpeg:
        attrs += [("srcset", photo.srcset_jpeg), ("sizes", sizes)]
    attrs += [
        ("alt", alt or photo.alt),
        ("width", photo.display_width),
        ("height", photo.display_height),
        ("fetchpriority", "high") if eager else ("loading", "lazy"),
        ("decoding", "async"),
    ]
    if with_id:
        attrs.append(("data-photo-id", photo.pk))
    img = format_html("<img{}>", format_html_join("", ' {}="{}"', attrs))
    return mark_safe(f"<picture>{source}{img}</picture>")  # noqa: S308 - parts escaped above
