from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone


class TokenVectorField(SearchVectorField):
    """A tsvector written from a literal built in Python (``search.text.tsvector_literal``).

    On PostgreSQL the value is cast with ``::tsvector`` in INSERT and UPDATE (including
    ``bulk_create``); on other databases it is stored as plain text and never read.
    """

    def get_placeholder(self, value, compiler, connection):
        if connection.vendor == "postgresql":
            return "%s::tsvector"
        return "%s"


class SearchDocumentQuerySet(models.QuerySet):
    def live(self):
        """What the public may find: public now (scheduled documents wait for their time)."""
        return self.filter(is_public=True, published_at__lte=timezone.now())


class SearchDocument(models.Model):
    """One searchable thing (an article, a profile, a plan, a task), denormalized.

    Kept up to date on every save and delete of the indexed objects (see ``search.apps``);
    ``manage.py rebuild_search_index`` rebuilds it from scratch.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", "新闻"
        PROFILE = "profile", "人物"
        PLAN = "plan", "工作计划"
        TASK = "task", "工作任务"

    kind = models.CharField("类型", max_length=16, choices=Kind)
    object_id = models.BigIntegerField("对象编号")
    title = models.CharField("标题", max_length=300)
    subtitle = models.CharField(
        "副标题", max_length=500, blank=True, help_text="引题、副题或职务；与标题同样优先。"
    )
    body = models.TextField("正文（纯文本）", blank=True)
    url = models.CharField("网址", max_length=300, blank=True)
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="栏目",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    is_public = models.BooleanField("公开", default=False)
    title_tsv = TokenVectorField(null=True, editable=False)
    tsv = TokenVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = verbose_name_plural = "搜索索引"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_doc_kind_object"),
        ]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                name="search_doc_live_idx",
                condition=Q(is_public=True),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}:{self.title}"

    def get_absolute_url(self):
        return self.url
