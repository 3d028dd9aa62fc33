import uuid
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.fields import SingleLineTextField

from .inspect import KINDS


def attachment_key(extension: str) -> str:
    """The stored name: ``attachments/2026/11/<random>.docx``, safe and unique; the
    reader's file name is kept on the row (``original_name``) and sent on download."""
    return timezone.now().strftime("attachments/%Y/%m/") + f"{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """A file attached to an article (a notice's 报名表), listed after the body."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOC = "doc", "Word（DOC）"
        DOCX = "docx", "Word（DOCX）"
        XLS = "xls", "Excel（XLS）"
        XLSX = "xlsx", "Excel（XLSX）"
        WPS = "wps", "WPS 文字（WPS）"
        ET = "et", "WPS 表格（ET）"
        OFD = "ofd", "OFD 版式文档"

    article = models.ForeignKey(
        "articles.Article",
        verbose_name="文章",
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField("文件", max_length=200, editable=False)
    original_name = SingleLineTextField(
        "文件名", max_length=150, editable=False, help_text="读者下载时看到的文件名。"
    )
    kind = models.CharField("格式", max_length=8, choices=Kind, editable=False)
    size = models.PositiveBigIntegerField("大小（字节）", default=0, editable=False)
    order = models.PositiveSmallIntegerField("顺序", default=0, help_text="数字小的排在前面")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传者",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "附件"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(original_name="") & ~models.Q(file=""),
                name="attachment_has_file_and_name",
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(
            "attachments:download", kwargs={"pk": self.pk, "filename": self.original_name}
        )

    @property
    def label(self) -> str:
        """What kind of document it is, for readers: “Word 文档”."""
        kind = KINDS.get(self.kind)
        return kind.label if kind else self.get_kind_display()

    @property
    def content_type(self) -> str:
        kind = KINDS.get(self.kind)
        return kind.content_type if kind else "application/octet-stream"

    @property
    def content_disposition(self) -> str:
        """``attachment`` with the reader's file name: an ASCII ``filename`` for old
        clients and the UTF-8 name as ``filename*`` (RFC 6266, RFC 5987)."""
        stem, dot, extension = self.original_name.rpartition(".")
        if not dot:
            stem, extension = self.original_name, ""
        fallback = "".join(
            ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "" for ch in stem
        )
        fallback = f"{fallback or f'attachment-{self.pk}'}.{extension or self.kind}"
        return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(self.original_name, safe='')}"
