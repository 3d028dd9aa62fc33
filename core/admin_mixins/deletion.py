"""Every delete from the admin (the delete page and the bulk action) goes into the audit
log, with who and from where, before the row is gone."""

from audit.models import AuditEntry
from audit.services import audit_record


class DeleteAuditMixin:
    def delete_model(self, request, obj):
        audit_record(action=AuditEntry.Action.DELETE, request=request, obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(action=AuditEntry.Action.DELETE, request=request, obj=obj)
        super().delete_queryset(request, queryset)
