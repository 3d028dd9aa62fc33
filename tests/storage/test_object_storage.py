"""Media, renditions, share cards, backups and /readyz on S3-compatible object storage
(a local moto server speaking the S3 protocol)."""

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage, storages
from django.urls import reverse

from articles.models import Article
from core.backup import backup_site, list_archives, restore_site
from photos.models import Photo
from photos.services import photo_create, photo_delete
from tests.factories import ArticleFactory
from tests.photos.images import phone_jpeg, upload
from tests.workplan.factories import TaskFactory, WorkPlanFactory
from workplan import share

pytestmark = pytest.mark.django_db


def test_an_upload_and_its_renditions_go_to_the_bucket(
    object_storage, s3_server, client, django_capture_on_commit_callbacks
):
    photo = photo_create(
        upload=upload("phone.jpg", phone_jpeg((1200, 900))),
        caption="桶里的照片",
        credit="通讯员供图",
    )
    keys = s3_server.keys(object_storage)
    assert photo.image.name in keys
    for rendition in photo.renditions:
        assert {rendition["webp"], rendition["jpeg"]} <= set(keys)
    head = s3_server.client().head_object(Bucket=object_storage, Key=photo.renditions[0]["webp"])
    assert head["ContentType"] == "image/webp"
    assert "immutable" in head["CacheControl"]
    # Pages link through MEDIA_URL (nginx fetches from the bucket), never ask the store.
    article = ArticleFactory(cover=photo)
    page = client.get(article.get_absolute_url()).text
    assert f"/media/{photo.renditions[0]['jpeg']}" in page
    with default_storage.open(photo.image.name, "rb") as handle:
        assert handle.read(3) == b"\xff\xd8\xff"

    article.delete()
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=Photo.objects.get(pk=photo.pk))
    assert s3_server.keys(object_storage, "photos/") == []


def test_the_share_card_is_drawn_once_into_the_bucket(object_storage, s3_server, client):
    if share.find_font() is None:
        pytest.skip("no CJK font installed")
    TaskFactory(plan=WorkPlanFactory(year=2020, is_published=True))
    cache.clear()
    client.get(reverse("workplan:year", args=[2020]))
    cards = s3_server.keys(object_storage, "workplan/share/")
    assert len(cards) == 1
    modified = s3_server.client().head_object(Bucket=object_storage, Key=cards[0])["ETag"]
    cache.clear()  # as if the shared cache had forgotten: ask the store, find the card
    client.get(reverse("workplan:overview", args=[2020]))
    assert s3_server.keys(object_storage, "workplan/share/") == cards
    assert s3_server.client().head_object(Bucket=object_storage, Key=cards[0])["ETag"] == modified


def test_readyz_checks_the_bucket(object_storage, client, settings):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["media"] == "ok"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "bucket_name": "no-such-bucket"},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["media"] != "ok"


def test_backup_to_a_private_bucket_and_restore_media_from_it(object_storage, s3_server, settings):
    backups = s3_server.new_bucket(f"{object_storage}-backups")
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {
            "BACKEND": "core.storage.PrivateStorage",
            "OPTIONS": s3_server.storage_options(backups),
        },
    }
    photo = photo_create(upload=upload("a.jpg", phone_jpeg((800, 600))), caption="备份的照片")
    ArticleFactory(headline="备份里的报道", cover=photo)
    stored = s3_server.keys(object_storage)

    result = backup_site()
    assert list_archives(storages["backups"]) == [result.path.name]
    assert s3_server.keys(backups) == [result.path.name]

    # Disaster: the files and the article are gone, junk appeared.
    for key in stored:
        s3_server.client().delete_object(Bucket=object_storage, Key=key)
    s3_server.client().put_object(Bucket=object_storage, Key="junk.txt", Body=b"x")
    Article.objects.all().delete()

    manifest = restore_site(archive_path=result.path, clean_media=True)
    assert sorted(manifest["files"]) == stored
    assert s3_server.keys(object_storage) == stored
    assert Article.objects.get().headline == "备份里的报道"
    body = s3_server.client().get_object(Bucket=object_storage, Key=photo.image.name)["Body"]
    assert body.read(3) == b"\xff\xd8\xff"
