"""Photos picked by their pictures, and the upload page's one-file-at-a-time answers
(issue 10)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticlePhoto
from photos.models import Photo
from tests.factories import ArticleFactory
from tests.profiles.factories import ProfileFactory

from .conftest import stored_files
from .images import phone_jpeg, png, upload

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = {"app_label": "articles", "model_name": "article", "field_name": "cover"}


def pick(client, **params):
    response = client.get(reverse("admin:autocomplete"), {**AUTOCOMPLETE, **params})
    assert response.status_code == 200
    return response.json()["results"]


# --- Pickers --------------------------------------------------------------------------


def test_picker_results_carry_thumbnails(client, editor, make_photo):
    photo = make_photo(editor, caption="荷花池边的读书会")
    client.force_login(editor)
    [result] = pick(client, term="荷花")
    assert result["id"] == str(photo.pk)
    assert result["text"] == "荷花池边的读书会"
    assert result["thumb"] == photo.thumbnail_url
    assert result["thumb"].endswith("w480.jpg")
    assert (result["thumb_w"], result["thumb_h"]) == (480, 320)


def test_a_reporters_picker_offers_only_what_they_may_place(
    client, editor, reporter, other_reporter, make_photo
):
    mine = make_photo(reporter, caption="我拍的")
    make_photo(other_reporter, caption="别人拍的")
    desk_photo = make_photo(editor, caption="编辑放的")
    article = ArticleFactory(author=reporter, status="draft", published_at=None)
    ArticlePhoto.objects.create(article=article, photo=desk_photo)
    make_photo(editor, caption="编辑库里的")
    client.force_login(reporter)
    offered = {r["text"] for r in pick(client)}
    assert offered == {"我拍的", "编辑放的"}
    assert str(mine.pk) in {r["id"] for r in pick(client, term="我拍")}
    portraits = pick(client, app_label="profiles", model_name="profile", field_name="portrait")
    assert {r["text"] for r in portraits} == {"我拍的", "编辑放的"}


def test_the_chosen_photo_is_shown_on_the_form(client, editor, make_photo):
    cover = make_photo(editor, caption="封面照片")
    gallery = make_photo(editor, caption="图集照片一")
    article = ArticleFactory(cover=cover)
    ArticlePhoto.objects.create(article=article, photo=gallery)
    client.force_login(editor)
    text = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert f'data-thumb="{cover.thumbnail_url}"' in text
    assert 'alt="已选图片：封面照片"' in text
    assert 'alt="已选图片：图集照片一"' in text
    # Photos come into the library through 传图, not through a picker's "add" link.
    assert 'id="add_id_cover"' not in text
    assert 'id="add_id_gallery_items-0-photo"' not in text


def test_a_reporter_cannot_make_someone_elses_photo_a_portrait(
    client, reporter, other_reporter, make_photo
):
    theirs = make_photo(other_reporter, caption="别人的照片")
    profile = ProfileFactory(created_by=reporter, is_published=False, portrait=None)
    client.force_login(reporter)
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    from tests.admin_utils import admin_form_data

    response = client.post(url, admin_form_data(client.get(url), portrait=str(theirs.pk)))
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.portrait_id is None


# --- The upload page's script: one file per request, a JSON answer -----------------


def send_one(client, data, name="IMG_0001.JPG", content_type="image/jpeg", **fields):
    return client.post(
        reverse("admin:photos_photo_upload"),
        {"images": upload(name, data, content_type), **fields},
        headers={"x-requested-with": "upload.js"},
    )


def test_one_photo_gets_a_json_answer(client, reporter):
    client.force_login(reporter)
    response = send_one(client, phone_jpeg((1600, 1200)), credit="通讯员供图")
    assert response.status_code == 200
    answer = response.json()
    photo = Photo.objects.get()
    assert answer == {"ok": True, "id": photo.pk, "thumb": photo.thumbnail_url}
    assert (photo.credit, photo.uploaded_by) == ("通讯员供图", reporter)
    assert not [str(m) for m in client.get(reverse("admin:index")).context["messages"]]


def test_the_date_taken_sent_by_the_page_is_used_only_when_the_file_has_none(client, reporter):
    client.force_login(reporter)
    # The shrunk copy has no EXIF: the date the page read from the original is used.
    send_one(
        client,
        png((800, 600)),
        name="a.png",
        content_type="image/png",
        taken_at="2020-06-16T09:30:00",
    )
    shrunk = Photo.objects.get(original_name="a.png")
    assert timezone.localtime(shrunk.taken_at).replace(tzinfo=None) == dt.datetime(
        2020, 6, 16, 9, 30
    )
    # A file with its own EXIF date keeps it.
    send_one(
        client,
        phone_jpeg(taken="2021:01:02 03:04:05"),
        name="b.jpg",
        taken_at="2020-06-16T09:30:00",
    )
    own = Photo.objects.get(original_name="b.jpg")
    assert timezone.localtime(own.taken_at).year == 2021


@pytest.mark.parametrize("taken_at", ["yesterday", "1970-01-01T00:00:00", "2999-01-01T00:00:00"])
def test_an_implausible_date_is_ignored_and_the_photo_kept(client, reporter, taken_at):
    client.force_login(reporter)
    response = send_one(client, png(), name="c.png", content_type="image/png", taken_at=taken_at)
    assert response.json()["ok"] is True
    assert Photo.objects.get().taken_at is None


def test_an_incomplete_file_stores_nothing(client, reporter):
    client.force_login(reporter)
    data = phone_jpeg((1200, 900))
    response = send_one(client, data, expected_size=str(len(data) + 1000))
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error": "照片没有传完整，请重试。"}
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_a_bad_file_gets_its_chinese_reason(client, reporter):
    client.force_login(reporter)
    response = send_one(client, b"<html><script>alert(1)</script></html>", name="x.jpg")
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert "图片" in response.json()["error"] or "文件" in response.json()["error"]
    assert Photo.objects.count() == 0


def test_the_script_sends_one_photo_per_request(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:photos_photo_upload"),
        {"images": [upload("a.jpg", phone_jpeg()), upload("b.jpg", phone_jpeg())]},
        headers={"x-requested-with": "upload.js"},
    )
    assert response.status_code == 400
    assert Photo.objects.count() == 0


def test_staff_without_the_upload_right_are_refused(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x" * 16, is_staff=True)
    client.force_login(clerk)
    assert send_one(client, phone_jpeg()).status_code == 403
    assert Photo.objects.count() == 0
