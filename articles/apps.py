from django.apps import AppConfig
from django.db.models.signals import post_migrate

from nanhai.roles import sync_app_roles


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "新闻"

    def ready(self):
        post_migrate.connect(sync_app_roles, sender=self)
