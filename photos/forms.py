import datetime as dt

from django import forms
from django.utils import timezone

from core.fields import SingleLineFormField

from .pipeline import max_upload_bytes

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one field; each is checked later by the pipeline (by content)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # Each file is judged by the pipeline (empty, too big, not an image), one by one, so
        # one bad file does not stop the good ones.
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class PhotoUploadForm(forms.Form):
    images = MultipleImageField(
        label="照片",
        error_messages={
            "required": "请选择要上传的照片（可一次选择多张）。",
            "empty": "选择的文件是空的。",
        },
        help_text=(
            f"可一次选择或拖入多张照片。支持 JPEG、PNG、WebP 和苹果手机的 HEIC 格式，"
            f"每张不超过 {max_upload_bytes() // (1024 * 1024)} MB。"
            "大照片会先在手机上缩小再发送；拍摄时间保留，位置等个人信息会删除。"
        ),
    )
    caption = SingleLineFormField(
        label="图片说明",
        max_length=300,
        required=False,
        help_text="可留空，上传后在列表中逐张填写。",
    )
    credit = SingleLineFormField(
        label="图片来源",
        max_length=100,
        required=False,
        help_text="用于本次上传的全部照片，如：通讯员供图、珠江时报记者 穆纪武 摄",
    )

    # Sent by the upload page's script (photos/static/photos/upload.js), never typed in.
    taken_at = forms.CharField(required=False, widget=forms.HiddenInput)
    expected_size = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_taken_at(self) -> dt.datetime | None:
        """The date taken the browser read from the photo's EXIF (``YYYY-MM-DDTHH:MM:SS``,
        the camera's local time). Used only when the file itself carries none; a value that
        is malformed or implausible (before 1990, or in the future) is ignored, since the
        photo itself is fine."""
        raw = (self.cleaned_data.get("taken_at") or "").strip()
        try:
            naive = dt.datetime.strptime(raw[:19], "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            return None
        value = timezone.make_aware(naive, timezone.get_default_timezone())
        if value.year < 1990 or value > timezone.now() + dt.timedelta(days=1):
            return None
        return value
