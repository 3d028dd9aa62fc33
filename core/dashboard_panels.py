"""The start page's boxes that the shared app itself provides: the latest entries of the
audit log (who published, withdrew, returned, deleted what), for editors."""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from audit.models import AuditEntry

from .people import display_name
from .roles import is_editor

RECENT_CHANGES = 8


def _object_url(entry) -> str:
    """The item's admin page if it still exists in the admin, else the log entry."""
    if entry.object_type and entry.object_id and entry.action != AuditEntry.Action.DELETE:
        app_label, _, model = entry.object_type.partition(".")
        try:
            return reverse(f"admin:{app_label}_{model}_change", args=[entry.object_id])
        except NoReverseMatch:
            pass
    return reverse("admin:audit_auditentry_change", args=[entry.pk])


def recent_changes(request) -> dict | None:
    """One query: the newest audit entries with their users."""
    if not is_editor(request.user):
        return None
    entries = AuditEntry.objects.select_related("user").order_by("-created_at", "-pk")[
        :RECENT_CHANGES
    ]
    items = []
    for entry in entries:
        who = display_name(entry.user, default=entry.username or "系统")
        when = timezone.localtime(entry.created_at)
        items.append(
            {
                "title": entry.object_repr or entry.get_action_display(),
                "url": _object_url(entry),
                "meta": f"{who} {entry.get_action_display()} · {when:%m-%d %H:%M}",
            }
        )
    return {
        "items": items,
        "more_url": reverse("admin:audit_auditentry_changelist"),
        "more_label": "全部审计日志",
        "empty": "还没有记录。",
    }
