from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全站搜索"

    def ready(self):
        from . import indexers, signals
        from .admin import use_index_for_article_admin

        indexers.register_all()
        signals.connect_all()
        use_index_for_article_admin()
