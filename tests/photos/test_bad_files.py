"""Every bad file is refused with a clear Chinese message, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from photos.models import Photo
from photos.services import photo_create

from .conftest import stored_files
from .images import BAD_FILES, bad_file, phone_jpeg, upload

pytestmark = pytest.mark.django_db

EXPECTED = {
    "html_as_jpg": "只接受 JPEG、PNG、WebP 和 HEIC/HEIF",
    "svg": "只接受 JPEG、PNG、WebP 和 HEIC/HEIF",
    "gif_html_polyglot": "只接受 JPEG、PNG、WebP 和 HEIC/HEIF",
    "truncated_jpeg": "已损坏或不完整",
    "png_bomb": "尺寸过大",
    "empty": "是空文件",
    "pdf": "只接受 JPEG、PNG、WebP 和 HEIC/HEIF",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_refused_by_the_service_and_nothing_is_stored(kind, reporter):
    name, data = bad_file(kind)
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload(name, data), user=reporter)
    message = " ".join(caught.value.messages)
    assert EXPECTED[kind] in message
    assert name in message  # the message names the file
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_file_over_the_size_limit_is_refused_before_decoding(reporter, settings):
    settings.PHOTOS_MAX_UPLOAD_BYTES = 50_000
    data = phone_jpeg((2000, 1500))
    assert len(data) > 50_000
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("big.jpg", data), user=reporter)
    assert "超过了 0 MB 的上限" in caught.value.messages[0] or "上限" in caught.value.messages[0]
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_default_size_limit_is_30_mb():
    from photos.pipeline import max_upload_bytes

    assert max_upload_bytes() == 30 * 1024 * 1024


def test_pixel_limit_is_a_setting(reporter, settings):
    settings.PHOTOS_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError) as caught:
        photo_create(upload=upload("a.jpg", phone_jpeg((200, 200))), user=reporter)
    assert "200 × 200" in caught.value.messages[0]
    assert stored_files() == []


def test_every_bad_file_in_one_admin_upload_is_listed_and_good_ones_are_kept(client, reporter):
    client.force_login(reporter)
    files = [upload(*bad_file(kind)) for kind in sorted(BAD_FILES)]
    files.append(upload("good.jpg", phone_jpeg((800, 600))))
    response = client.post(
        reverse("admin:photos_photo_upload"), {"images": files, "credit": "通讯员供图"}, follow=True
    )
    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert len([t for t in texts if "已上传" not in t]) == len(BAD_FILES)
    for kind in BAD_FILES:
        assert any(EXPECTED[kind] in t for t in texts), kind
    assert any("已上传 1 张照片" in t for t in texts)
    photo = Photo.objects.get()
    assert photo.original_name == "good.jpg"
    assert photo.credit == "通讯员供图"
    assert sorted(stored_files()) == sorted(photo.file_names())


def test_only_bad_files_in_the_admin_upload_show_the_form_again(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:photos_photo_upload"), {"images": [upload(*bad_file("svg"))]}
    )
    assert response.status_code == 200
    assert "以下文件没有上传" in response.content.decode()
    assert response.context["failures"]
    assert "logo.svg" in response.context["failures"][0]
    assert Photo.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize("kind", ["png_bomb", "html_as_jpg", "truncated_jpeg"])
def test_ckeditor_upload_refuses_bad_files_with_json_not_a_500(kind, client, reporter):
    client.force_login(reporter)
    name, data = bad_file(kind)
    response = client.post(reverse("photos:ckeditor-upload"), {"upload": upload(name, data)})
    assert response.status_code == 400
    assert EXPECTED[kind] in response.json()["error"]["message"]
    assert Photo.objects.count() == 0
    assert stored_files() == []
