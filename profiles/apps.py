from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.roles import sync_app_roles


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "人物档案"

    def ready(self):
        post_migrate.connect(sync_app_roles, sender=self)

        from articles import panels
        from photos import hooks as photo_hooks

        from .panels import PROFILE_BOX, SERIES_PEOPLE
        from .photo_uses import published_portrait_uses

        photo_hooks.register_usage(published_portrait_uses)
        panels.register(PROFILE_BOX)
        panels.register(SERIES_PEOPLE)
