from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class NanhaiConfig(AppConfig):
    name = "nanhai"
    verbose_name = "站点"

    def ready(self):
        from .context_processors import clear_navigation_cache

        # Cache invalidation only: the navigation follows section edits at once.
        for signal in (post_save, post_delete):
            signal.connect(
                clear_navigation_cache, sender="articles.Section", dispatch_uid="nanhai-nav"
            )
