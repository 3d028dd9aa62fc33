"""Writes to the photo library: create from an upload (through the pipeline), delete."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from . import hooks
from .models import Photo, new_key
from .pipeline import ImageRejected, process_image, read_upload

logger = logging.getLogger(__name__)


def _store_files(*, key: str, processed, storage) -> tuple[str, list[dict], list[str]]:
    """Save the original and the renditions; return their names (and all names written)."""
    folder = timezone.now().strftime("photos/%Y/%m/") + key + "/"
    written: list[str] = []

    def save(name: str, data: bytes) -> str:
        stored = storage.save(folder + name, ContentFile(data))
        written.append(stored)
        return stored

    try:
        original = save(f"original.{processed.extension}", processed.original)
        renditions = [
            {
                "w": r.width,
                "h": r.height,
                "webp": save(f"w{r.width}.webp", r.webp),
                "jpeg": save(f"w{r.width}.jpg", r.jpeg),
            }
            for r in processed.renditions
        ]
    except Exception:
        _delete_files(written, storage)
        raise
    return original, renditions, written


def _delete_files(names, storage=None) -> None:
    storage = storage or default_storage
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a missing file must not stop the others from going
            logger.warning("Could not delete %s from the media storage", name, exc_info=True)


def photo_create(
    *,
    upload,
    user=None,
    caption: str = "",
    credit: str = "",
    alt_text: str = "",
    name: str = "",
    taken_at=None,
) -> Photo:
    """Run one uploaded file through the pipeline and add it to the library.

    ``taken_at`` is the date taken as the browser read it before shrinking the photo (the
    shrunk copy carries no EXIF); the file's own EXIF date wins when there is one.
    Raises ``ValidationError`` with a Chinese message when the file is refused; nothing is
    stored then (no row, no file).
    """
    name = name or getattr(upload, "name", "") or ""
    try:
        data = read_upload(upload, name=name)
        processed = process_image(data, name=name)
    except ImageRejected as exc:
        raise ValidationError(exc.message, code="bad_image") from exc
    storage = Photo._meta.get_field("image").storage
    key = new_key()
    original, renditions, written = _store_files(key=key, processed=processed, storage=storage)
    try:
        with transaction.atomic():
            photo = Photo(
                key=key,
                caption=caption.strip(),
                credit=credit.strip(),
                alt_text=alt_text.strip(),
                width=processed.width,
                height=processed.height,
                file_size=len(processed.original),
                renditions=renditions,
                original_name=name[:255],
                taken_at=processed.taken_at or taken_at,
                uploaded_by=user if user is not None and user.is_authenticated else None,
            )
            photo.image.name = original
            photo.save()
    except Exception:
        _delete_files(written, storage)
        raise
    return photo


def photo_usages(photo: Photo) -> list[str]:
    """Where the public site shows ``photo``, in Chinese, as the apps that place photos
    declare it (``photos.hooks.register_usage``)."""
    return hooks.usages(photo)


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    """Delete a photo and its files, unless the public site shows it somewhere."""
    uses = photo_usages(photo)
    if uses:
        raise ValidationError(
            f"图片“{photo}”正在使用,不能删除:" + ";".join(uses) + "。请先从这些文章中移除。",
            code="in_use",
        )
    names = photo.file_names()
    storage = Photo._meta.get_field("image").storage
    photo.delete()
    transaction.on_commit(lambda: _delete_files(names, storage))
