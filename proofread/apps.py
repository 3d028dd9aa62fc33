from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.roles import sync_app_roles


class ProofreadConfig(AppConfig):
    """Proofreading (错敏词校对): word lists, mechanical checks, the site-wide check.

    It sits below ``articles`` and imports no content app: apps above it call the engine
    and register what the site-wide check reads (``proofread.sources``)."""

    name = "proofread"
    verbose_name = "校对"

    def ready(self):
        post_migrate.connect(sync_app_roles, sender=self)
