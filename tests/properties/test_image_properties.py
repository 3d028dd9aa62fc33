"""Generated images of every mode Pillow writes (1, L, LA, P, RGB, RGBA, CMYK, I;16, I, F),
in every format it writes them in, at sizes up to the limits, through the photo pipeline.

Properties: the service returns a photo or refuses with a Chinese message naming the file,
nothing else; a file is accepted exactly when its format is one we take and its size is
within the limits; what is stored opens, has the right size, only 8-bit modes, renditions
of the configured widths (WebP only within WebP's limit); lossless sources keep their
pixels (16-bit greys scaled, not clipped).

The limits are lowered for the run (the rules are the same at any size), so images "up to
the limits" stay cheap: the long profile raises them.
"""

import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from hypothesis import event, given
from hypothesis import strategies as st
from PIL import Image

from photos import pipeline
from photos.services import photo_create
from tests.photos.images import upload

from .conftest import LONG, rolled_back
from .strategies import is_chinese

pytestmark = pytest.mark.django_db

MODES = ["1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "I;16", "I", "F"]
FORMATS = ["PNG", "JPEG", "WEBP", "TIFF", "GIF", "BMP"]
ACCEPTED = {"PNG", "JPEG", "WEBP"}
BYTES_PER_PIXEL = {
    "L": 1,
    "P": 1,
    "LA": 2,
    "I;16": 2,
    "RGB": 3,
    "RGBA": 4,
    "CMYK": 4,
    "I": 4,
    "F": 4,
}

MAX_PIXELS = 2_000_000 if LONG else 60_000
MAX_SIDE = 40_000 if LONG else 18_000
WIDTHS = [480, 960, 1600] if LONG else [24, 96, 400]


@pytest.fixture(autouse=True)
def _small_limits(settings, monkeypatch):
    settings.PHOTOS_MAX_PIXELS = MAX_PIXELS
    settings.PHOTOS_RENDITION_WIDTHS = WIDTHS
    monkeypatch.setattr(pipeline, "MAX_SIDE", MAX_SIDE)


def _raw(mode, size, rng) -> bytes:
    width, height = size
    if mode == "1":
        return rng.randbytes((width + 7) // 8 * height)
    return rng.randbytes(width * height * BYTES_PER_PIXEL[mode])


@st.composite
def sizes(draw):
    shape = draw(st.sampled_from(["small", "small", "small", "near the limits", "strip"]))
    if shape == "small":
        return draw(st.integers(1, 80)), draw(st.integers(1, 80))
    if shape == "strip":  # long infographics and strips, past WebP's 16,383 px
        long_side = draw(st.integers(1, MAX_SIDE + 2000))
        short = draw(st.integers(1, 3))
        return (short, long_side) if draw(st.booleans()) else (long_side, short)
    side = int(MAX_PIXELS**0.5)
    return draw(st.integers(side - 3, side + 3)), draw(st.integers(side - 3, side + 3))


@st.composite
def images(draw, mode):
    size = draw(sizes())
    rng = random.Random(draw(st.integers(0, 2**32)))
    image = Image.frombytes(mode, size, _raw(mode, size, rng))
    if mode == "P":
        image.putpalette(rng.randbytes(768))
    return image


def _encode(image, fmt) -> bytes | None:
    out = io.BytesIO()
    try:
        image.save(out, fmt)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # Pillow does not write this mode in this format, or not at this size
    return out.getvalue()


def _pixels(image) -> list:
    flattened = getattr(image, "get_flattened_data", None)  # Pillow ≥ 12.1; getdata before
    return list(flattened() if flattened else image.getdata())


def _open(name):
    with default_storage.open(name, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
        return image


def _expected_pixels(source: Image.Image, fmt: str):
    """What a lossless source must look like once stored, or None when the format is lossy."""
    if fmt != "PNG":
        return None
    source = Image.open(io.BytesIO(_encode(source, "PNG")))  # as Pillow reads it back
    if source.mode in ("I;16", "I"):
        return [round(v / 257) for v in _pixels(source.convert("I"))]
    if source.mode == "P":
        has_alpha = "transparency" in source.info
        return _pixels(source.convert("RGBA" if has_alpha else "RGB"))
    if source.mode in ("1",):
        return _pixels(source.convert("RGB"))
    if source.mode == "LA":
        return _pixels(source.convert("RGBA"))
    return _pixels(source)


@pytest.mark.parametrize("mode", MODES)
@given(data=st.data())
def test_every_mode_and_format_is_stored_correctly_or_refused_in_chinese(reporter, mode, data):
    image = data.draw(images(mode))
    fmt = data.draw(st.sampled_from(FORMATS))
    encoded = _encode(image, fmt)
    if encoded is None:
        event(f"{mode} not writable as {fmt}")
        return
    name = f"测试图 {mode}.{fmt.lower()}"
    width, height = image.size
    within = width * height <= MAX_PIXELS and max(width, height) <= MAX_SIDE
    with rolled_back():
        try:
            photo = photo_create(upload=upload(name, encoded), user=reporter, caption="测试")
        except ValidationError as exc:
            event(f"{fmt} refused")
            message = " ".join(exc.messages)
            assert is_chinese(message)
            assert f"“{name}”" in message
            assert not (fmt in ACCEPTED and within), message
            return
        event(f"{fmt} accepted")
        assert fmt in ACCEPTED
        assert within
        original = _open(photo.image.name)
        assert original.size == (width, height) == (photo.width, photo.height)
        assert original.mode in ("RGB", "RGBA", "L")
        # Pixel by pixel in Python: only for images small enough to compare quickly.
        expected = _expected_pixels(image, fmt) if width * height <= 100_000 else None
        if expected is not None:
            stored = _pixels(original)
            if original.mode == "L" and expected and isinstance(expected[0], int):
                assert max(abs(a - b) for a, b in zip(stored, expected, strict=True)) <= 1
            else:
                assert stored == expected
        widths = [r["w"] for r in photo.renditions]
        assert widths == sorted({*(w for w in WIDTHS if w < width), min(width, WIDTHS[-1])})
        for rendition in photo.renditions:
            fits_webp = max(rendition["w"], rendition["h"]) <= pipeline.WEBP_MAX_SIDE
            assert bool(rendition["webp"]) == fits_webp
            assert _open(rendition["jpeg"]).size == (rendition["w"], rendition["h"])
            if fits_webp:
                assert _open(rendition["webp"]).size == (rendition["w"], rendition["h"])
        html = render_to_string("photos/_figure.html", {"photo": photo})
        assert photo.srcset_jpeg in html
        assert ("image/webp" in html) == all(r["webp"] for r in photo.renditions)


@pytest.mark.parametrize("mode", ["I", "F", "I;16", "I;16B"])
@given(data=st.data())
def test_wide_integer_and_float_modes_normalize_to_eight_bits(mode, data):
    """No accepted file format carries I or F images (Pillow writes them only as TIFF, which
    is refused), so the pipeline's normalization is tried on them directly: random bits,
    NaN and infinities included."""
    size = (data.draw(st.integers(1, 40)), data.draw(st.integers(1, 40)))
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    raw_mode = "I;16" if mode == "I;16B" else mode
    image = Image.frombytes(raw_mode, size, _raw(raw_mode, size, rng))
    if mode == "I;16B":
        image = Image.frombytes("I;16B", size, image.tobytes())
    normalized = pipeline._normalize_mode(image)
    assert normalized.mode == "L"
    assert normalized.size == size
    if mode != "F":
        values = _pixels(image.convert("I")) if mode != "I" else _pixels(image)
        expected = [min(255, max(0, round(v / 257))) for v in values]
        got = _pixels(normalized)
        assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) <= 1
