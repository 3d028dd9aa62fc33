from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_audit_roles(sender, **kwargs):
    from nanhai.roles import grant

    from .roles import ROLE_PERMISSIONS

    grant(ROLE_PERMISSIONS, "audit")


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from . import receivers  # noqa: F401  (login lockouts)

        post_migrate.connect(sync_audit_roles, sender=self)
