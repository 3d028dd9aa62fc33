"""What the photo library asks of articles (declared through ``photos.hooks``): where a
photo is shown by published articles, and which photos a reporter may place."""

from django.db.models import Q

from .models import Article, ArticlePhoto
from .permissions import can_publish_articles


def published_article_uses(photo) -> list[str]:
    """Covers, gallery photos, infographics and body images of published articles."""
    uses = []
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    for article in published.filter(cover=photo).only("headline"):
        uses.append(f"已发布文章《{article.headline}》的封面图")
    items = ArticlePhoto.objects.filter(photo=photo, article__in=published).select_related(
        "article"
    )
    for item in items:
        uses.append(f"已发布文章《{item.article.headline}》的{item.get_kind_display()}")
    for article in published.filter(body__contains=photo.key).only("headline"):
        uses.append(f"已发布文章《{article.headline}》的正文插图")
    return uses


def placed_on_own_articles(user) -> Q:
    """Photos already placed (by an editor) on the user's own articles: a reporter may keep
    them there, so saving a draft the desk returned does not fail."""
    if can_publish_articles(user):
        return Q()
    return Q(cover_of__author=user) | Q(article_uses__article__author=user)
