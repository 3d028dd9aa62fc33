from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.roles import sync_app_roles


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "图片库"

    def ready(self):
        from core.fields import register_rich_text_enricher

        from .body import enrich_body

        post_migrate.connect(sync_app_roles, sender=self)
        # Library images in any rich text become responsive <picture>s with caption and
        # credit, wherever the text is saved (admin, services, imports, shell).
        register_rich_text_enricher(enrich_body)
