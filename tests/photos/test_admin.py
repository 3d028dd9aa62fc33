"""The photo library in the admin, per role, including crafted POSTs."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Article, ArticlePhoto
from photos.models import Photo
from tests.factories import ArticleFactory, UserFactory

from .conftest import stored_files
from .images import heic, phone_jpeg, png, upload

pytestmark = pytest.mark.django_db


def changelist():
    return reverse("admin:photos_photo_changelist")


def change(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


def delete(photo):
    return reverse("admin:photos_photo_delete", args=[photo.pk])


# --- Upload ---------------------------------------------------------------------------------


def test_reporter_uploads_several_phone_photos_at_once(client, reporter):
    client.force_login(reporter)
    files = [
        upload("IMG_0001.JPG", phone_jpeg((1600, 1200))),
        upload("IMG_0002.HEIC", heic((800, 600)), "image/heic"),
        upload("chart.png", png((600, 400)), "image/png"),
    ]
    response = client.post(
        reverse("admin:photos_photo_upload"), {"images": files, "credit": "珠江时报记者 穆纪武 摄"}
    )
    photos = list(Photo.objects.order_by("pk"))
    assert [p.original_name for p in photos] == ["IMG_0001.JPG", "IMG_0002.HEIC", "chart.png"]
    assert {p.uploaded_by for p in photos} == {reporter}
    assert {p.credit for p in photos} == {"珠江时报记者 穆纪武 摄"}
    assert response.status_code == 302
    assert response["Location"].startswith(changelist() + "?id__in=")
    listing = client.get(response["Location"])
    assert [p.pk for p in listing.context["cl"].result_list] == [p.pk for p in reversed(photos)]
    assert "已上传 3 张照片" in listing.content.decode()


def test_upload_page_offers_multiple_files_and_drag_and_drop(client, reporter):
    client.force_login(reporter)
    page = client.get(reverse("admin:photos_photo_upload")).content.decode()
    assert 'type="file"' in page
    assert "multiple" in page
    assert "image/heic" in page
    assert "data-dropzone" in page
    assert "photos/upload.js" in page


def test_add_button_leads_to_the_upload_page(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:photos_photo_add"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:photos_photo_upload")


def test_anonymous_cannot_upload(client):
    response = client.post(
        reverse("admin:photos_photo_upload"), {"images": [upload("a.jpg", phone_jpeg())]}
    )
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_staff_without_the_add_permission_cannot_upload(client):
    user = UserFactory(username="clerk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_photo"))
    client.force_login(user)
    response = client.post(
        reverse("admin:photos_photo_upload"), {"images": [upload("a.jpg", phone_jpeg())]}
    )
    assert response.status_code == 403
    assert Photo.objects.count() == 0


# --- Seeing and editing ---------------------------------------------------------------------


def test_reporter_sees_only_own_photos(client, reporter, other_reporter, make_photo):
    mine = make_photo(reporter, caption="我的照片")
    make_photo(other_reporter, caption="别人的照片")
    client.force_login(reporter)
    response = client.get(changelist())
    assert list(response.context["cl"].result_list) == [mine]
    assert "别人的照片" not in response.content.decode()


def test_reporter_cannot_open_or_change_someone_elses_photo(
    client, reporter, other_reporter, make_photo
):
    theirs = make_photo(other_reporter, caption="别人的照片")
    client.force_login(reporter)
    assert client.get(change(theirs)).status_code == 302  # "does not exist" back to the list
    client.post(
        change(theirs),
        {"caption": "改掉", "credit": "", "alt_text": "", "taken_at_0": "", "taken_at_1": ""},
    )
    theirs.refresh_from_db()
    assert theirs.caption == "别人的照片"


def test_reporter_edits_own_caption_and_credit(client, reporter, make_photo):
    mine = make_photo(reporter, caption="旧说明")
    client.force_login(reporter)
    page = client.get(change(mine))
    assert "正文插图地址" in page.content.decode()
    response = client.post(
        change(mine),
        {
            "caption": "包杰给物管人员送上抗疫物资。",
            "credit": "通讯员供图",
            "alt_text": "",
            "taken_at_0": "",
            "taken_at_1": "",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.caption == "包杰给物管人员送上抗疫物资。"
    assert mine.credit == "通讯员供图"


def test_editor_sees_and_edits_every_photo(client, editor, reporter, other_reporter, make_photo):
    a = make_photo(reporter)
    b = make_photo(other_reporter)
    client.force_login(editor)
    assert set(client.get(changelist()).context["cl"].result_list) == {a, b}
    client.post(
        change(b),
        {
            "caption": "编辑改的说明",
            "credit": "通讯员供图",
            "alt_text": "",
            "taken_at_0": "",
            "taken_at_1": "",
        },
    )
    b.refresh_from_db()
    assert b.caption == "编辑改的说明"


def test_captions_can_be_filled_in_the_list_for_many_photos(client, reporter, make_photo):
    photos = [make_photo(reporter, caption="") for _ in range(2)]
    client.force_login(reporter)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "保存",
    }
    for i, photo in enumerate(sorted(photos, key=lambda p: (p.uploaded_at, p.pk), reverse=True)):
        data.update(
            {
                f"form-{i}-id": str(photo.pk),
                f"form-{i}-caption": f"说明{photo.pk}",
                f"form-{i}-credit": "通讯员供图",
            }
        )
    client.post(changelist(), data)
    for photo in photos:
        photo.refresh_from_db()
        assert photo.caption == f"说明{photo.pk}"


def test_image_file_cannot_be_replaced_through_the_change_form(client, editor, make_photo):
    photo = make_photo(editor)
    name = photo.image.name
    client.force_login(editor)
    client.post(
        change(photo),
        {
            "caption": "x",
            "credit": "",
            "alt_text": "",
            "taken_at_0": "",
            "taken_at_1": "",
            "image": upload("evil.svg", b"<svg/>"),
        },
    )
    photo.refresh_from_db()
    assert photo.image.name == name


def test_superuser_admin_pages_load(client, superuser, make_photo):
    photo = make_photo(superuser, caption="超级用户的照片")
    client.force_login(superuser)
    assert "超级用户的照片" in client.get(changelist()).content.decode()
    assert "超级用户的照片" in client.get(change(photo)).content.decode()
    assert "上传照片" in client.get(reverse("admin:photos_photo_upload")).content.decode()


# --- Deleting -------------------------------------------------------------------------------


def test_reporter_cannot_delete_even_own_photo(client, reporter, make_photo):
    mine = make_photo(reporter)
    client.force_login(reporter)
    response = client.post(delete(mine), {"post": "yes"})
    assert response.status_code == 403
    assert Photo.objects.filter(pk=mine.pk).exists()


def test_editor_deletes_an_unused_photo_with_its_files(
    client, editor, make_photo, django_capture_on_commit_callbacks
):
    photo = make_photo(editor)
    assert len(stored_files()) == 7
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete(photo), {"post": "yes"})
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("use", ["cover", "gallery", "infographic", "body"])
def test_photo_used_by_a_published_article_cannot_be_deleted(use, client, editor, make_photo):
    photo = make_photo(editor, caption="会场")
    article = ArticleFactory(headline="精准实干 为南海高质量发展凝心聚力")
    if use == "cover":
        article.cover = photo
        article.save()
    elif use == "body":
        article.body = f'<figure class="image"><img src="{photo.src}"></figure>'
        article.save()
    else:
        ArticlePhoto.objects.create(article=article, photo=photo, kind=use)
    client.force_login(editor)
    page = client.get(delete(photo)).content.decode()
    assert "《精准实干 为南海高质量发展凝心聚力》" in page
    expected = {
        "cover": "封面图",
        "gallery": "图集照片",
        "infographic": "一图读懂",
        "body": "正文插图",
    }[use]
    assert expected in page
    client.post(delete(photo), {"post": "yes"})
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert len(stored_files()) == 7


def test_bulk_delete_action_spares_photos_in_use(client, editor, make_photo):
    used = make_photo(editor, caption="在用")
    ArticleFactory(cover=used)
    client.force_login(editor)
    response = client.post(
        changelist(), {"action": "delete_selected", "_selected_action": [used.pk], "post": "yes"}
    )
    assert Photo.objects.filter(pk=used.pk).exists()
    assert "已发布文章" in response.content.decode()


def test_photo_only_in_a_draft_body_can_be_deleted(client, editor, make_photo):
    photo = make_photo(editor)
    ArticleFactory(status=Article.Status.DRAFT, body=f'<p><img src="{photo.src}"></p>')
    client.force_login(editor)
    client.post(delete(photo), {"post": "yes"})
    assert not Photo.objects.filter(pk=photo.pk).exists()


def test_editor_uploads_through_the_admin_page(client, editor):
    client.force_login(editor)
    client.post(reverse("admin:photos_photo_upload"), {"images": [upload("a.jpg", phone_jpeg())]})
    assert Photo.objects.get().uploaded_by == editor


def test_reporter_autocomplete_offers_only_own_photos(client, reporter, other_reporter, make_photo):
    mine = make_photo(reporter, caption="灯湖社区活动 我的")
    make_photo(other_reporter, caption="灯湖社区活动 别人的")
    client.force_login(reporter)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "articlephoto",
            "field_name": "photo",
            "term": "灯湖",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(mine.pk)]
