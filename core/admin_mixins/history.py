"""Version history for an admin: every save keeps a version (django-reversion) with who,
when and a comment (the editor's own 修改说明 plus Django's list of changed fields); the
history page lists them, two versions can be compared field by field, and one restored;
editors recover deleted items. Restores and recoveries are written to the audit log.
"""

from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion import is_active, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from audit.models import AuditEntry
from audit.services import audit_record

from .diff import display_value, inline_diff, related_summary

REVISION_COMMENT_FIELD = "_revision_comment"


class VersionHistoryMixin(VersionAdmin):
    object_history_template = "admin/safe_edit/object_history.html"
    # Keep Django's own change-list template lookup (admin/<app>/<model>/change_list.html);
    # the 恢复已删除 link comes from templates/admin/change_list.html.
    change_list_template = None
    history_latest_first = True

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "revision_note": True}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _comment(self, request, message: str) -> str:
        note = (request.POST.get(REVISION_COMMENT_FIELD) or "").strip()[:200]
        return f"{note}（{message}）" if note and message else (note or message)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if is_active():
            set_comment(self._comment(request, entry.get_change_message()))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if is_active():
            set_comment(self._comment(request, entry.get_change_message() or "保存"))
        return entry

    # --- History, comparison, restore, recover -----------------------------------------
    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def _object_or_deny(self, request, object_id):
        """The object in the URL, if this user may see it (else 404/403)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("没有找到这条内容，或您无权查看。")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_deny(request, object_id)
        opts = self.model._meta
        versions = list(self._versions(obj).order_by("-pk"))
        context = {
            "versions": versions,
            "compare_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare",
                args=[quote(obj.pk)],
            ),
            "can_restore": self.has_change_permission(request, obj),
        }
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self._object_or_deny(request, object_id)
        # The version must belong to this very object (reversion itself only matches the id).
        get_object_or_404(
            Version,
            pk=version_id,
            object_id=str(obj.pk),
            content_type=ContentType.objects.get_for_model(self.model),
        )
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            version = Version.objects.select_related("revision").get(pk=version_id)
            when = timezone.localtime(version.revision.date_created)
            audit_record(
                action=AuditEntry.Action.REVERT,
                request=request,
                obj=self.model._default_manager.get(pk=obj.pk),
                detail=f"恢复到 {when:%Y-%m-%d %H:%M} 的版本",
            )
        return response

    def has_recover_permission(self, request) -> bool:
        """Recovering a deleted item is for those who may delete: editors."""
        return self.has_delete_permission(request) and self.has_add_permission(request)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        version = get_object_or_404(
            Version, pk=version_id, content_type=ContentType.objects.get_for_model(self.model)
        )
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            obj = self.model._default_manager.filter(pk=version.object_id).first()
            if obj is not None:
                audit_record(action=AuditEntry.Action.RECOVER, request=request, obj=obj)
        return response

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.has_recover_permission(request):
            opts = self.model._meta
            extra_context["recover_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_recoverlist"
            )
        if request.method in ("GET", "HEAD"):
            # Reading the list saves nothing: no revision and no transaction around it
            # (django-reversion opens one for the list's edits and actions, on POST).
            extra_context.setdefault("has_change_permission", self.has_change_permission(request))
            return super(VersionAdmin, self).changelist_view(request, extra_context)
        return super().changelist_view(request, extra_context)

    def compare_view(self, request, object_id):
        """Two versions side by side: what was taken out, what was put in, field by field."""
        obj = self._object_or_deny(request, object_id)
        versions = self._versions(obj)
        try:
            old = versions.get(pk=int(request.GET.get("a", "")))
            new = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            raise Http404("请选择同一条内容的两个版本进行比较。") from None
        if old.pk > new.pk:
            old, new = new, old
        rows = []
        for field in self.model._meta.concrete_fields:
            if field.name in {"id", "updated_at", "created_at"}:
                continue
            a = display_value(field, old.field_dict.get(field.attname))
            b = display_value(field, new.field_dict.get(field.attname))
            if a != b:
                rows.append({"label": field.verbose_name, "diff": inline_diff(a, b)})
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"比较版本：{obj}",
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "old": old,
            "new": new,
            "rows": rows,
            "related_changes": related_summary(old, new),
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[quote(obj.pk)],
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/safe_edit/compare.html", context)
