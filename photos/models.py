from django.conf import settings
from django.db import models


def photo_upload_to(instance, filename):
    from django.utils import timezone

    return timezone.now().strftime("photos/%Y/%m/") + filename


class Photo(models.Model):
    """One picture in the library, with the caption and credit every published photo carries."""

    image = models.ImageField(
        "图片", upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    caption = models.CharField("图片说明", max_length=300, blank=True)
    credit = models.CharField(
        "图片来源", max_length=100, blank=True, help_text="如:通讯员供图、珠江时报记者 穆纪武 摄"
    )
    alt_text = models.CharField(
        "替代文字", max_length=300, blank=True, help_text="供读屏软件朗读;留空则使用图片说明。"
    )
    width = models.PositiveIntegerField("宽度", default=0, editable=False)
    height = models.PositiveIntegerField("高度", default=0, editable=False)
    file_size = models.PositiveIntegerField("文件大小", default=0, editable=False)
    taken_at = models.DateTimeField("拍摄时间", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传者",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = verbose_name_plural = "图片"

    def __str__(self):
        return self.caption or self.image.name

    @property
    def alt(self) -> str:
        return self.alt_text or self.caption
