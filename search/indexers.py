"""The indexers of the content apps: how each kind of object becomes a search document."""

from nanhai.html import html_to_text

from .registry import Dependent, Doc, Indexer, register


def _join(*parts) -> str:
    return " ".join(p for p in parts if p)


# --- Articles --------------------------------------------------------------------------------


def _article_queryset():
    from articles.models import Article

    return Article.objects.prefetch_related("credits")


def _article_document(article) -> Doc:
    from articles.models import Article

    names = _join(*(credit.name for credit in article.credits.all()))
    return Doc(
        title=article.headline,
        subtitle=_join(article.kicker, article.subheadline),
        body=_join(article.summary, html_to_text(article.body), names),
        url=article.get_absolute_url(),
        published_at=article.published_at,
        is_public=article.status == Article.Status.PUBLISHED,
        section_id=article.section_id,
    )


def register_articles() -> None:
    from articles.models import Article, Credit

    register(
        Indexer(
            kind="article",
            model=Article,
            queryset=_article_queryset,
            document=_article_document,
            dependents=[Dependent(Credit, lambda credit: [credit.article_id])],
        )
    )


def register_all() -> None:
    register_articles()
