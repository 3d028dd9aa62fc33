"""The site's own admins: the site information (one record), the audit log (read-only),
and the admins whose changes it records: users and groups (permission changes) and
django-axes' lockouts (unlocking)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record

from .admin_mixins import SafeEditAdmin
from .models import SiteInfo
from .people import display_name
from .roles import is_editor
from .versions import register_versioned

Action = AuditEntry.Action

register_versioned(SiteInfo)


@admin.register(SiteInfo)
class SiteInfoAdmin(SafeEditAdmin, admin.ModelAdmin):
    """One record: the list page opens it directly; it can't be added twice or deleted.
    Editors (and superusers) change it; every save keeps a version (历史)."""

    fieldsets = [
        (None, {"fields": ["site_name", "host_org", "operator_org", "copyright"]}),
        ("联系方式", {"fields": ["address", "postcode", "phone", "email"]}),
        (
            "备案信息",
            {
                "fields": ["icp_number", "police_number", "site_code"],
                "description": "显示在每个页面的页脚。ICP备案号链接到工业和信息化部的备案网站，"
                "公安机关备案号带备案图标，链接到公安部的备案查询。",
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        info, _ = SiteInfo.objects.get_or_create(
            pk=SiteInfo.SINGLETON_PK, defaults=SiteInfo.defaults()
        )
        return HttpResponseRedirect(reverse("admin:core_siteinfo_change", args=[info.pk]))

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if "_continue" in request.POST or "_saveasnew" in request.POST:
            return response
        # Back to the form (the list is this one record), with Django's success message.
        return HttpResponseRedirect(request.path)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "who", "object_repr", "object_type", "ip_address"]
    list_select_related = ["user"]
    list_filter = ["action", "object_type", "created_at"]
    search_fields = ["username", "object_repr", "object_id", "ip_address", "detail"]
    date_hierarchy = "created_at"
    list_per_page = 100
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    fields = readonly_fields

    @admin.display(description="操作人", ordering="username")
    def who(self, obj):
        """The person's name (姓名); the user name kept in the entry if the account is gone."""
        return display_name(obj.user, default=obj.username or "—")

    def has_module_permission(self, request):
        return is_editor(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_editor(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _user_access(user) -> dict:
    return {
        "有效": user.is_active,
        "职员": user.is_staff,
        "超级用户": user.is_superuser,
        "角色": sorted(user.groups.values_list("name", flat=True)),
        "权限": sorted(user.user_permissions.values_list("codename", flat=True)),
    }


def _describe_changes(before: dict, after: dict) -> str:
    lines = []
    for key, new in after.items():
        old = before.get(key)
        if old != new:
            if isinstance(new, list):
                added = [x for x in new if x not in (old or [])]
                removed = [x for x in (old or []) if x not in new]
                parts = []
                if added:
                    parts.append("增加 " + "、".join(added))
                if removed:
                    parts.append("去掉 " + "、".join(removed))
                lines.append(f"{key}:{';'.join(parts)}")
            else:
                lines.append(f"{key}:{old} → {new}")
    return "\n".join(lines)


admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    """Django's user admin; changes of roles, permissions or staff status are logged."""

    def save_model(self, request, obj, form, change):
        request._audit_access_before = (
            _user_access(User.objects.get(pk=obj.pk)) if change and obj.pk else {}
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_audit_access_before", {})
        detail = _describe_changes(before, _user_access(form.instance))
        if detail:
            audit_record(
                action=Action.PERMISSIONS, request=request, obj=form.instance, detail=detail
            )

    def delete_model(self, request, obj):
        audit_record(action=Action.DELETE, request=request, obj=obj, detail="删除用户")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(action=Action.DELETE, request=request, obj=obj, detail="删除用户")
        super().delete_queryset(request, queryset)


admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(GroupAdmin):
    """Django's group (role) admin; changes of a role's permissions are logged."""

    def save_model(self, request, obj, form, change):
        request._audit_perms_before = (
            sorted(Group.objects.get(pk=obj.pk).permissions.values_list("codename", flat=True))
            if change and obj.pk
            else []
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        after = sorted(form.instance.permissions.values_list("codename", flat=True))
        detail = _describe_changes(
            {"权限": getattr(request, "_audit_perms_before", [])}, {"权限": after}
        )
        if detail:
            audit_record(
                action=Action.PERMISSIONS, request=request, obj=form.instance, detail=detail
            )

    def delete_model(self, request, obj):
        audit_record(action=Action.DELETE, request=request, obj=obj, detail="删除角色")
        super().delete_model(request, obj)


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AuditedAccessAttemptAdmin(AccessAttemptAdmin):
    """django-axes' failed-login records; deleting one unlocks that login (logged)."""

    def delete_model(self, request, obj):
        self._log_unlock(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._log_unlock(request, obj)
        super().delete_queryset(request, queryset)

    def _log_unlock(self, request, obj):
        audit_record(
            action=Action.UNLOCK,
            request=request,
            object_type="axes.accessattempt",
            object_id=str(obj.pk),
            object_repr=obj.username or obj.ip_address or "",
            detail=f"解除锁定：用户名 {obj.username or '-'}，地址 {obj.ip_address or '-'}",
        )
