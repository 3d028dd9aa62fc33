"""One <picture> renderer: the figure and infographic includes and the body enricher agree."""

import re

import pytest
from django.template.loader import render_to_string

from core.html import sanitize_html
from photos.body import enrich_body
from photos.picture import picture_html

pytestmark = pytest.mark.django_db

PICTURE = re.compile(r"<picture>.*?</picture>", re.DOTALL)


def _picture_in(html: str) -> str:
    return PICTURE.search(html).group(0)


def test_figure_infographic_and_body_render_the_same_picture(make_photo):
    photo = make_photo(size=(2000, 1200), caption="职工运动会", alt_text="")
    expected = picture_html(photo)
    figure = _picture_in(render_to_string("photos/_figure.html", {"photo": photo}))
    infographic = _picture_in(render_to_string("photos/_infographic.html", {"photo": photo}))
    body = enrich_body(f'<figure class="image"><img src="{photo.src}"></figure>')
    in_body = _picture_in(body)
    assert figure == infographic == expected
    assert in_body == str(picture_html(photo, with_id=True))
    assert in_body.replace(f' data-photo-id="{photo.pk}"', "") == expected
    # What the enricher writes survives the sanitizer unchanged (stored, then rendered).
    assert _picture_in(sanitize_html(body)) == in_body
    assert 'alt="职工运动会"' in expected
    assert 'loading="lazy"' in expected
    assert f'srcset="{photo.srcset_webp}"' in expected


def test_eager_picture_has_high_priority_and_no_lazy_loading(make_photo):
    photo = make_photo()
    html = render_to_string("photos/_figure.html", {"photo": photo, "eager": True})
    assert 'fetchpriority="high"' in html
    assert 'loading="lazy"' not in html


def test_alt_and_sizes_are_escaped(make_photo):
    photo = make_photo(caption='"><script>alert(1)</script>')
    html = str(picture_html(photo, sizes='100vw" onload="x'))
    assert "<script>" not in html
    assert 'onload="x"' not in html
    assert "&quot;&gt;&lt;script&gt;" in html
