"""Images of every ordinary shape upload, and odd ones are refused file by file, never a 500
(issue 15: long infographics, the 1 × 60,000,000 strip, 16-bit greys, text chunk bombs,
unexpected errors inside the pipeline, batches)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageFile

from articles.models import Article, ArticlePhoto
from photos import pipeline
from photos.models import Photo
from photos.services import photo_create
from tests.factories import ArticleFactory

from .conftest import stored_files
from .images import (
    grey16_png,
    long_infographic,
    phone_jpeg,
    png,
    strip_header_png,
    text_chunk_bomb,
    upload,
)

pytestmark = pytest.mark.django_db

LONG_IMAGES = [("JPEG", (800, 20000)), ("PNG", (800, 20000)), ("JPEG", (1080, 17000))]


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _open(name: str) -> Image.Image:
    with default_storage.open(name, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


@pytest.mark.parametrize(("fmt", "size"), LONG_IMAGES)
def test_long_infographic_uploads_on_the_upload_page(client, reporter, fmt, size):
    client.force_login(reporter)
    name = f"一图读懂.{fmt.lower()}"
    response = client.post(
        reverse("admin:photos_photo_upload"),
        {"images": [upload(name, long_infographic(fmt, size))], "credit": "南海区总工会"},
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == size
    assert photo.original_name == name
    assert sorted(stored_files()) == sorted(photo.file_names())
    widths = [r["w"] for r in photo.renditions]
    assert widths == sorted({*(w for w in (480, 960) if w < size[0]), min(size[0], 1600)})
    for rendition in photo.renditions:
        # WebP stops at 16,383 px: a taller rendition is JPEG only (README, "Image limits").
        assert bool(rendition["webp"]) == (rendition["h"] <= pipeline.WEBP_MAX_SIDE)
        assert _open(rendition["jpeg"]).size == (rendition["w"], rendition["h"])
    # Served from its JPEG renditions alone, so the browser chooses among every width.
    assert photo.srcset_webp == ""
    assert [c.split(" ")[1] for c in photo.srcset_jpeg.split(", ")] == [f"{w}w" for w in widths]
    assert _open(photo.image.name).size == size


def test_long_infographic_uploads_through_ckeditor_with_a_json_answer(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("长图.png", long_infographic("PNG"))}
    )
    assert response.status_code == 200
    photo = Photo.objects.get()
    assert response.json() == {"url": photo.src, "photo_id": photo.pk}
    assert photo.src.endswith("/w800.jpg")


def test_long_infographic_shows_on_the_article_page_with_the_full_size_link(client, make_photo):
    poster = make_photo(
        caption="一图读懂 2020年南海工会工作", credit="南海区总工会", data=long_infographic("JPEG")
    )
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=timezone.now())
    ArticlePhoto.objects.create(article=article, photo=poster, kind=ArticlePhoto.Kind.INFOGRAPHIC)
    page = client.get(article.get_absolute_url()).content.decode()
    figure = page[page.index('class="photo infographic"') :]
    figure = figure[: figure.index("</figure>")]
    assert f'href="{poster.original_url}"' in figure
    assert "查看原图(800 × 20000)" in figure
    assert "image/webp" not in figure  # no WebP source that lacks the 800 px file
    assert f'srcset="{poster.srcset_jpeg}"' in figure
    assert "480w" in figure
    assert "800w" in figure
    assert 'width="800" height="20000"' in figure  # the box is reserved: no layout shift
    assert "一图读懂 2020年南海工会工作" in figure
    original = client.get(poster.original_url)  # the full-size file behind 查看原图
    assert original.status_code in (200, 404)  # media is served by nginx outside DEBUG
    assert _open(poster.image.name).size == (800, 20000)


def test_strip_of_sixty_million_pixels_is_refused_from_the_header(reporter, monkeypatch):
    def no_decoding(self, *args, **kwargs):
        raise AssertionError("decoded a file that the header already refuses")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    monkeypatch.setattr(Image.Image, "verify", no_decoding)
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("strip.png", strip_header_png()), user=reporter)
    message = caught.value.messages[0]
    assert "“strip.png”太长或太宽（1 × 60000000 像素）" in message
    assert "65500" in message
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_sixteen_bit_grey_is_scaled_to_eight_bits_not_clipped(reporter):
    photo = photo_create(upload=upload("灰度16位.png", grey16_png()), user=reporter)
    original = _open(photo.image.name)
    assert original.mode == "L"
    assert [original.getpixel((x, 3)) for x in (0, 64, 128, 192, 255)] == [0, 64, 128, 192, 255]
    rendition = _open(photo.renditions[-1]["jpeg"]).convert("L")
    for x in (0, 64, 128, 192, 255):
        assert abs(rendition.getpixel((x, 3)) - x) <= 4


@pytest.mark.parametrize("where", ["before", "after"])
def test_text_chunk_bomb_is_named_as_such(reporter, where):
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("bomb.png", text_chunk_bomb(where)), user=reporter)
    message = caught.value.messages[0]
    assert "“bomb.png”" in message
    assert "文本块炸弹" in message
    assert "损坏" not in message
    assert stored_files() == []


def _fail_on(size, error=None):
    """Make the pipeline's mode step blow up for images of ``size`` (an unexpected error)."""
    original = pipeline._normalize_mode

    def normalize(image):
        if image.size == size:
            raise error or RuntimeError("codec bug")
        return original(image)

    return normalize


