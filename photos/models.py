from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils.functional import cached_property

from core.fields import SingleLineTextField

from .layout import new_key, original_file


def photo_upload_to(instance, filename):
    """``photos/2026/11/<key>/original.jpg``: every file of a photo shares its key's folder."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return original_file(instance.key, extension)


class PhotoQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Editors see the whole library; reporters the photos they uploaded."""
        from .permissions import sees_whole_library

        if sees_whole_library(user):
            return self
        return self.filter(uploaded_by=user)

    def placeable_by(self, user):
        """What a user may place (cover, gallery, portrait): the photos they may see, plus
        those the apps that place photos allow (``photos.hooks.register_placeable``: e.g.
        photos an editor already placed on the reporter's own article, so saving a draft
        the desk returned does not fail on a photo the reporter did not upload)."""
        from . import hooks
        from .permissions import sees_whole_library

        if sees_whole_library(user):
            return self
        allowed = models.Q(uploaded_by=user)
        for condition in hooks.placeable_conditions(user):
            allowed |= models.Q(pk__in=self.model.objects.filter(condition).values("pk"))
        return self.filter(allowed)


class Photo(models.Model):
    """One picture in the library, with the caption and credit every published photo carries.

    The pipeline (``photos.pipeline``) stores a normalized original (EXIF orientation applied,
    GPS and other metadata stripped, ICC profile kept) and renditions at a few widths in WebP
    and JPEG, once, at upload. Their names and sizes are kept in ``renditions`` so a page
    can write ``srcset`` without touching the storage or the database again.
    """

    key = models.CharField("文件标识", max_length=32, unique=True, default=new_key, editable=False)
    image = models.ImageField("图片", upload_to=photo_upload_to, max_length=200)
    caption = SingleLineTextField("图片说明", max_length=300, blank=True)
    credit = SingleLineTextField(
        "图片来源", max_length=100, blank=True, help_text="如：通讯员供图、珠江时报记者 穆纪武 摄"
    )
    alt_text = SingleLineTextField(
        "替代文字", max_length=300, blank=True, help_text="供读屏软件朗读；留空则使用图片说明。"
    )
    width = models.PositiveIntegerField("宽度", default=0, editable=False)
    height = models.PositiveIntegerField("高度", default=0, editable=False)
    file_size = models.PositiveIntegerField("文件大小", default=0, editable=False)
    renditions = models.JSONField("缩略图", default=list, blank=True, editable=False)
    original_name = SingleLineTextField("原文件名", max_length=255, blank=True, editable=False)
    taken_at = models.DateTimeField(
        "拍摄时间", null=True, blank=True, help_text="上传时从照片的 EXIF 信息读取。"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传者",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = verbose_name_plural = "图片"

    def __str__(self):
        return self.caption or self.original_name or self.image.name

    @property
    def alt(self) -> str:
        return self.alt_text or self.caption

    # --- Renditions: read from ``renditions`` only (no storage or database access) -------
    # ``renditions`` is a list, narrowest first: {"w": 480, "h": 360, "webp": name, "jpeg": name}

    @staticmethod
    def _url(name: str) -> str:
        return default_storage.url(name)

    # A rendition beyond WebP's 16,383 px has no WebP file ("webp": ""): such a photo (a long
    # infographic) is served from its JPEG renditions only, so the browser still chooses
    # among every width instead of the few that have a WebP.

    @cached_property
    def _sized(self) -> list[dict]:
        return [r for r in self.renditions if r.get("w") and r.get("jpeg")]

    @cached_property
    def srcset_webp(self) -> str:
        if not all(r.get("webp") for r in self._sized):
            return ""
        return ", ".join(f"{self._url(r['webp'])} {r['w']}w" for r in self._sized)

    @cached_property
    def srcset_jpeg(self) -> str:
        return ", ".join(f"{self._url(r['jpeg'])} {r['w']}w" for r in self._sized)

    @cached_property
    def fallback(self) -> dict:
        """The JPEG rendition for ``<img src>``: the first at least 960 px wide, or the widest."""
        for rendition in self._sized:
            if rendition["w"] >= 960:
                return rendition
        if self._sized:
            return self._sized[-1]
        return {"w": self.width, "h": self.height, "jpeg": self.image.name, "webp": ""}

    @cached_property
    def src(self) -> str:
        return self._url(self.fallback["jpeg"]) if self.fallback["jpeg"] else ""

    @property
    def display_width(self) -> int:
        return self.fallback["w"]

    @property
    def display_height(self) -> int:
        return self.fallback["h"]

    @property
    def thumbnail_url(self) -> str:
        return self._url(self._sized[0]["jpeg"]) if self._sized else self.src

    @property
    def thumbnail_size(self) -> tuple[int, int]:
        """Width and height of the image at ``thumbnail_url``."""
        rendition = self._sized[0] if self._sized else self.fallback
        return rendition["w"], rendition["h"]

    @property
    def original_url(self) -> str:
        return self.image.url if self.image else ""

    @property
    def is_tall(self) -> bool:
        return bool(self.width) and self.height > 2 * self.width

    def file_names(self) -> list[str]:
        """Every stored file of this photo: the original and all renditions."""
        names = [self.image.name] if self.image else []
        for rendition in self.renditions:
            names += [rendition.get("webp"), rendition.get("jpeg")]
        return [n for n in names if n]
