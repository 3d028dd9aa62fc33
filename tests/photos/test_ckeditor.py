"""CKEditor's image uploads go through the pipeline into the library."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Article
from core.html import sanitize_html
from photos.models import Photo
from tests.factories import UserFactory

from .conftest import stored_files
from .images import bad_file, phone_jpeg, upload

pytestmark = pytest.mark.django_db


def test_the_editor_widget_posts_to_our_view():
    from django_ckeditor_5.widgets import CKEditor5Widget

    assert settings.CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME == "photos:ckeditor-upload"
    html = CKEditor5Widget(config_name="default").render("body", "", attrs={"id": "id_body"})
    assert f'data-upload-url="{reverse("photos:ckeditor-upload")}"' in html


def test_reporter_upload_creates_a_library_photo_and_returns_ckeditor_json(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("IMG_1.jpg", phone_jpeg((2000, 1500)))}
    )
    assert response.status_code == 200
    photo = Photo.objects.get()
    assert photo.uploaded_by == reporter
    assert response.json() == {"url": photo.src, "photo_id": photo.pk}
    assert response.json()["url"].startswith(settings.MEDIA_URL)
    assert response.json()["url"].endswith("/w960.jpg")


def test_returned_url_survives_the_sanitizer_in_a_body(client, reporter):
    client.force_login(reporter)
    url = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("a.jpg", phone_jpeg())}
    ).json()["url"]
    body = f'<figure class="image"><img src="{url}" alt="x"></figure>'
    assert f'src="{url}"' in sanitize_html(body)


def test_anonymous_upload_is_refused_and_nothing_is_stored(client):
    response = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("a.jpg", phone_jpeg())}
    )
    assert response.status_code == 403
    assert "登录" in response.json()["error"]["message"]
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_staff_without_add_photo_permission_is_refused(client):
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)
    response = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("a.jpg", phone_jpeg())}
    )
    assert response.status_code == 403
    assert "权限" in response.json()["error"]["message"]
    assert Photo.objects.count() == 0


def test_get_is_not_allowed(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("photos:ckeditor-upload")).status_code == 405


def test_missing_file_gets_a_chinese_message(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse("photos:ckeditor-upload"), {})
    assert response.status_code == 400
    assert "没有收到图片" in response.json()["error"]["message"]


def test_django_ckeditor_5_own_upload_url_runs_our_pipeline_too(client, reporter):
    client.force_login(reporter)
    name, data = bad_file("html_as_jpg")
    response = client.post("/ckeditor5/image_upload/", {"upload": upload(name, data)})
    assert response.status_code == 400
    assert "只接受 JPEG" in response.json()["error"]["message"]
    ok = client.post("/ckeditor5/image_upload/", {"upload": upload("a.jpg", phone_jpeg())})
    assert ok.json()["url"] == Photo.objects.get().src


def test_csrf_is_required(reporter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    response = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("a.jpg", phone_jpeg())}
    )
    assert response.status_code == 403
    assert not Article.objects.exists()
    assert Photo.objects.count() == 0


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_editor_and_superuser_uploads_go_into_the_library(role, client, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.post(
        reverse("photos:ckeditor-upload"), {"upload": upload("a.jpg", phone_jpeg())}
    )
    assert response.status_code == 200
    assert Photo.objects.get().uploaded_by == user
