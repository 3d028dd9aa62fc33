"""The pipeline on good files: orientation, metadata stripped, ICC kept, HEIC, renditions."""

import io

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from photos.models import Photo
from photos.services import photo_create

from .conftest import stored_files
from .images import GPS_IFD, heic, phone_jpeg, png, upload, webp

pytestmark = pytest.mark.django_db


def open_stored(name) -> tuple[Image.Image, bytes]:
    with default_storage.open(name, "rb") as handle:
        data = handle.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return image, data


def served_files(photo):
    return photo.file_names()


def test_exif_orientation_is_applied_to_the_original_and_renditions(reporter):
    # Orientation 6: the camera was turned; the stored picture must stand upright.
    photo = photo_create(
        upload=upload("turned.jpg", phone_jpeg((400, 200), orientation=6)), user=reporter
    )
    assert (photo.width, photo.height) == (200, 400)
    original, _ = open_stored(photo.image.name)
    assert original.size == (200, 400)
    assert original.getexif().get(0x0112) is None
    # Red was on the left of the sensor: after turning it is at the top.
    top = original.getpixel((100, 20))
    bottom = original.getpixel((100, 380))
    assert top[0] > 150
    assert top[2] < 100
    assert bottom[2] > 150
    assert bottom[0] < 100
    for rendition in photo.renditions:
        assert rendition["h"] > rendition["w"]


def test_gps_and_personal_metadata_are_gone_from_every_served_file(reporter):
    data = phone_jpeg((2000, 1500), gps=True)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the upload has GPS
    photo = photo_create(upload=upload("gps.jpg", data), user=reporter)
    names = served_files(photo)
    assert len(names) == 1 + 2 * 3  # original + WebP and JPEG at three widths
    for name in names:
        image, raw = open_stored(name)
        assert not image.getexif(), name
        assert "exif" not in image.info, name
        assert "xmp" not in image.info, name
        assert b"Exif\x00\x00" not in raw
        assert "张三".encode() not in raw
        assert b"TestPhone" not in raw


def test_date_taken_comes_from_exif(reporter):
    photo = photo_create(
        upload=upload("a.jpg", phone_jpeg(taken="2020:06:16 09:30:00")), user=reporter
    )
    local = timezone.localtime(photo.taken_at)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2020, 6, 16, 9, 30)


def test_photo_without_exif_date_has_no_taken_at(reporter):
    photo = photo_create(upload=upload("a.jpg", phone_jpeg(taken=None)), user=reporter)
    assert photo.taken_at is None


def test_icc_profile_is_kept(reporter):
    data = phone_jpeg((1200, 900), icc=True)
    expected = Image.open(io.BytesIO(data)).info["icc_profile"]
    photo = photo_create(upload=upload("icc.jpg", data), user=reporter)
    for name in served_files(photo):
        image, _ = open_stored(name)
        assert image.info.get("icc_profile") == expected, name


def test_heic_from_an_iphone_is_accepted_and_served_as_jpeg_and_webp(reporter):
    photo = photo_create(
        upload=upload("IMG_0001.HEIC", heic((800, 600)), "image/heic"), user=reporter
    )
    assert photo.image.name.endswith("/original.jpg")
    assert (photo.width, photo.height) == (800, 600)
    assert photo.taken_at is not None
    assert timezone.localtime(photo.taken_at).year == 2021
    for name in served_files(photo):
        image, _ = open_stored(name)
        assert image.format in ("JPEG", "WEBP")
        assert not image.getexif().get_ifd(GPS_IFD)


