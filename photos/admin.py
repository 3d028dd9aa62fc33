from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin_filters import PersonListFilter
from core.admin_mixins import ListEditableLabelsMixin
from core.people import display_name

from . import services
from .forms import PhotoUploadForm
from .models import Photo
from .permissions import can_manage_photo, sees_whole_library
from .widgets import thumbnail


@admin.register(Photo)
class PhotoAdmin(ListEditableLabelsMixin, admin.ModelAdmin):
    list_display = ["thumbnail", "caption", "credit", "dimensions", "uploader", "uploaded_at"]
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
            return [*self.list_filter, ("uploaded_by", PersonListFilter)]
        return self.list_filter

    # --- Pickers (cover, gallery, infographic, portrait): by their pictures --------------
    def get_autocomplete_queryset(self, request):
        """A picker offers what the user may place, not only what they may edit."""
        return Photo.objects.placeable_by(request.user)

    def autocomplete_extra(self, obj) -> dict:
        return thumbnail(obj)

    def changelist_view(self, request, extra_context=None):
        # After an upload the list shows just the new photos, to caption them in one go.
        just_uploaded = request.GET.get("id__in", "")
        extra_context = dict(extra_context or {})
        if just_uploaded:
            count = len([pk for pk in just_uploaded.split(",") if pk.strip()])
            extra_context["caption_hint"] = (
                f"刚上传的 {count} 张照片：请逐张填写图片说明和来源，然后点页面下方的“保存”。"
            )
        return super().changelist_view(request, extra_context)

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
        if request.method == "POST" and request.headers.get("X-Requested-With") == "upload.js":
            return self._upload_one(request, form)
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
                retry = "没有上传的文件请改好后单独再传，已上传的不必重传。" if failures else ""
                self.message_user(
                    request,
                    f"已上传 {len(created)} 张照片：{names}。{retry}"
                    "请在下面为每张照片填写图片说明和来源，然后点“保存”。",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._caption_url(created))
        context = {
            **self.admin_site.each_context(request),
            "title": "上传照片",
            "opts": self.model._meta,
            "form": form,
            "failures": failures,
            "has_view_permission": self.has_view_permission(request),
            "changelist_url": reverse("admin:photos_photo_changelist"),
        }
        return TemplateResponse(request, "photos/admin/upload.html", context)

    def _caption_url(self, photos) -> str:
        """The list of just these photos, to caption them in one save."""
        ids = ",".join(str(p.pk) for p in photos)
        return reverse("admin:photos_photo_changelist") + f"?id__in={ids}"

    def _upload_one(self, request, form):
        """One file sent by the upload page's script (upload.js): a JSON answer, so the page
        shows each file's outcome and a dropped connection costs only that file."""
        if not form.is_valid():
            errors = [e for field in form.errors.values() for e in field]
            return JsonResponse({"ok": False, "error": " ".join(errors)}, status=400)
        uploads = form.cleaned_data["images"]
        if len(uploads) != 1:
            return JsonResponse({"ok": False, "error": "每次只能发送一张照片。"}, status=400)
        upload = uploads[0]
        expected = form.cleaned_data.get("expected_size")
        if expected is not None and upload.size != expected:
            # The connection dropped part-way: store nothing, the page offers to retry.
            return JsonResponse({"ok": False, "error": "照片没有传完整，请重试。"}, status=400)
        try:
            photo = services.photo_create(
                upload=upload,
                user=request.user,
                caption=form.cleaned_data["caption"],
                credit=form.cleaned_data["credit"],
                taken_at=form.cleaned_data["taken_at"],
            )
        except ValidationError as exc:
            return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
        return JsonResponse({"ok": True, "id": photo.pk, "thumb": photo.thumbnail_url})

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "id__in" or super().lookup_allowed(lookup, value, request)

    # --- Deleting: never a photo that a published article shows --------------------------
    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for photo in objs:
            uses = services.photo_usages(photo)
            if uses:
                protected = [*protected, f"图片“{photo}”：" + ";".join(uses)]
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
            '<img src="{}" alt="修改这张图片：{}" width="120" height="{}" class="photo-thumb">',
            obj.thumbnail_url,
            obj,
            round(120 * obj.display_height / max(obj.display_width, 1)),
        )

    @admin.display(description="尺寸")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description="上传者", ordering="uploaded_by__last_name")
    def uploader(self, obj):
        return display_name(obj.uploaded_by, default="—")

    @admin.display(description="预览")
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}"><img src="{}" alt="查看原图：{}" width="{}" height="{}" class="photo-preview"></a>',
            obj.original_url,
            obj.src,
            obj,
            min(obj.display_width, 360),
            round(min(obj.display_width, 360) * obj.display_height / max(obj.display_width, 1)),
        )

    @admin.display(description="文件信息")
    def details(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            "原文件 {}：{} × {} 像素，{} KB；上传者 {}，{}。<br>"
            "正文插图地址（在编辑器“插入图片 → 通过网址”中粘贴）：<code>{}</code>",
            obj.original_name or "—",
            obj.width,
            obj.height,
            obj.file_size // 1024,
            display_name(obj.uploaded_by, default="—"),
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
