"""The 附件 list on the article page, after the body (an ``articles.panels`` panel)."""

from articles.panels import ArticlePanel

from .models import Attachment


def article_attachments(article) -> dict | None:
    """The article's attachments, in order: one query, and only for an article that has
    some (the probe below rides on the article's own query)."""
    attachments = list(
        Attachment.objects.filter(article=article).only(
            "pk", "article_id", "original_name", "kind", "size", "order"
        )
    )
    return {"attachments": attachments} if attachments else None


def article_has_attachments_sql(outer_id: str) -> str:
    """The probe: does the outer article (its quoted id column) have attachments?"""
    table = Attachment._meta.db_table
    return f'EXISTS (SELECT 1 FROM "{table}" x WHERE x.article_id = {outer_id})'


ATTACHMENTS_PANEL = ArticlePanel(
    name="attachments",
    template="attachments/_article_panel.html",
    context=article_attachments,
    placement="after_body",
    probe=article_has_attachments_sql,
)
