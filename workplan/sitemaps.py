from django.contrib.sitemaps import Sitemap

from .models import WorkPlan


class WorkPlanSitemap(Sitemap):
    """Each published plan's page and its 一图读懂 overview."""

    changefreq = "weekly"
    # The readers' 网站地图 page (core.views.site_map).
    html_heading = "工作计划"
    html_index = "workplan:index"

    def items(self):
        plans = list(WorkPlan.objects.published().only("year", "title", "updated_at"))
        return [(plan, page) for plan in plans for page in ("plan", "overview")]

    def location(self, item):
        plan, page = item
        return plan.get_overview_url() if page == "overview" else plan.get_absolute_url()

    def html_title(self, item):
        plan, page = item
        return f"一图读懂 · {plan.title}" if page == "overview" else plan.title

    def lastmod(self, item):
        return item[0].updated_at
