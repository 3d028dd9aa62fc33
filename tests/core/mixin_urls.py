"""A second admin site where each safe-edit mixin is used alone (tests/core/test_admin_mixins.py)."""

from django.contrib import admin
from django.urls import path

from articles.models import Article, Section, Series
from core.admin_mixins import DeleteAuditMixin, EditConflictMixin, VersionHistoryMixin
from nanhai.urls import urlpatterns as site_urlpatterns

site = admin.AdminSite(name="mixins")


@admin.register(Article, site=site)
class ConflictOnlyAdmin(EditConflictMixin, admin.ModelAdmin):
    fields = ["headline", "section"]


@admin.register(Section, site=site)
class HistoryOnlyAdmin(VersionHistoryMixin, admin.ModelAdmin):
    fields = ["name", "slug", "order"]


@admin.register(Series, site=site)
class DeleteAuditOnlyAdmin(DeleteAuditMixin, admin.ModelAdmin):
    fields = ["title", "slug"]


urlpatterns = [path("mixins/", site.urls), *site_urlpatterns]
