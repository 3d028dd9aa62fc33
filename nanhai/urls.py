from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import ArticleSitemap, SectionSitemap, SeriesSitemap

from . import views

admin.site.site_header = "南海区总工会 · 内容管理"
admin.site.site_title = "南海工会 CMS"
admin.site.index_title = "内容管理"

sitemaps = {"articles": ArticleSitemap, "sections": SectionSitemap, "series": SeriesSitemap}

urlpatterns = [
    path("", views.home, name="home"),
    path("display/", views.display_mode, name="display-mode"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_index, {"sitemaps": sitemaps}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.NANHAI_BENCH:
    from bench.views import ceiling

    urlpatterns += [path("bench/ceiling/", ceiling, name="bench-ceiling")]
