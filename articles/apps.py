from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_article_roles(sender, **kwargs):
    from nanhai.roles import grant

    from .roles import ROLE_PERMISSIONS

    grant(ROLE_PERMISSIONS, "articles")


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "新闻"

    def ready(self):
        post_migrate.connect(sync_article_roles, sender=self)
