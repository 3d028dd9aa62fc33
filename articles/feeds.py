from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from core.feeds import XMLSafeRssFeed
from core.site_info import site_info

from .models import Article, Section
from .templatetags.articles_tags import credit_lines

FEED_SIZE = 30
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class BylineRssFeed(XMLSafeRssFeed):
    """RSS 2.0 with each item's byline as ``dc:creator`` (the namespace declared once, on
    ``<rss>``): RSS's own ``<author>`` must be an e-mail address. Control characters in
    old rows never make the feed a 500 (``XMLSafeRssFeed``)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        if item["author_name"]:
            handler.addQuickElement("dc:creator", item["author_name"])


class LatestArticlesFeed(Feed):
    feed_type = BylineRssFeed

    def title(self):
        return f"{site_info().site_name} · 最新新闻"

    def description(self):
        return f"{site_info().site_name}新闻、通知公告与专题报道"

    def link(self):
        return reverse("articles:list")

    @staticmethod
    def live():
        # The body is loaded: an item without a summary describes itself by its opening
        # text (Article.description), which would otherwise cost one query per item.
        return Article.objects.published().select_related("section").prefetch_related("credits")

    def items(self):
        return self.live()[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.description

    def item_author_name(self, item):
        """The byline as printed on the page: 文/珠江时报记者 黄梦灵；图/…"""
        return "；".join(credit_lines(item.credits.all())) or None

    # Dates in Beijing time (+0800), as readers and the page show them.
    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{site_info().site_name} · {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or f"{obj.name}栏目最新文章"

    def items(self, obj):
        return self.live().filter(section=obj)[:FEED_SIZE]
