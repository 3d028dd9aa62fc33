from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles import views as article_views
from articles.sitemaps import ArticleSitemap, SectionSitemap, SeriesSitemap
from core import health, views
from photos import views as photo_views
from profiles.sitemaps import ProfileSitemap
from workplan.sitemaps import WorkPlanSitemap

# The XML sitemap for search engines; the ones with an ``html_heading`` also make up the
# readers' 网站地图 page (core.views.site_map), in this order.
sitemaps = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "series": SeriesSitemap,
    "plans": WorkPlanSitemap,
    "people": ProfileSitemap,
}

urlpatterns = [
    path("", article_views.home, name="home"),
    path("display/", views.display_mode, name="display-mode"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("sitemap.xml", sitemap_index, {"sitemaps": sitemaps}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("sitemap/", views.site_map, {"sitemaps": sitemaps}, name="site-map"),
    path("admin/", admin.site.urls),
    # django-ckeditor-5's own upload view is replaced by the photo pipeline, on its URL too
    # (with or without the slash: APPEND_SLASH cannot redirect a POST).
    re_path(r"^ckeditor5/image_upload/?$", photo_views.ckeditor_upload),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
    path("photos/", include("photos.urls")),
    path("attachments/", include("attachments.urls")),
    path("people/", include("profiles.urls")),
    path("plans/", include("workplan.urls")),
    path("search/", include("search.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG and settings.MEDIA_URL.startswith("/"):
    # runserver only: images with their own Content-Type and nosniff, nothing else.
    # Production media is served by the reverse proxy (README, "Photos and media").
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.+)$", photo_views.serve_media)]

# Friendly error pages; a database outage shows the 503 page (core/errors.py).
handler500 = "core.errors.server_error"