def test_renditions_have_the_configured_widths_and_keep_the_aspect_ratio(reporter, settings):
    settings.PHOTOS_RENDITION_WIDTHS = [480, 960, 1600]
    photo = photo_create(upload=upload("wide.jpg", phone_jpeg((2000, 1000))), user=reporter)
    assert [(r["w"], r["h"]) for r in photo.renditions] == [(480, 240), (960, 480), (1600, 800)]
    for rendition in photo.renditions:
        webp_image, _ = open_stored(rendition["webp"])
        jpeg_image, _ = open_stored(rendition["jpeg"])
        assert webp_image.format == "WEBP"
        assert webp_image.size == (rendition["w"], rendition["h"])
        assert jpeg_image.format == "JPEG"
        assert jpeg_image.size == (rendition["w"], rendition["h"])
    assert photo.srcset_webp.count("w,") == 2
    assert "1600w" in photo.srcset_webp
    assert photo.src.endswith("/w960.jpg")
    assert (photo.display_width, photo.display_height) == (960, 480)


def test_small_photo_gets_one_rendition_at_its_own_width(reporter):
    photo = photo_create(upload=upload("small.jpg", phone_jpeg((300, 200))), user=reporter)
    assert [(r["w"], r["h"]) for r in photo.renditions] == [(300, 200)]
    assert photo.src.endswith("/w300.jpg")


def test_png_with_transparency_stays_png_and_its_jpeg_renditions_are_flattened(reporter):
    photo = photo_create(upload=upload("chart.png", png((600, 400)), "image/png"), user=reporter)
    original, _ = open_stored(photo.image.name)
    assert original.format == "PNG"
    assert original.mode == "RGBA"
    jpeg_image, _ = open_stored(photo.renditions[-1]["jpeg"])
    assert jpeg_image.mode == "RGB"


def test_webp_is_accepted(reporter):
    photo = photo_create(upload=upload("x.webp", webp(), "image/webp"), user=reporter)
    assert photo.image.name.endswith("/original.webp")
    assert Photo.objects.get(pk=photo.pk).renditions == photo.renditions


def test_content_decides_not_the_name(reporter):
    # A PNG named .jpg is accepted as the PNG it is.
    photo = photo_create(upload=upload("misnamed.jpg", png(mode="RGB")), user=reporter)
    assert photo.image.name.endswith("/original.png")
    assert photo.original_name == "misnamed.jpg"


def test_photo_record_has_the_facts(reporter):
    photo = photo_create(
        upload=upload("a.jpg", phone_jpeg((1200, 800))),
        user=reporter,
        caption=" 说明 ",
        credit="通讯员供图",
    )
    photo.refresh_from_db()
    assert photo.caption == "说明"
    assert photo.credit == "通讯员供图"
    assert photo.uploaded_by == reporter
    assert photo.uploaded_at is not None
    assert photo.file_size == default_storage.size(photo.image.name)
    assert photo.alt == "说明"
    assert len(stored_files()) == 7


def test_trailing_payload_and_comments_never_reach_a_served_file(reporter):
    # A valid JPEG with an HTML comment segment and a script appended after the image.
    image = Image.new("RGB", (800, 600), (120, 120, 120))
    out = io.BytesIO()
    image.save(out, "JPEG", comment=b"<html><script>alert(1)</script>")
    data = out.getvalue() + b"<script>alert(document.cookie)</script>"
    photo = photo_create(upload=upload("polyglot.jpg", data), user=reporter)
    for name in served_files(photo):
        _, raw = open_stored(name)
        assert b"<script>" not in raw, name
        assert b"<html>" not in raw, name


def test_photo_limits_come_from_the_environment_through_settings_only():
    """The limits are defined once (settings, from the environment); the pipeline has no
    second set of defaults."""
    import subprocess
    import sys

    from photos import pipeline

    assert not [name for name in dir(pipeline) if name.startswith("DEFAULT_")]
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'tests.settings'; django.setup();"
        "from photos import pipeline;"
        "print(pipeline.max_upload_bytes(), pipeline.max_pixels(), pipeline.rendition_widths())"
    )
    env = {
        **__import__("os").environ,
        "PHOTOS_MAX_UPLOAD_MB": "12",
        "PHOTOS_MAX_PIXELS": "1000000",
        "PHOTOS_RENDITION_WIDTHS": "640, 320",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split("\n")[0] == f"{12 * 1024 * 1024} 1000000 [320, 640]"
