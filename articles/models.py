from functools import lru_cache

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import F, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone

from core.fields import MultiLineTextField, SanitizedRichTextField, SingleLineTextField

HEADLINE_MAX_LENGTH = 80
# Automatic descriptions (meta description, og:description, feeds): at most this long.
DESCRIPTION_LENGTH = 120


@lru_cache(maxsize=16384)
def _reverse_cached(urlconf, prefix, viewname, key, value):
    return reverse(viewname, kwargs={key: value})


def cached_reverse(viewname: str, key: str, value) -> str:
    """``reverse()`` memoized per URLconf and script prefix.

    A listing page links every article and section (50+ reverses on the home page, about
    15 % of its time); the URLconf does not change while the process runs.
    """
    return _reverse_cached(get_urlconf(), get_script_prefix(), viewname, key, value)


slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "只能使用小写英文字母、数字和连字符(-)，如 gonghui-yaowen。"
)


class SectionQuerySet(models.QuerySet):
    def navigation(self):
        return self.filter(in_navigation=True).only("name", "slug", "order")


class Section(models.Model):
    name = SingleLineTextField("栏目名称", max_length=20, unique=True)
    slug = models.SlugField(
        "网址标识",
        max_length=40,
        unique=True,
        validators=[slug_validator],
        help_text="英文网址标识",
    )
    order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")
    description = SingleLineTextField("栏目简介", max_length=200, blank=True)
    in_navigation = models.BooleanField("显示在导航栏", default=True)
    show_thumbnails = models.BooleanField(
        "列表显示缩略图",
        default=False,
        help_text="勾选后，本栏目有封面图的文章在栏目页、全部新闻等列表中显示封面缩略图；"
        "没有封面图的文章仍只显示标题。适合人物风采、基层动态等图片多的栏目。",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "栏目"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("articles:section", "slug", self.slug)


class Series(models.Model):
    title = SingleLineTextField("专题名称", max_length=100)
    slug = models.SlugField(
        "网址标识",
        max_length=60,
        unique=True,
        validators=[slug_validator],
        help_text="英文网址标识",
    )
    intro = MultiLineTextField("专题简介", blank=True)
    is_active = models.BooleanField("在首页展示", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = "系列报道"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("articles:series", "slug", self.slug)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Live to the public: published, and the publish time has come (scheduling)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """Cards of the lists: section and cover joined (the cover is the thumbnail where
        the section shows thumbnails), no body."""
        return self.select_related("section", "cover").defer("body")

    def for_headline_list(self):
        """Linked headlines with their date and section (the home page's blocks), no more:
        fewer columns and joins make the home page's queries markedly cheaper."""
        return self.select_related("section").only(
            "pk", "headline", "published_at", "section__name", "section__slug", "section__order"
        )

    def for_lead(self):
        """The home page's lead story: the texts shown with it (body for the description)
        and its cover."""
        return self.select_related("cover").only(
            "pk", "kicker", "headline", "subheadline", "summary", "body", "published_at", "cover"
        )

    def with_cover(self):
        """图片新闻: live articles that have a cover, newest first, with the cover joined and
        no more columns than a picture and its headline need. A partial index
        (``article_cover_pub_idx``) lets PostgreSQL read just the newest few at any size."""
        return (
            self.published()
            .filter(cover__isnull=False)
            .select_related("cover")
            .only("pk", "headline", "published_at", "cover")
            .order_by("-published_at", "-pk")
        )

    def for_detail(self):
        """The article page: the article with its section, series, cover, credits and
        neighbours, and whether it has a gallery or anything for the other apps' panels
        (``has_gallery`` and the panel probes: the page skips the queries it doesn't need)."""
        from . import panels

        outer = f'"{Article._meta.db_table}"."id"'
        gallery = ArticlePhoto._meta.db_table
        probes = {
            "has_gallery": f'EXISTS (SELECT 1 FROM "{gallery}" g WHERE g.article_id = {outer})',
            **panels.article_probes(outer),
        }
        return (
            self.select_related("section", "series", "cover")
            .prefetch_related("credits")
            .with_neighbours()
            # 责任编辑: the name of the editor who published it (two columns, no extra query).
            .annotate(
                editor_family_name=F("published_by__last_name"),
                editor_given_name=F("published_by__first_name"),
            )
            .annotate(
                **{
                    name: RawSQL(sql, [], output_field=models.BooleanField())
                    for name, sql in probes.items()
                }
            )
        )

    def with_neighbours(self):
        """Annotate the previous and next live article of the same section (no extra query).

        Raw correlated subqueries: compiling the same four subqueries through the ORM cost
        about 2 ms of Python on every article page, more than the rest of the page. The
        redundant bound ``published_at <=/>= the article's`` lets PostgreSQL start the index
        scan at the article itself, so the cost does not grow with the archive.
        For a top-level queryset only (the subqueries name the outer table).
        """
        now = connection.ops.adapt_datetimefield_value(timezone.now())

        def neighbour(column: str, older: bool, output_field):
            op, order = ("<", "DESC") if older else (">", "ASC")
            table = Article._meta.db_table
            outer = f'"{table}"'
            sql = (
                f'(SELECT n."{column}" FROM "{table}" n'
                f" WHERE n.section_id = {outer}.section_id AND n.status = %s"
                f" AND n.published_at <= %s AND n.published_at {op}= {outer}.published_at"
                f" AND (n.published_at {op} {outer}.published_at OR n.id {op} {outer}.id)"
                f" ORDER BY n.published_at {order}, n.id {order} LIMIT 1)"
            )
            return RawSQL(sql, [Article.Status.PUBLISHED, now], output_field=output_field)

        return self.annotate(
            previous_id=neighbour("id", True, models.BigIntegerField()),
            previous_headline=neighbour("headline", True, models.CharField()),
            next_id=neighbour("id", False, models.BigIntegerField()),
            next_headline=neighbour("headline", False, models.CharField()),
        )

    def latest_per_section(self, per_section: int):
        """The newest ``per_section`` live articles of every section, in one query.

        PostgreSQL walks each section's index with a LATERAL join (fast at any size);
        other databases rank with a window function.
        """
        if connection.vendor == "postgresql":
            ids = RawSQL(
                f'SELECT latest.id FROM "{Section._meta.db_table}" s CROSS JOIN LATERAL ('
                f' SELECT a.id FROM "{Article._meta.db_table}" a WHERE a.section_id = s.id'
                " AND a.status = %s AND a.published_at <= %s"
                " ORDER BY a.published_at DESC, a.id DESC LIMIT %s) latest",
                [Article.Status.PUBLISHED, timezone.now(), per_section],
            )
            return (
                self.published()
                .filter(pk__in=ids)
                .order_by("section__order", "section_id", "-published_at", "-pk")
            )
        ranked = self.published().annotate(
            section_rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        return ranked.filter(section_rank__lte=per_section).order_by(
            "section__order", "section_id", "section_rank"
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审"
        PUBLISHED = "published", "已发布"
        WITHDRAWN = "withdrawn", "已撤回"

    kicker = SingleLineTextField(
        "引题", max_length=80, blank=True, help_text="标题上方的引题，如：展先锋本色 显基层担当"
    )
    headline = SingleLineTextField("标题", max_length=HEADLINE_MAX_LENGTH)
    subheadline = SingleLineTextField("副题", max_length=120, blank=True)
    summary = MultiLineTextField(
        "摘要",
        max_length=300,
        blank=True,
        help_text="列表、搜索结果和微信分享卡片显示的简短摘要；留空则取正文开头。",
    )
    body = SanitizedRichTextField("正文", config_name="default", blank=True)
    section = models.ForeignKey(
        Section, verbose_name="栏目", on_delete=models.PROTECT, related_name="articles"
    )
    series = models.ForeignKey(
        Series,
        verbose_name="系列报道",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    source = SingleLineTextField("来源", max_length=40, blank=True, help_text="如：珠江时报")
    cover = models.ForeignKey(
        "photos.Photo",
        verbose_name="封面图",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cover_of",
        help_text="封面图的说明和来源取自图片库。",
    )
    is_headline = models.BooleanField("头条", default=False, help_text="置顶为首页头条")
    status = models.CharField(
        "状态", max_length=16, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "发布时间",
        null=True,
        blank=True,
        help_text="留空则发布时取当前时间；填写将来的时间即为定时发布。",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作者",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    submitted_at = models.DateTimeField("提交审核时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            models.Index(
                fields=["section", "-published_at"],
                name="article_section_pub_idx",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["series", "-published_at"],
                name="article_series_pub_idx",
                condition=Q(status="published"),
            ),
            # 图片新闻 on the home page: the newest live articles with a cover.
            models.Index(
                fields=["-published_at"],
                name="article_cover_pub_idx",
                condition=Q(status="published", cover__isnull=False),
            ),
            # The home page's headline: the newest pinned live article, without a table scan.
            models.Index(
                fields=["-published_at"],
                name="article_headline_pub_idx",
                condition=Q(status="published", is_headline=True),
            ),
        ]
        permissions = [
            ("publish_article", "可以发布、撤回文章"),
            ("submit_article", "可以提交文章审核"),
        ]
        verbose_name = verbose_name_plural = "文章"

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return cached_reverse("articles:detail", "pk", self.pk)

    @staticmethod
    def review_order():
        """0 for what waits for review, 1 for the rest: editors see submissions first."""
        return models.Case(
            models.When(status=Article.Status.SUBMITTED, then=0),
            default=1,
            output_field=models.IntegerField(),
        )

    @property
    def is_live(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def description(self) -> str:
        """The summary, else the body's first sentences (up to 120 characters, ending at a
        sentence, headings left out): for the home page, feeds, meta and share cards."""
        if self.summary:
            return self.summary
        from core.html import summarize_html

        return summarize_html(self.body, DESCRIPTION_LENGTH)


def next_scheduled_publication():
    """When the next scheduled article goes live (None if none is scheduled): the page
    cache starts a new generation then (``core.pagecache.register_schedule``)."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


class Credit(models.Model):
    """One name in the byline (署名), e.g. 文 / 珠江时报 / 记者 / 黄梦灵."""

    class Role(models.TextChoices):
        COORDINATION = "统筹", "统筹"
        TEXT = "文", "文"
        PICTURE = "图", "图"
        PHOTOGRAPHY = "摄影", "摄影"
        VIDEO = "视频", "视频"
        DESIGN = "设计", "设计"
        EDITING = "编辑", "编辑"
        PROOFREADING = "校对", "校对"

    article = models.ForeignKey(
        Article, verbose_name="文章", on_delete=models.CASCADE, related_name="credits"
    )
    role = models.CharField("分工", max_length=8, choices=Role, default=Role.TEXT)
    outlet = SingleLineTextField("媒体/单位", max_length=30, blank=True, help_text="如：珠江时报")
    title = SingleLineTextField("身份", max_length=20, blank=True, help_text="如：记者、通讯员")
    name = SingleLineTextField("姓名", max_length=30)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "署名"
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="credit_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.role}/{self.prefix} {self.name}".replace("/ ", "/")

    @property
    def prefix(self) -> str:
        """What stands before the name: 珠江时报记者, 通讯员, or nothing."""
        return f"{self.outlet}{self.title}"


class ArticlePhoto(models.Model):
    """A photo placed in an article: one of its gallery (图集) or an infographic (一图读懂)."""

    class Kind(models.TextChoices):
        GALLERY = "gallery", "图集照片"
        INFOGRAPHIC = "infographic", "一图读懂（长图）"

    article = models.ForeignKey(
        Article, verbose_name="文章", on_delete=models.CASCADE, related_name="gallery_items"
    )
    photo = models.ForeignKey(
        "photos.Photo", verbose_name="图片", on_delete=models.PROTECT, related_name="article_uses"
    )
    kind = models.CharField(
        "用途",
        max_length=16,
        choices=Kind,
        default=Kind.GALLERY,
        help_text="一图读懂：长图全宽显示，并附查看原图的链接。",
    )
    order = models.PositiveSmallIntegerField("顺序", default=0, help_text="数字小的排在前面")
    caption_override = SingleLineTextField(
        "本文中的图片说明", max_length=300, blank=True, help_text="留空则使用图片库中的图片说明。"
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "文章图片"
        verbose_name_plural = "图集与一图读懂"
        constraints = [
            models.UniqueConstraint(fields=["article", "photo"], name="articlephoto_unique_photo"),
        ]

    def __str__(self):
        return f"{self.article_id} · {self.photo_id}"


class ReviewNote(models.Model):
    """An editor's reason for returning an article to its author (审稿意见): kept with the
    article, one row per return, shown to the author on the form and the start page."""

    article = models.ForeignKey(
        Article, verbose_name="文章", on_delete=models.CASCADE, related_name="review_notes"
    )
    text = MultiLineTextField("审稿意见", max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="退回人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("退回时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = "审稿意见"

    def __str__(self):
        return self.text[:40]
