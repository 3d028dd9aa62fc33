"""Login lockouts reported by django-axes go into the audit trail."""

from axes.signals import user_locked_out
from django.dispatch import receiver

from .models import AuditEntry
from .services import audit_record


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    audit_record(
        action=AuditEntry.Action.LOCKOUT,
        username=username or "",
        ip_address=ip_address,
        object_type="auth.user",
        object_repr=username or "",
        detail="连续登录失败，登录已被暂时锁定。",
    )
