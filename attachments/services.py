"""Writes to attachments: attach an uploaded file to an article, delete one."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from audit.models import AuditEntry
from audit.services import audit_record
from core.files import delete_if_rolled_back

from .inspect import AttachmentRejected, clean_name, inspect
from .models import Attachment, attachment_key
from .permissions import can_attach, delete_refusal

logger = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    return settings.ATTACHMENTS_MAX_UPLOAD_BYTES


def size_text(size: int) -> str:
    """35 KB, 2.3 MB: how sizes are written for readers and in messages."""
    if size < 1024 * 1024:
        return f"{max(1, -(-size // 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def read_upload(upload, *, name: str = "") -> tuple[bytes, str]:
    """The bytes and the cleaned name of an uploaded file, refusing an empty one or one
    over the limit before reading it."""
    name = clean_name(name or getattr(upload, "name", "") or "")
    size = getattr(upload, "size", None)
    limit = max_upload_bytes()
    if size is not None and size > limit:
        raise AttachmentRejected(
            f"“{name}”有 {size_text(size)}，超过了 {size_text(limit)} 的上限，不能上传。"
            "请压缩图片或拆分文件后再上传。"
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise AttachmentRejected(
            f"“{name}”超过了 {size_text(limit)} 的上限，不能上传。请压缩图片或拆分文件后再上传。"
        )
    return data, name


def attachment_check(upload) -> str:
    """Validate an upload without storing anything (forms call this in ``clean``);
    returns the cleaned name. Raises ``ValidationError`` with the Chinese reason."""
    try:
        data, name = read_upload(upload)
        inspect(data, name)
    except AttachmentRejected as exc:
        raise ValidationError(exc.message, code="bad_attachment") from exc
    return name


def attachment_create(*, article, upload, user, order: int = 0) -> Attachment:
    """Attach ``upload`` to ``article``: checked from its bytes, stored under a safe,
    unique name, the reader's file name kept. Nothing is left behind on failure: a refused
    file is never stored, a failed insert deletes the file, and so does a rollback of the
    caller's transaction (``core.files``). ``user=None`` is the site itself (the demo, a
    command run on the server), not a request: no permission to check, no uploader."""
    if user is not None and not can_attach(user, article):
        raise PermissionDenied("您不能给这篇文章添加附件。")
    try:
        data, name = read_upload(upload)
        kind = inspect(data, name)
    except AttachmentRejected as exc:
        raise ValidationError(exc.message, code="bad_attachment") from exc
    storage = Attachment._meta.get_field("file").storage
    stored = storage.save(attachment_key(kind.code), ContentFile(data))
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                article=article,
                file=stored,
                original_name=name,
                kind=kind.code,
                size=len(data),
                order=order,
                uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except Exception:
        _delete_file(storage, stored)
        raise
    delete_if_rolled_back(storage, stored)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user) -> None:
    """Delete an attachment (its file goes when the deletion commits), if allowed."""
    refusal = delete_refusal(user, attachment)
    if refusal:
        raise ValidationError(refusal, code="in_use")
    audit_record(
        action=AuditEntry.Action.DELETE,
        user=user,
        obj=attachment,
        detail=f"删除《{attachment.article.headline}》的附件“{attachment.original_name}”",
    )
    attachment.delete()


def delete_stored_file(sender, instance, **kwargs) -> None:
    """``post_delete`` of Attachment (cascades from a deleted article too): the file goes
    once the deletion is committed. Housekeeping only, like a cache invalidation."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: _delete_file(storage, name))


def _delete_file(storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:  # noqa: BLE001 - a missing file must not fail the request
        logger.warning("Could not delete %s from the media storage", name, exc_info=True)
