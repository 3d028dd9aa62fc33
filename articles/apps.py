from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

from core import pagecache
from core.roles import sync_app_roles


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "新闻"

    def ready(self):
        from photos import hooks as photo_hooks

        from . import dashboard
        from .models import Article, next_scheduled_publication
        from .navigation import clear_navigation_cache
        from .photo_uses import placed_on_own_articles, published_article_uses
        from .proofing import register_sources

        post_migrate.connect(sync_app_roles, sender=self)
        # The admin's start page: 写稿, and the boxes per role (core.dashboard).
        dashboard.register()
        # What the photo library asks of articles (it does not import us).
        photo_hooks.register_usage(published_article_uses)
        photo_hooks.register_placeable(placed_on_own_articles)
        register_sources()  # published articles, for the site-wide proofreading check (巡查)
        # Cache invalidation only: the navigation follows section edits at once.
        for signal in (post_save, post_delete):
            signal.connect(
                clear_navigation_cache, sender="articles.Section", dispatch_uid="articles-nav"
            )
        # A scheduled article goes live by time alone: no cached page outlives that moment.
        pagecache.register_schedule(next_scheduled_publication, tables={Article._meta.db_table})