@pytest.mark.parametrize("error", [RuntimeError("bug"), MemoryError(), KeyError("mode")])
def test_unexpected_error_in_the_pipeline_is_a_refusal_of_that_file(reporter, monkeypatch, error):
    monkeypatch.setattr(pipeline, "_normalize_mode", _fail_on((333, 333), error))
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("奇怪.jpg", phone_jpeg((333, 333))), user=reporter)
    assert "“奇怪.jpg”没有上传：处理这张图片时出错" in caught.value.messages[0]
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_batch_stores_the_good_files_names_the_bad_one_and_a_retry_adds_no_duplicates(
    client, reporter, monkeypatch
):
    client.force_login(reporter)
    monkeypatch.setattr(pipeline, "_normalize_mode", _fail_on((333, 333)))
    files = [
        upload("a.jpg", phone_jpeg((600, 400))),
        upload("b.png", png((500, 300))),
        upload("c.jpg", phone_jpeg((333, 333))),
        upload("d.png", long_infographic("PNG")),
    ]
    response = client.post(reverse("admin:photos_photo_upload"), {"images": files}, follow=True)
    assert response.status_code == 200
    texts = _messages(response)
    assert any("已上传 3 张照片：a.jpg、b.png、d.png。" in t for t in texts)
    assert any("单独再传" in t for t in texts)
    assert any("“c.jpg”没有上传" in t for t in texts)
    stored = Photo.objects.all()
    assert sorted(p.original_name for p in stored) == ["a.jpg", "b.png", "d.png"]
    # The page lists just the new photos, for their captions.
    assert sorted(response.context["cl"].result_list, key=lambda p: p.pk) == list(
        stored.order_by("pk")
    )
    assert sorted(stored_files()) == sorted(n for p in stored for n in p.file_names())

    monkeypatch.undo()
    client.force_login(reporter)
    client.post(
        reverse("admin:photos_photo_upload"), {"images": [upload("c.jpg", phone_jpeg((333, 333)))]}
    )
    names = sorted(Photo.objects.values_list("original_name", flat=True))
    assert names == ["a.jpg", "b.png", "c.jpg", "d.png"]


def test_batch_where_every_file_fails_shows_each_reason_on_the_upload_page(client, reporter):
    client.force_login(reporter)
    files = [
        upload("strip.png", strip_header_png()),
        upload("bomb.png", text_chunk_bomb("after")),
    ]
    response = client.post(reverse("admin:photos_photo_upload"), {"images": files})
    assert response.status_code == 200
    failures = response.context["failures"]
    assert len(failures) == 2
    assert "“strip.png”太长或太宽" in failures[0]
    assert "“bomb.png”含有一个解压后异常巨大的文本块" in failures[1]
    assert "以下文件没有上传" in response.content.decode()
    assert Photo.objects.count() == 0


