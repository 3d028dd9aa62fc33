"""Library photos in rich text: turn a plain ``<img>`` of a library photo into a responsive
``<picture>`` (WebP + JPEG srcset, width/height, lazy) and give its figure the library's
caption and credit.

It runs when an article is saved (one query for all the photos of the body), never when a
page is rendered. It is idempotent: an already enriched image is rebuilt the same way.
"""

import html
import re

from django.conf import settings

from .layout import key_of, photo_keys
from .picture import picture_html

IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
PICTURE_RE = re.compile(r"<picture>\s*(?:<source\b[^>]*>\s*)*(<img\b[^>]*>)\s*</picture>", re.I)
FIGURE_RE = re.compile(r"(<figure\b[^>]*>)(.*?)(</figure>)", re.IGNORECASE | re.DOTALL)
ATTR_RE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*"([^"]*)"')


def _attrs(tag: str) -> dict:
    return {name.lower(): html.unescape(value) for name, value in ATTR_RE.findall(tag)}


def _caption(photo) -> str:
    e = html.escape
    text = e(photo.caption)
    if photo.credit:
        text += f" <span>{e(photo.credit)}</span>"
    return text


def enrich_body(body: str) -> str:
    """Rewrite the library images of ``body`` (one query; none when there are none)."""
    if not body or settings.MEDIA_URL not in body:
        return body
    keys = photo_keys(body)
    if not keys:
        return body
    from .models import Photo

    photos = {p.key: p for p in Photo.objects.filter(key__in=keys)}
    if not photos:
        return body
    body = PICTURE_RE.sub(lambda m: m.group(1), body)

    def photo_of(img_tag):
        key = key_of(_attrs(img_tag).get("src", ""))
        return photos.get(key) if key else None

    def replace_img(match):
        tag = match.group(0)
        photo = photo_of(tag)
        return picture_html(photo, alt=_attrs(tag).get("alt", ""), with_id=True) if photo else tag

    def replace_figure(match):
        opening, inner, closing = match.groups()
        imgs = IMG_RE.findall(inner)
        photo = photo_of(imgs[0]) if imgs else None
        if photo is None or not (photo.caption or photo.credit):
            return match.group(0)
        if "<figcaption" not in inner:
            inner += f"<figcaption>{_caption(photo)}</figcaption>"
        elif photo.credit and html.escape(photo.credit) not in inner:
            inner = inner.replace(
                "</figcaption>", f" <span>{html.escape(photo.credit)}</span></figcaption>", 1
            )
        return opening + inner + closing

    body = FIGURE_RE.sub(replace_figure, body)
    return IMG_RE.sub(replace_img, body)
