from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.roles import sync_app_roles


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "图片库"

    def ready(self):
        post_migrate.connect(sync_app_roles, sender=self)
