from django.apps import AppConfig
from django.db.models.signals import post_migrate

from nanhai.roles import sync_app_roles


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from . import receivers  # noqa: F401  (login lockouts)

        post_migrate.connect(sync_app_roles, sender=self)
