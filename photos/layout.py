"""Where a photo's files live, defined once.

Every file of a photo shares one folder named by the photo's key and the month it was
uploaded: ``photos/2026/11/<key>/original.jpg``, ``w480.webp``, ``w480.jpg``, … The model's
``upload_to``, the service that stores the pipeline's output and the body enricher (which
finds library photos in an article's HTML by their key) all use this module.
"""

import re
import uuid

from django.utils import timezone

ROOT = "photos"
# ``photos/<year>/<month>/<key>/``; KEY_RE finds the key in a stored name or a media URL.
KEY_RE = re.compile(rf"{ROOT}/\d{{4}}/\d{{2}}/([0-9a-f]{{32}})/")


def new_key() -> str:
    return uuid.uuid4().hex


def photo_folder(key: str, when=None) -> str:
    """The folder of the photo ``key`` uploaded at ``when`` (now by default), with a slash."""
    when = when or timezone.now()
    return f"{ROOT}/{when:%Y/%m}/{key}/"


def original_file(key: str, extension: str, when=None) -> str:
    return f"{photo_folder(key, when)}original.{extension}"


def rendition_file(folder: str, width: int, extension: str) -> str:
    return f"{folder}w{width}.{extension}"


def photo_keys(text: str) -> set[str]:
    """The keys of the library photos named in ``text`` (HTML, a URL, a file name)."""
    return set(KEY_RE.findall(text or ""))


def key_of(url: str) -> str | None:
    """The key of the library photo at ``url``, if it is one."""
    match = KEY_RE.search(url or "")
    return match.group(1) if match else None
