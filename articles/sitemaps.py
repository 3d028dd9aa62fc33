from django.contrib.sitemaps import Sitemap

from .models import Article, Section, Series


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("pk", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"
    html_heading = "栏目"

    def items(self):
        return Section.objects.all()


class SeriesSitemap(Sitemap):
    changefreq = "weekly"
    html_heading = "系列报道"

    def items(self):
        return Series.objects.all()
