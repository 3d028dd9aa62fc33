from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail: who did what, when, from where. It imports no other app of the
    project; the shared admin machinery (``core``) and the services write to it."""

    name = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from . import receivers  # noqa: F401  (login lockouts)
