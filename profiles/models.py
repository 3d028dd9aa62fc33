from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from core.fields import MultiLineTextField, SanitizedRichTextField, SingleLineTextField

from .validators import no_private_numbers, no_private_numbers_html


class Town(models.Model):
    """A town or subdistrict (镇街) of Nanhai; editors keep the list."""

    name = SingleLineTextField("镇街名称", max_length=20, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "镇街"

    def __str__(self):
        return self.name


class ProfileKind(models.Model):
    """What kind of person a profile describes: 村居干部, 劳动模范, 工匠人才 …"""

    name = SingleLineTextField("类型名称", max_length=20, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "人物类型"

    def __str__(self):
        return self.name


class ProfileQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_listing(self):
        return self.select_related("portrait", "kind", "town").defer("biography")

    def for_box(self):
        """What the 人物档案 box needs: the profile and its portrait, in one query."""
        return self.select_related("portrait").defer("biography")

    def for_detail(self):
        from articles.models import Article

        live_reports = (
            Article.objects.published()
            .only("pk", "headline", "published_at")
            .order_by("-published_at", "-pk")
        )
        return self.select_related("portrait", "kind", "town", "series").prefetch_related(
            "honours", Prefetch("articles", queryset=live_reports, to_attr="live_reports")
        )

    def in_series(self, series):
        """People of a series: assigned to it, or featured in one of its live reports."""
        from articles.models import Article

        reports = Article.objects.published().filter(series=series).values("pk")
        featured = Profile.articles.through.objects.filter(article_id__in=reports).values(
            "profile_id"
        )
        return self.filter(Q(series=series) | Q(pk__in=featured))

    def featured_in(self, article):
        return self.filter(articles=article)

    def series_options(self):
        """The series these profiles belong to or are featured in (for the list's filter)."""
        from articles.models import Article, Series

        reports = Article.objects.published().filter(profiles__in=self.values("pk"))
        return Series.objects.filter(
            Q(pk__in=self.values("series_id")) | Q(pk__in=reports.values("series_id"))
        ).only("pk", "title", "slug")

    def filter_by(self, *, kind=None, town=None, series=None):
        """The filters of the public list; ``None`` means any."""
        qs = self
        if kind is not None:
            qs = qs.filter(kind=kind)
        if town is not None:
            qs = qs.filter(town=town)
        if series is not None:
            qs = qs.in_series(series)
        return qs


class Profile(models.Model):
    """A cadre's or model worker's profile (人物档案), linked to the reports about the person.

    Deliberately without any private data: no phone numbers, no ID numbers (validators on
    every text field reject them).
    """

    name = SingleLineTextField(
        "姓名",
        max_length=30,
        validators=[no_private_numbers],
        error_messages={"blank": "请填写姓名。", "required": "请填写姓名。"},
    )
    portrait = models.ForeignKey(
        "photos.Photo",
        verbose_name="肖像",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
        help_text="从图片库选择；图片说明和来源取自图片库。",
    )
    position = SingleLineTextField(
        "职务",
        max_length=100,
        validators=[no_private_numbers],
        help_text="如：桂城街道灯湖社区党委书记",
        error_messages={"blank": "请填写职务。", "required": "请填写职务。"},
    )
    organization = SingleLineTextField(
        "单位",
        max_length=100,
        blank=True,
        validators=[no_private_numbers],
        help_text="如：灯湖社区党委",
    )
    town = models.ForeignKey(
        Town,
        verbose_name="镇街",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        help_text="区级单位的人物可留空。",
    )
    kind = models.ForeignKey(
        ProfileKind,
        verbose_name="人物类型",
        on_delete=models.PROTECT,
        related_name="profiles",
        error_messages={"required": "请选择人物类型。", "null": "请选择人物类型。"},
    )
    deeds = MultiLineTextField(
        "事迹",
        max_length=300,
        validators=[no_private_numbers],
        help_text="人物档案框里的简短事迹（纯文本,300字以内）。",
        error_messages={"blank": "请填写事迹。", "required": "请填写事迹。"},
    )
    biography = SanitizedRichTextField(
        "人物简介",
        config_name="default",
        blank=True,
        validators=[no_private_numbers_html],
        help_text="人物页面上较长的介绍。",
    )
    quote = MultiLineTextField(
        "人物语录",
        max_length=200,
        blank=True,
        validators=[no_private_numbers],
        help_text="可选，如：“要求自己不断学习，不断充实自己……”",
    )
    series = models.ForeignKey(
        "articles.Series",
        verbose_name="所属系列报道",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
    )
    articles = models.ManyToManyField(
        "articles.Article",
        verbose_name="相关报道",
        blank=True,
        related_name="profiles",
        help_text="关于此人的报道；已发布的报道正文前会显示人物档案框。",
    )
    is_published = models.BooleanField(
        "已发布",
        default=False,
        db_index=True,
        help_text="只有编辑可以发布；未发布的档案公众看不到。",
    )
    order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["order", "-created_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "order"], name="profile_pub_order_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="profile_name_not_empty"),
        ]
        permissions = [("publish_profile", "可以发布、撤下人物档案")]
        verbose_name = verbose_name_plural = "人物档案"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("profiles:detail", kwargs={"pk": self.pk})

    @property
    def initial(self) -> str:
        """The character shown in place of a missing portrait (示例·陈建华 → 陈)."""
        return self.name.rsplit("·", 1)[-1][:1]


class Honour(models.Model):
    """An honour with its year, e.g. 全国劳动模范 2020."""

    profile = models.ForeignKey(
        Profile, verbose_name="人物", on_delete=models.CASCADE, related_name="honours"
    )
    title = SingleLineTextField(
        "荣誉称号",
        max_length=100,
        validators=[no_private_numbers],
        error_messages={"blank": "请填写荣誉称号。", "required": "请填写荣誉称号。"},
    )
    year = models.PositiveSmallIntegerField(
        "年份",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1949, "年份不能早于 1949 年。"),
            MaxValueValidator(2100, "请填写正确的年份。"),
        ],
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["order", "-year", "pk"]
        verbose_name = verbose_name_plural = "荣誉"

    def __str__(self):
        return f"{self.title}({self.year})" if self.year else self.title
