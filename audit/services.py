"""Writing the audit trail.

Callers pass the acting ``user`` (services) or the ``request`` (admin views); the address
is the request's, or that of the request in progress (``audit.context``).
"""

from django.db import models

from .context import current_request
from .ip import client_ip
from .models import AuditEntry

Action = AuditEntry.Action

# Status changes of workflow items (articles, plans) and the audit action each one is.
STATUS_ACTIONS = {
    "published": Action.PUBLISH,
    "withdrawn": Action.WITHDRAW,
    "submitted": Action.SUBMIT,
    "draft": Action.RETURN,
}


def audit_record(
    *,
    action: str,
    request=None,
    user=None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    detail: str = "",
    username: str = "",
    ip_address: str | None = None,
) -> AuditEntry:
    if request is None:
        request = current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id or str(obj.pk or "")
        object_repr = object_repr or str(obj)
    return AuditEntry.objects.create(
        action=action,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        ip_address=ip_address or client_ip(request),
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        detail=detail,
    )


def audit_transition(
    *, obj, user, old_status, new_status, field: str = "status", note: str = ""
) -> AuditEntry | None:
    """Record a workflow transition of ``obj`` made by ``user``: a ``status`` change
    (publish, withdraw, submit, return) or an ``is_published`` flag switched on (publish)
    or off (withdraw). Called by the services that make the change."""
    if old_status == new_status:
        return None
    if isinstance(new_status, bool):
        action = Action.PUBLISH if new_status else Action.WITHDRAW
        labels = {True: "已发布", False: "未发布"}
    else:
        action = STATUS_ACTIONS.get(new_status, Action.STATUS)
        labels = dict(obj._meta.get_field(field).flatchoices)
    detail = f"{labels.get(old_status, old_status)} → {labels.get(new_status, new_status)}"
    if note:
        detail += f"\n{note}"
    return audit_record(action=action, user=user, obj=obj, detail=detail)
