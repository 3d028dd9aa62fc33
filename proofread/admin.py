"""The word lists (editors edit, reporters read), their spreadsheet export and import, and
the site-wide check (全站巡查) with its progress page."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from core.roles import is_editor

from . import services, spreadsheet
from .models import Entry, Sweep
from .sources import get_source

# Seconds of checking per refresh of the progress page (it refreshes itself every second).
SWEEP_SECONDS_PER_PAGE = 2.0


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = [
        "wrong",
        "right",
        "kind",
        "severity",
        "is_active",
        "note",
        "updated_by",
        "updated_at",
    ]
    list_display_links = ["wrong"]
    list_filter = ["kind", "severity", "is_active"]
    search_fields = ["wrong", "right", "note", "exceptions"]
    list_select_related = ["updated_by"]
    list_per_page = 100
    fields = ["wrong", "right", "kind", "severity", "note", "exceptions", "is_active"]
    readonly_fields = []
    change_list_template = "admin/proofread/entry/change_list.html"
    actions = ["activate_selected", "deactivate_selected"]

    # Only editors change the lists (the admin's permission plus the role, on the server).
    def has_add_permission(self, request):
        return is_editor(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_editor(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_editor(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.entry_save(entry=obj, user=request.user)

    def delete_model(self, request, obj):
        services.entry_delete_many(entries=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        services.entry_delete_many(entries=list(queryset), user=request.user)

    @admin.action(description="启用所选词条", permissions=["change"])
    def activate_selected(self, request, queryset):
        self._set_active(request, queryset, True)

    @admin.action(description="停用所选词条", permissions=["change"])
    def deactivate_selected(self, request, queryset):
        self._set_active(request, queryset, False)

    def _set_active(self, request, queryset, active):
        count = 0
        for entry in queryset:
            if entry.is_active != active:
                entry.is_active = active
                services.entry_save(entry=entry, user=request.user)
                count += 1
        self.message_user(
            request, f"已{'启用' if active else '停用'} {count} 个词条。", messages.SUCCESS
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="proofread_entry_export"),
            path("import/", wrap(self.import_view), name="proofread_entry_import"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_change_permission(request)}
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        entries = Entry.objects.order_by("kind", "wrong")
        stamp = timezone.localtime().strftime("%Y%m%d")
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                spreadsheet.export_csv(entries), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="proofread-{stamp}.csv"'
        else:
            response = HttpResponse(
                spreadsheet.export_xlsx(entries),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="proofread-{stamp}.xlsx"'
        return response

    def import_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        errors = []
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                errors = ["请选择要导入的表格文件。"]
            elif upload.size > spreadsheet.MAX_BYTES:
                errors = ["文件超过 5 MB，请分成几个文件导入。"]
            else:
                try:
                    rows = spreadsheet.read(upload.read(), upload.name or "")
                    counts = services.entries_import(rows=rows, user=request.user)
                except ValidationError as exc:
                    errors = exc.messages
                else:
                    self.message_user(
                        request,
                        f"导入完成：新增 {counts['created']} 条，更新 {counts['updated']} 条，"
                        f"未变 {counts['unchanged']} 条。",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:proofread_entry_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "导入校对词库",
            "subtitle": None,
            "opts": self.model._meta,
            "errors": errors,
            "headers": spreadsheet.HEADERS,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/proofread/entry/import.html", context, status=400 if errors else 200
        )


@admin.register(Sweep)
class SweepAdmin(admin.ModelAdmin):
    """全站巡查: start, watch the progress, stop, resume; the findings on each sweep's page."""

    list_display = [
        "started_at",
        "status",
        "progress",
        "found",
        "list_version",
        "started_by",
        "finished_at",
    ]
    list_filter = ["status"]
    list_select_related = ["started_by"]
    change_list_template = "admin/proofread/sweep/change_list.html"

    def has_module_permission(self, request):
        return is_editor(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_editor(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False  # started with the button (a service), not a form

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="进度")
    def progress(self, obj):
        return f"{obj.checked:,} / {obj.total:,}({obj.percent}%)"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("start/", wrap(self.start_view), name="proofread_sweep_start"),
            path("<int:pk>/run/", wrap(self.run_view), name="proofread_sweep_run"),
            *super().get_urls(),
        ]

    def _editor_or_403(self, request):
        if not (is_editor(request.user) and request.user.has_perm("proofread.change_sweep")):
            raise PermissionDenied

    def start_view(self, request):
        self._editor_or_403(request)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:proofread_sweep_changelist"))
        sweep = services.sweep_start(user=request.user)
        return HttpResponseRedirect(reverse("admin:proofread_sweep_run", args=[sweep.pk]))

    def run_view(self, request, pk):
        """The sweep's page: while it runs, each load checks a few batches (about two
        seconds) and the page refreshes itself; no background worker is needed, and
        leaving the page simply pauses the work. Stop and resume are buttons."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        sweep = get_object_or_404(Sweep, pk=pk)
        if request.method == "POST":
            self._editor_or_403(request)
            if "_stop" in request.POST:
                services.sweep_stop(sweep=sweep, user=request.user)
                self.message_user(request, "巡查已暂停，可随时继续。", messages.INFO)
            elif "_resume" in request.POST:
                try:
                    services.sweep_resume(sweep=sweep, user=request.user)
                except ValidationError as exc:
                    self.message_user(request, ";".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        if sweep.status == Sweep.Status.RUNNING and request.user.has_perm("proofread.change_sweep"):
            sweep = services.sweep_run(sweep=sweep, max_seconds=SWEEP_SECONDS_PER_PAGE)
        findings = list(sweep.findings.all()[:500])
        for finding in findings:
            source = get_source(finding.source)
            finding.source_label = source.label if source else finding.source
        context = {
            **self.admin_site.each_context(request),
            "title": str(sweep),
            "subtitle": None,
            "opts": self.model._meta,
            "sweep": sweep,
            "findings": findings,
            "more": max(0, sweep.findings.count() - len(findings)) if len(findings) == 500 else 0,
            "can_run": request.user.has_perm("proofread.change_sweep"),
            "refresh": sweep.status == Sweep.Status.RUNNING,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/proofread/sweep/run.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:proofread_sweep_run", args=[object_id]))
