from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from core.views import PreviewOr404Mixin

from . import panels
from .models import Article, Section, Series
from .permissions import can_preview_article


class ArticleListView(ListView):
    """全部新闻: every live article, newest first."""

    paginate_by = settings.ARTICLES_PER_PAGE
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class SectionDetailView(ArticleListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class SeriesDetailView(ArticleListView):
    template_name = "articles/series_detail.html"

    def get_queryset(self):
        self.series = get_object_or_404(Series, slug=self.kwargs["slug"])
        return super().get_queryset().filter(series=self.series)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            series=self.series, panels=panels.render_context(self.series, target="series"), **kwargs
        )


class ArticleDetailView(PreviewOr404Mixin, DetailView):
    """The article page. Unpublished articles are a 404, except as a preview for staff."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"
    not_found_message = "文章不存在"

    def get_queryset(self):
        return Article.objects.for_detail()

    def is_live(self, article) -> bool:
        return article.is_live

    def can_preview(self, user, article) -> bool:
        return can_preview_article(user, article)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["panels"] = panels.render_context(article)
        # The gallery and infographics with their photos: one query, none without any.
        context["gallery_items"] = (
            list(article.gallery_items.select_related("photo")) if article.has_gallery else []
        )
        if article.series_id:
            context["series_articles"] = list(
                Article.objects.published()
                .filter(series_id=article.series_id)
                .exclude(pk=article.pk)
                .only("pk", "headline", "published_at")[:5]
            )
        return context


LATEST_PER_SECTION = 6
PICTURE_NEWS = 4


@require_GET
def home(request):
    """Home: the headline report with its cover, 图片新闻 (the latest reports with a cover),
    the latest of each section, the series."""
    live = Article.objects.published()
    headline = live.for_lead().filter(is_headline=True).first() or live.for_lead().first()
    headline_pk = getattr(headline, "pk", None)
    pictures = list(Article.objects.with_cover().exclude(pk=headline_pk)[:PICTURE_NEWS])
    latest = live.for_headline_list().exclude(pk=headline_pk).latest_per_section(LATEST_PER_SECTION)
    sections: dict = {}
    for article in latest:
        sections.setdefault(article.section, []).append(article)
    series = Series.objects.filter(is_active=True)[:6]
    return render(
        request,
        "articles/home.html",
        {
            "headline": headline,
            "picture_news": pictures,
            "section_blocks": list(sections.items()),
            "series_list": series,
        },
    )
