from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from articles.permissions import can_edit_article

from . import services
from .models import Attachment
from .permissions import can_attach, can_see_attachment, delete_refusal, sees_all_attachments


class NoUpload(forms.Widget):
    """The upload column of a row that already has its file: nothing to choose."""

    def render(self, name, value, attrs=None, renderer=None):
        return "—"

    def value_from_datadict(self, data, files, name):
        return None


class AttachmentForm(forms.ModelForm):
    """A new row uploads a file (checked from its bytes in ``clean``); an existing row
    shows its file and may be reordered or removed."""

    upload = forms.FileField(
        label="上传文件",
        required=False,
        error_messages={"empty": "文件是空的，请检查后重新上传。"},
    )

    class Meta:
        model = Attachment
        fields = ["order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["upload"].disabled = True
            self.fields["upload"].widget = NoUpload()

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload and not self.instance.pk:
            services.attachment_check(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("upload") and "upload" not in self.errors:
            if self.has_changed():
                self.add_error("upload", "请选择要上传的文件。")
        return cleaned


class AttachmentFormSet(BaseInlineFormSet):
    """Saves through the services: ``attachment_create`` and ``attachment_delete``."""

    request_user = None

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk:
                refusal = delete_refusal(self.request_user, form.instance)
                if refusal:
                    raise ValidationError(refusal, code="in_use")

    def save_new(self, form, commit=True):
        return services.attachment_create(
            article=self.instance,
            upload=form.cleaned_data["upload"],
            user=self.request_user,
            order=form.cleaned_data.get("order") or 0,
        )

    def delete_existing(self, obj, commit=True):
        if commit:
            services.attachment_delete(attachment=obj, user=self.request_user)


class AttachmentInline(admin.TabularInline):
    """附件 on the article form (registered through ``articles.admin_extensions``)."""

    model = Attachment
    form = AttachmentForm
    formset = AttachmentFormSet
    fields = ["file_link", "upload", "order"]
    readonly_fields = ["file_link"]
    extra = 1
    verbose_name = "附件"
    verbose_name_plural = "附件（PDF、Word、Excel、WPS、OFD，显示在正文之后）"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user  # a new class per call: safe to set
        limit = services.size_text(services.max_upload_bytes())
        formset.form.base_fields["upload"].help_text = (
            f"每个文件不超过 {limit}。不能上传启用宏的文档、程序、脚本、网页和压缩包。"
            "保存未成功时，需要重新选择文件。"
        )
        return formset

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and can_attach(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == obj.Status.PUBLISHED:
            return False  # nothing a published article shows is deleted
        return super().has_delete_permission(request, obj) and can_edit_article(request.user, obj)

    @admin.display(description="已上传的文件")
    def file_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>（{}，{}）',
            obj.get_absolute_url(),
            obj.original_name,
            obj.label,
            services.size_text(obj.size),
        )


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    """All attachments, to find a file; they are added and reordered on their article."""

    list_display = [
        "original_name",
        "article_link",
        "kind",
        "size_display",
        "uploaded_by",
        "uploaded_at",
    ]
    list_filter = ["kind", "uploaded_at"]
    search_fields = ["original_name", "article__headline"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["article", "uploaded_by"]
    list_per_page = 50
    fields = ["original_name", "article_link", "kind", "size_display", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("article")
        if sees_all_attachments(request.user):
            return queryset
        return queryset.filter(uploaded_by=request.user) | queryset.filter(
            article__author=request.user
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or can_see_attachment(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or not delete_refusal(request.user, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [r for r in (delete_refusal(request.user, obj) for obj in objs) if r]
        return deleted, model_count, perms_needed, [*protected, *refusals]

    def delete_model(self, request, obj):
        services.attachment_delete(attachment=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for attachment in queryset.select_related("article"):
            services.attachment_delete(attachment=attachment, user=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and not self.has_delete_permission(request, obj):
            raise PermissionDenied
        return super().delete_view(request, object_id, extra_context)

    @admin.display(description="文章", ordering="article__headline")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.headline)

    @admin.display(description="大小", ordering="size")
    def size_display(self, obj):
        return services.size_text(obj.size)
