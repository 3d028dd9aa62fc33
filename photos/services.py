"""Writes to the photo library: create from an upload (through the pipeline), delete."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from core.text import is_blank, one_line

from . import hooks
from .layout import new_key, photo_folder, rendition_file
from .models import Photo
from .pipeline import ImageRejected, file_label, process_image, read_upload

logger = logging.getLogger(__name__)


def _store_files(*, key: str, processed, storage) -> tuple[str, list[dict], list[str]]:
    """Save the original and the renditions; return their names (and all names written)."""
    folder = photo_folder(key)
    written: list[str] = []

    def save(name: str, data: bytes) -> str:
        stored = storage.save(name, ContentFile(data))
        written.append(stored)
        return stored

    try:
        original = save(f"{folder}original.{processed.extension}", processed.original)
        renditions = [
            {
                "w": r.width,
                "h": r.height,
                "webp": save(rendition_file(folder, r.width, "webp"), r.webp) if r.webp else "",
                "jpeg": save(rendition_file(folder, r.width, "jpg"), r.jpeg),
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


def _checked_text(**values: str) -> dict[str, str]:
    """Caption, credit and alt text checked against their fields (the text policy), before
    any work is done on the file."""
    checked, errors = {}, []
    for field_name, value in values.items():
        field = Photo._meta.get_field(field_name)
        try:
            checked[field_name] = field.clean((value or "").strip(), None)
        except ValidationError as exc:
            errors += [f"{field.verbose_name}:{message}" for message in exc.messages]
    if errors:
        raise ValidationError(" ".join(errors), code="invalid_text")
    return checked


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

    Returns the photo or raises ``ValidationError`` with a Chinese message naming the file;
    nothing else, whatever goes wrong (a refused file, an error in the pipeline, the
    storage or the database), and nothing is stored then (no row, no file). Every upload
    path (the admin's upload page, CKEditor, the demo) can therefore report each file's
    outcome on its own.

    ``taken_at`` is the date taken as the browser read it before shrinking the photo (the
    shrunk copy carries no EXIF); the file's own EXIF date wins when there is one.
    """
    name = one_line(name or getattr(upload, "name", "") or "").strip()[:255]
    if is_blank(name):  # a name of invisible characters only is no name
        name = ""
    label = file_label(name)
    text = _checked_text(caption=caption, credit=credit, alt_text=alt_text)
    try:
        data = read_upload(upload, name=name)
        processed = process_image(data, name=name)
    except ImageRejected as exc:
        raise ValidationError(exc.message, code="bad_image") from exc
    storage = Photo._meta.get_field("image").storage
    key = new_key()
    try:
        original, renditions, written = _store_files(key=key, processed=processed, storage=storage)
    except Exception as exc:
        logger.exception("Could not store the files of %s", label)
        raise ValidationError(
            f"{label}没有保存：写入文件存储时出错，请稍后再上传这一张。", code="not_stored"
        ) from exc
    try:
        with transaction.atomic():
            photo = Photo(
                key=key,
                **text,
                width=processed.width,
                height=processed.height,
                file_size=len(processed.original),
                renditions=renditions,
                original_name=name,
                taken_at=processed.taken_at or taken_at,
                uploaded_by=user if user is not None and user.is_authenticated else None,
            )
            photo.image.name = original
            photo.save()
    except Exception as exc:
        _delete_files(written, storage)
        logger.exception("Could not save the photo row of %s", label)
        raise ValidationError(
            f"{label}没有保存：写入数据库时出错，请稍后再上传这一张。", code="not_saved"
        ) from exc
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
            f"图片“{photo}”正在使用，不能删除：" + ";".join(uses) + "。请先从这些文章中移除。",
            code="in_use",
        )
    names = photo.file_names()
    storage = Photo._meta.get_field("image").storage
    photo.delete()
    transaction.on_commit(lambda: _delete_files(names, storage))
