from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.feeds import XMLSafeRssFeed

from .models import Article, Section

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = XMLSafeRssFeed  # control characters in old rows never make the feed a 500
    title = f"{settings.SITE_NAME} · 最新新闻"
    description = "南海区总工会新闻、通知公告与专题报道"

    def link(self):
        return reverse("articles:list")

    def items(self):
        # The body is loaded: an item without a summary describes itself by its opening
        # text (Article.description), which would otherwise cost one query per item.
        return Article.objects.published().select_related("section")[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME} · {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or f"{obj.name}栏目最新文章"

    def items(self, obj):
        return Article.objects.published().select_related("section").filter(section=obj)[:FEED_SIZE]
