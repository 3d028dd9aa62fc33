from django.contrib.sitemaps import Sitemap

from .models import WorkPlan


class WorkPlanSitemap(Sitemap):
    """Each published plan's page and its 一图读懂 overview."""

    changefreq = "weekly"

    def items(self):
        plans = list(WorkPlan.objects.published().only("year", "updated_at"))
        return [(plan, page) for plan in plans for page in ("plan", "overview")]

    def location(self, item):
        plan, page = item
        return plan.get_overview_url() if page == "overview" else plan.get_absolute_url()

    def lastmod(self, item):
        return item[0].updated_at
