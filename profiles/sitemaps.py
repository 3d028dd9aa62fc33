from django.contrib.sitemaps import Sitemap

from .models import Profile


class ProfileSitemap(Sitemap):
    """Published profiles; wire it into ``nanhai/urls.py``'s ``sitemaps`` as ``"people"``."""

    changefreq = "monthly"

    def items(self):
        return Profile.objects.published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
