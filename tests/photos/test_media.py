"""Serving uploaded files: images only, the right Content-Type, nosniff."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory

from photos.views import serve_media

pytestmark = pytest.mark.django_db


def get(path):
    return serve_media(RequestFactory().get("/media/" + path), path)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("w960.jpg", "image/jpeg"), ("w960.webp", "image/webp"), ("original.png", "image/png")],
)
def test_images_are_served_with_their_type_and_nosniff(make_photo, name, content_type):
    photo = make_photo(size=(1200, 800))
    path = next(
        n
        for n in [*photo.file_names(), photo.image.name.replace("original.jpg", "original.png")]
        if n.endswith(name)
    )
    if name == "original.png":
        default_storage.save(path, ContentFile(b"\x89PNG fake"))
    response = get(path)
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content)[:4] in (
        b"\xff\xd8\xff\xe0",
        b"\xff\xd8\xff\xdb",
        b"RIFF",
        b"\x89PNG",
        b"\xff\xd8\xff\xe2",
    )


@pytest.mark.parametrize(
    "name", ["evil.html", "logo.svg", "page.htm", "x.svgz", "noext", "a.jpg.html", "x.gif"]
)
def test_nothing_but_our_image_types_is_ever_served(name):
    default_storage.save(
        f"photos/2026/01/{name}", ContentFile(b"<html><script>alert(1)</script></html>")
    )
    with pytest.raises(Http404):
        get(f"photos/2026/01/{name}")


@pytest.mark.parametrize(
    "path", ["../settings.jpg", "photos/../../etc/passwd.jpg", "/etc/hosts.jpg", "missing.jpg"]
)
def test_paths_outside_the_media_or_missing_are_404(path):
    with pytest.raises(Http404):
        get(path)


def test_site_sends_nosniff_on_every_response(client):
    assert client.get("/").headers["X-Content-Type-Options"] == "nosniff"