def test_storage_failure_is_a_refusal_and_leaves_no_file(reporter, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    real_save = FileSystemStorage.save
    calls = []

    def flaky_save(self, name, content, *args, **kwargs):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_save(self, name, content, *args, **kwargs)

    monkeypatch.setattr(FileSystemStorage, "save", flaky_save)
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("满盘.jpg", phone_jpeg((1200, 800))), user=reporter)
    assert "“满盘.jpg”没有保存：写入文件存储时出错" in caught.value.messages[0]
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_database_failure_is_a_refusal_and_removes_the_files(reporter, monkeypatch):
    from django.db import DatabaseError

    def broken_save(self, *args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(Photo, "save", broken_save)
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("a.jpg", phone_jpeg()), user=reporter)
    assert "“a.jpg”没有保存：写入数据库时出错" in caught.value.messages[0]
    assert stored_files() == []


def test_control_characters_in_a_file_name_never_reach_messages_or_rows(reporter):
    photo = photo_create(upload=upload("a\x1b[31m\x0bb.jpg", phone_jpeg()), user=reporter)
    assert photo.original_name == "a[31mb.jpg"
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("x\x00\ny.jpg", b"not an image"), user=reporter)
    assert "“x y.jpg”不是可用的图片" in caught.value.messages[0]
    invisible = photo_create(upload=upload("\u200b\ufeff", phone_jpeg()), user=reporter)
    assert invisible.original_name == ""


# --- The CKEditor endpoint always answers JSON ------------------------------------------


def test_ckeditor_upload_of_a_file_that_breaks_the_pipeline_answers_json(
    client, reporter, monkeypatch
):
    monkeypatch.setattr(pipeline, "_normalize_mode", _fail_on((333, 333)))
    client.force_login(reporter)
    response = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("c.jpg", phone_jpeg((333, 333)))}
    )
    assert response.status_code == 400
    assert "“c.jpg”没有上传：处理这张图片时出错" in response.json()["error"]["message"]


def test_ckeditor_upload_answers_json_even_on_a_bug(client, reporter, monkeypatch):
    import photos.views

    def broken(**kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(photos.views, "photo_create", broken)
    client.force_login(reporter)
    response = client.post(reverse("photos:ckeditor-upload"), {"upload": upload("a.jpg", b"x")})
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "服务器出错" in response.json()["error"]["message"]


def test_ckeditor_upload_get_answers_json(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("photos:ckeditor-upload"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "上传图片" in response.json()["error"]["message"]


@pytest.mark.parametrize("debug", [True, False])
def test_ckeditor_url_without_the_trailing_slash_uploads(client, reporter, settings, debug):
    settings.DEBUG = debug
    client.force_login(reporter)
    response = client.post("/ckeditor5/image_upload", {"upload": upload("a.jpg", phone_jpeg())})
    assert response.status_code == 200
    assert response.json()["photo_id"] == Photo.objects.get().pk


def test_narrow_detailed_strip_gets_its_jpeg_renditions(reporter):
    """Found by the property tests: Pillow's buffer for an optimized JPEG is too small for a
    3-pixel-wide strip of fine detail ("broken data stream"); it is stored all the same."""
    import random

    rng = random.Random(7)
    strip = Image.frombytes("RGB", (3, 11898), rng.randbytes(3 * 3 * 11898))
    out = io.BytesIO()
    strip.save(out, "PNG")
    photo = photo_create(upload=upload("细长条.png", out.getvalue()), user=reporter)
    assert (photo.width, photo.height) == (3, 11898)
    assert _open(photo.renditions[0]["jpeg"]).size == (3, 11898)


def test_tiff_is_refused_in_chinese(reporter):
    out = io.BytesIO()
    Image.new("RGB", (40, 30)).save(out, "TIFF")
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("扫描件.tif", out.getvalue()), user=reporter)
    assert "“扫描件.tif”不是可用的图片" in caught.value.messages[0]


def test_ckeditor_upload_without_a_csrf_token_is_refused_in_json(reporter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    url = reverse("photos:ckeditor-upload")
    refused = client.post(url, {"upload": upload("a.jpg", phone_jpeg())})
    assert refused.status_code == 403
    assert "刷新页面" in refused.json()["error"]["message"]
    assert Photo.objects.count() == 0
    client.get(reverse("admin:index"))  # the admin sets the CSRF cookie, as for the editor
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        url, {"upload": upload("a.jpg", phone_jpeg())}, headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 200
    assert accepted.json()["photo_id"] == Photo.objects.get().pk
