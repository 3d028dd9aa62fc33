from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

from core import pagecache
from core.roles import sync_app_roles


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "新闻"

    def ready(self):
        from .models import Article, next_scheduled_publication
        from .navigation import clear_navigation_cache

        post_migrate.connect(sync_app_roles, sender=self)
        # Cache invalidation only: the navigation follows section edits at once.
        for signal in (post_save, post_delete):
            signal.connect(
                clear_navigation_cache, sender="articles.Section", dispatch_uid="articles-nav"
            )
        # A scheduled article goes live by time alone: no cached page outlives that moment.
        pagecache.register_schedule(next_scheduled_publication, tables={Article._meta.db_table})
