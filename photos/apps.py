from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_photo_roles(sender, **kwargs):
    from nanhai.roles import grant

    from .roles import ROLE_PERMISSIONS

    grant(ROLE_PERMISSIONS, "photos")


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "图片库"

    def ready(self):
        post_migrate.connect(sync_photo_roles, sender=self)
