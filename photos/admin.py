from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from . import services
from .forms import PhotoUploadForm
from .models import Photo
from .permissions import can_manage_photo, sees_whole_library


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "caption", "credit", "dimensions", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail"]
    list_editable = ["caption", "credit"]
    list_filter = ["uploaded_at", "taken_at"]
    search_fields = ["caption", "credit", "alt_text", "original_name"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["uploaded_by"]
    list_per_page = 50
    fields = ["preview", "caption", "credit", "alt_text", "taken_at", "details", "usages"]
    readonly_fields = ["preview", "details", "usages"]

    # --- Who sees and changes what (enforced here, on the server) ----------------------
    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_list_filter(self, request):
        if sees_whole_library(request.user):
            return [*self.list_filter, "uploaded_by"]
        return self.list_filter

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and can_manage_photo(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_manage_photo(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_manage_photo(request.user, obj)

    # --- Upload: many files at once, each through the pipeline ---------------------------
    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="photos_photo_upload"), *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        """The add page is the multi-file upload page (one form per photo makes no sense)."""
        return HttpResponseRedirect(reverse("admin:photos_photo_upload"))

    def upload_view(self, request):
        """Each file is judged on its own: the good ones are stored and listed, each bad one
        is named with its reason, and a retry of the bad ones never duplicates the good."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PhotoUploadForm(request.POST or None, request.FILES or None)
        failures = []
        if request.method == "POST" and form.is_valid():
            created = []
            for upload in form.cleaned_data["images"]:
                try:
                    created.append(
                        services.photo_create(
                            upload=upload,
                            user=request.user,
                            caption=form.cleaned_data["caption"],
                            credit=form.cleaned_data["credit"],
                        )
                    )
                except ValidationError as exc:  # the service raises nothing else
                    failures.append(" ".join(exc.messages))
            if created:
                for failure in failures:
                    self.message_user(request, failure, messages.ERROR)
                names = "、".join(p.original_name or str(p) for p in created)
                retry = "没有上传的文件请改好后单独再传,已上传的不必重传。" if failures else ""
                self.message_user(
                    request,
                    f"已上传 {len(created)} 张照片:{names}。{retry}"
                    "请在下面为每张照片填写图片说明和来源,然后点“保存”。",
                    messages.SUCCESS,
                )
                ids = ",".join(str(p.pk) for p in created)
                return HttpResponseRedirect(
                    reverse("admin:photos_photo_changelist") + f"?id__in={ids}"
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "上传照片",
            "opts": self.model._meta,
            "form": form,
            "failures": failures,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "photos/admin/upload.html", context)

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "id__in" or super().lookup_allowed(lookup, value, request)

    # --- Deleting: never a photo that a published article shows --------------------------
    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for photo in objs:
            uses = services.photo_usages(photo)
            if uses:
                protected = [*protected, f"图片“{photo}”:" + ";".join(uses)]
        return deleted, model_count, perms_needed, protected

    def delete_model(self, request, obj):
        services.photo_delete(photo=obj)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            services.photo_delete(photo=photo)

    # --- Columns -------------------------------------------------------------------------
    @admin.display(description="图片")
    def thumbnail(self, obj):
        if not obj.renditions:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120" height="{}" class="photo-thumb">',
            obj.thumbnail_url,
            round(120 * obj.display_height / max(obj.display_width, 1)),
        )

    @admin.display(description="尺寸")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description="预览")
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}"><img src="{}" alt="" width="{}" height="{}" class="photo-preview"></a>',
            obj.original_url,
            obj.src,
            min(obj.display_width, 360),
            round(min(obj.display_width, 360) * obj.display_height / max(obj.display_width, 1)),
        )

    @admin.display(description="文件信息")
    def details(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            "原文件 {}:{} × {} 像素,{} KB;上传者 {},{}。<br>"
            "正文插图地址(在编辑器“插入图片 → 通过网址”中粘贴):<code>{}</code>",
            obj.original_name or "—",
            obj.width,
            obj.height,
            obj.file_size // 1024,
            obj.uploaded_by or "—",
            timezone.localtime(obj.uploaded_at).strftime("%Y-%m-%d %H:%M"),
            obj.src,
        )

    @admin.display(description="使用情况")
    def usages(self, obj):
        if not obj.pk:
            return "—"
        uses = services.photo_usages(obj)
        return ";".join(uses) if uses else "尚未在已发布的文章中使用。"

    class Media:
        css = {"all": ["photos/admin.css"]}
