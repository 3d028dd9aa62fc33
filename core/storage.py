"""Media on S3-compatible object storage (MinIO, OSS, COS, S3) through django-storages.

Selected by environment variables in ``nanhai/settings.py`` (``DJANGO_MEDIA_BUCKET`` and
friends; README, "Deploy with object storage"). Every file of the site goes through
Django's storage API, so the same code runs on a local folder and on a bucket.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """The media bucket, addressed through ``MEDIA_URL``.

    Public URLs are ``MEDIA_URL`` + the file's name: "/media/…" behind the site's own
    nginx (which fetches from the bucket, same origin for the CSP), or an absolute CDN or
    bucket address. Building one costs no request. Each object is stored with the
    Content-Type of its extension (the upload pipeline decides the extension from the
    content) and a far-future Cache-Control: names never change.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name.lstrip("/"))

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        content_type, _encoding = mimetypes.guess_type(posixpath.basename(name))
        params.setdefault("ContentType", content_type or "application/octet-stream")
        return params


class PrivateStorage(S3Storage):
    """A private bucket (backups): never public, no URL handed out."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("private storage has no public URL")


def walk(storage, path: str = ""):
    """Every file name under ``path`` in ``storage`` (``listdir`` recursively)."""
    try:
        directories, files = storage.listdir(path)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from walk(storage, posixpath.join(path, directory) if path else directory)
