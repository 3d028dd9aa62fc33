"""``SafeEditAdmin``: history, edit-conflict protection and an audit trail for an admin.

Mix it into a ModelAdmin (``class ArticleAdmin(SafeEditAdmin, admin.ModelAdmin)``) and the
model gets:

- a version (django-reversion) on every save from the admin, with who, when and a comment
  (the editor's own 修改说明 plus Django's list of changed fields);
- 历史 (history): every version, a readable comparison of any two, and restoring one;
- 恢复已删除 (recover deleted) for editors;
- edit-conflict protection: the change form carries the version the editor opened; if
  someone else saved in between, the save is refused, the editor sees who saved and when,
  and the form is shown again with the editor's own text so nothing is lost;
- audit entries (``audit``) for status changes (publish, withdraw, ...), deletes,
  recoveries and restores, with the request's user and address.

Object-level rights stay the admin's own (``get_queryset``/``has_*_permission``); the
history, comparison and restore views check them for the object in the URL.
"""

import difflib
from datetime import datetime, timedelta

from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from reversion import is_active, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from audit.models import AuditEntry
from audit.services import audit_record, audit_status_change

from .html import html_to_text

EDIT_TOKEN_FIELD = "_edit_token"
REVISION_COMMENT_FIELD = "_revision_comment"


