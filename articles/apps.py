from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

from core.roles import sync_app_roles


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "新闻"

    def ready(self):
        from photos import hooks as photo_hooks

        from . import dashboard
        from .navigation import clear_navigation_cache
        from .photo_uses import placed_on_own_articles, published_article_uses

        post_migrate.connect(sync_app_roles, sender=self)
        # The admin's start page: 写稿, and the boxes per role (core.dashboard).
        dashboard.register()
        # What the photo library asks of articles (it does not import us).
        photo_hooks.register_usage(published_article_uses)
        photo_hooks.register_placeable(placed_on_own_articles)
        # Cache invalidation only: the navigation follows section edits at once.
        for signal in (post_save, post_delete):
            signal.connect(
                clear_navigation_cache, sender="articles.Section", dispatch_uid="articles-nav"
            )
