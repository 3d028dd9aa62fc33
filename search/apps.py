from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全站搜索"

    def ready(self):
        from articles import admin_extensions

        from . import indexers, signals
        from .admin import search_articles

        indexers.register_all()
        signals.connect_all()
        admin_extensions.register_search(search_articles)