class SafeEditAdmin(VersionAdmin):
    object_history_template = "admin/safe_edit/object_history.html"
    # Keep Django's own change-list template lookup (admin/<app>/<model>/change_list.html);
    # the 恢复已删除 link comes from templates/admin/change_list.html.
    change_list_template = None
    history_latest_first = True

    # --- Edit conflicts ----------------------------------------------------------------
    def get_edit_token(self, obj) -> str:
        """What identifies the version of ``obj`` an editor opened."""
        if obj is None or obj.pk is None:
            return ""
        updated_at = self._current_updated_at(obj)
        if updated_at is not None:
            return updated_at.isoformat()
        latest = Version.objects.get_for_object(obj).order_by("-pk").values_list("pk", flat=True)
        return f"v{latest.first() or 0}"

    def _current_updated_at(self, obj):
        try:
            self.model._meta.get_field("updated_at")
        except Exception:  # noqa: BLE001 - any model without the field uses versions
            return None
        rows = self.model._default_manager.filter(pk=obj.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            # While saving: lock the row until this request's transaction ends, so two
            # saves at the same instant are serialised and the second sees the first.
            rows = rows.select_for_update()
        return rows.values_list("updated_at", flat=True).first()

    def conflict_message(self, obj) -> str:
        latest = (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by("-pk")
            .first()
        )
        who, when = "其他同事", ""
        updated_at = self._current_updated_at(obj)
        saved_at = updated_at
        # The newest version names who saved, unless the last save came from outside the
        # admin (a script, an import), which keeps no version: then only the time is known.
        if latest is not None and (
            updated_at is None or latest.revision.date_created >= updated_at - timedelta(seconds=5)
        ):
            if latest.revision.user is not None:
                user = latest.revision.user
                who = user.get_full_name() or user.get_username()
            saved_at = latest.revision.date_created
        if saved_at is not None:
            when = timezone.localtime(saved_at).strftime(" %m月%d日 %H:%M")
        return (
            f"保存未成功:您打开《{obj}》之后,{who}已于{when} 保存了新的内容。"
            "为避免覆盖对方的修改,您这次的修改没有保存;下面保留的是您填写的内容,"
            "可复制备用,或在“历史”中查看对方保存的版本。"
            "确认要用您的内容替换对方的版本,请再次点击保存。"
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not (change and obj is not None and request.method == "POST"):
            return form
        posted = request.POST.get(EDIT_TOKEN_FIELD)
        if posted is None:
            return form  # not submitted from our change form (e.g. a script); no token to check
        if posted == self.get_edit_token(obj):
            return form
        message = self.conflict_message(obj)

        class EditConflictForm(form):
            def clean(self):
                super().clean()
                raise ValidationError(message, code="edit_conflict")

        EditConflictForm.__name__ = form.__name__
        return EditConflictForm

    # --- The change form ---------------------------------------------------------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        before = self._status_of(object_id) if request.method == "POST" and object_id else None
        extra_context = dict(extra_context or {})
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            extra_context["edit_token"] = self.get_edit_token(obj)
        extra_context["safe_edit"] = True
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if before is not None and response.status_code == 302:
            after = self._status_of(object_id)
            if after is not None and after != before:
                obj = self.model._default_manager.get(pk=unquote(object_id))
                audit_status_change(
                    request=request,
                    obj=obj,
                    old_status=before,
                    new_status=after,
                    field=self._state_field(),
                )
        return response

    #: The field whose changes are audited as publish/withdraw (``status`` or
    #: ``is_published`` when the model has one).
    audit_state_fields = ("status", "is_published")

    def _state_field(self) -> str | None:
        names = {f.name for f in self.model._meta.concrete_fields}
        return next((name for name in self.audit_state_fields if name in names), None)

    def _has_status(self) -> bool:
        return self._state_field() is not None

    def _status_of(self, object_id):
        field = self._state_field()
        if field is None:
            return None
        return (
            self.model._default_manager.filter(pk=unquote(str(object_id)))
            .values_list(field, flat=True)
            .first()
        )

    def _comment(self, request, message: str) -> str:
        note = (request.POST.get(REVISION_COMMENT_FIELD) or "").strip()[:200]
        return f"{note}({message})" if note and message else (note or message)

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

    # --- Bulk actions: audit the status changes they make ------------------------------
    def response_action(self, request, queryset):
        if not self._has_status():
            return super().response_action(request, queryset)
        if request.POST.get("select_across") == "1":
            selected = queryset
        else:
            selected = queryset.filter(pk__in=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
        field = self._state_field()
        before = dict(selected.values_list("pk", field))
        response = super().response_action(request, queryset)
        if before:
            for obj in self.model._default_manager.filter(pk__in=list(before)):
                audit_status_change(
                    request=request,
                    obj=obj,
                    old_status=before[obj.pk],
                    new_status=getattr(obj, field),
                    field=field,
                )
        return response

    # --- Deleting: editors only (the admin's own rule), always audited -----------------
    def delete_model(self, request, obj):
        audit_record(action=AuditEntry.Action.DELETE, request=request, obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(action=AuditEntry.Action.DELETE, request=request, obj=obj)
        super().delete_queryset(request, queryset)

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
            raise Http404("没有找到这条内容,或您无权查看。")
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
            a = _display_value(field, old.field_dict.get(field.attname))
            b = _display_value(field, new.field_dict.get(field.attname))
            if a != b:
                rows.append({"label": field.verbose_name, "diff": inline_diff(a, b)})
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"比较版本:{obj}",
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "old": old,
            "new": new,
            "rows": rows,
            "related_changes": _related_summary(old, new),
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[quote(obj.pk)],
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/safe_edit/compare.html", context)


def _display_value(field, value) -> str:
    if value is None:
        return ""
    if isinstance(field, models.TextField) or "RichText" in type(field).__name__:
        return html_to_text(str(value)) if "<" in str(value) else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return str(value)


def inline_diff(old: str, new: str):
    """Character-level diff (Chinese has no spaces), as HTML with <del> and <ins>."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", old[i1:i2]))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", old[i1:i2]))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", new[j1:j2]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


def _related_summary(old, new):
    """Followed rows (credits, gallery photos) that differ between the two revisions."""

    def rows(version):
        return {
            (v.content_type_id, v.object_id): v.object_repr
            for v in version.revision.version_set.all()
            if (v.content_type_id, v.object_id) != (version.content_type_id, version.object_id)
        }

    before, after = rows(old), rows(new)
    removed = [before[k] for k in before if k not in after]
    added = [after[k] for k in after if k not in before]
    changed = [after[k] for k in after if k in before and before[k] != after[k]]
    items = [("去掉", r) for r in removed] + [("增加", r) for r in added]
    items += [("修改", r) for r in changed]
    return format_html_join("", "<li>{}:{}</li>", items) if items else ""
