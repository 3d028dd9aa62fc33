from django import forms

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
            "required": "请选择要上传的照片(可一次选择多张)。",
            "empty": "选择的文件是空的。",
        },
        help_text=(
            f"可一次选择或拖入多张照片。支持 JPEG、PNG、WebP 和苹果手机的 HEIC 格式,"
            f"每张不超过 {max_upload_bytes() // (1024 * 1024)} MB。照片中的 GPS 位置等个人信息会被自动删除。"
        ),
    )
    caption = SingleLineFormField(
        label="图片说明",
        max_length=300,
        required=False,
        help_text="可留空,上传后在列表中逐张填写。",
    )
    credit = SingleLineFormField(
        label="图片来源",
        max_length=100,
        required=False,
        help_text="用于本次上传的全部照片,如:通讯员供图、珠江时报记者 穆纪武 摄",
    )
