from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate, post_save
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class CoreConfig(AppConfig):
    """What every app shares: roles, the sanitizer, middleware, error pages, health checks,
    login, backups and the admin site's set-up. It imports no app above it."""

    default = True
    name = "core"
    verbose_name = "站点"

    def ready(self):
        from django.core.signals import request_finished

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            dashboard,
            pagecache,
        )
        from .dashboard_panels import recent_changes
        from .files import delete_rolled_back_files
        from .roles import sync_app_roles
        from .site_info import clear_site_info_cache

        post_migrate.connect(sync_app_roles, sender=self)
        # Cache invalidation only: the footer follows an edit of the site information.
        post_save.connect(
            clear_site_info_cache, sender="core.SiteInfo", dispatch_uid="core-site-info"
        )
        # Uploads whose database transaction rolled back leave no file (core.files).
        request_finished.connect(delete_rolled_back_files, dispatch_uid="core-rolled-back-files")
        pagecache.connect_signals()
        dashboard.register_panel(
            dashboard.Panel(
                key="recent-changes", title="最近的操作", context=recent_changes, order=900
            )
        )


class SiteAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the site's own AdminSite (``core.admin_site``)."""

    default = False
    default_site = "core.admin_site.SiteAdmin"


class AxesConfig(AxesAppConfig):
    """django-axes under a Chinese name in the admin (its models are named through the
    project locale, locale/zh_Hans)."""

    verbose_name = "登录保护"


class TOTPConfig(TOTPAppConfig):
    """django-otp's authenticator devices under a Chinese name in the admin."""

    verbose_name = "两步验证"
