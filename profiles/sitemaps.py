from django.contrib.sitemaps import Sitemap

from .models import Profile


class ProfileSitemap(Sitemap):
    """Published profiles; wire it into ``nanhai/urls.py``'s ``sitemaps`` as ``"people"``."""

    changefreq = "monthly"
    # The readers' 网站地图 page (core.views.site_map).
    html_heading = "人物档案"
    html_index = "profiles:list"

    def items(self):
        return Profile.objects.published().only("pk", "name", "updated_at").order_by("pk")

    def html_title(self, item):
        return item.name

    def lastmod(self, item):
        return item.updated_at
