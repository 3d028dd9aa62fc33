from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app shares: roles, the sanitizer, middleware, error pages, health checks,
    login, backups and the admin site's set-up. It imports no app above it."""

    default = True
    name = "core"
    verbose_name = "站点"

    def ready(self):
        from . import pagecache
        from .roles import sync_app_roles

        post_migrate.connect(sync_app_roles, sender=self)
        pagecache.connect_signals()


class SiteAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the site's own AdminSite (``core.admin_site``)."""

    default = False
    default_site = "core.admin_site.SiteAdmin"
