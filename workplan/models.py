"""Annual work plans (年度工作计划): the year's key tasks in categories, their progress,
the reports that show it, and the key figures the newspaper quotes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from articles.models import Article
from core.fields import MultiLineTextField, SingleLineTextField

from .figures import format_figure

YEAR_VALIDATORS = [
    MinValueValidator(2000, "年份不能早于2000年。"),
    MaxValueValidator(2100, "年份不能晚于2100年。"),
]


class Category(models.Model):
    """A heading of the plan: 思想引领, 立功竞赛, 维权维稳, 精准服务, 工会建设."""

    name = SingleLineTextField(
        "类别名称",
        max_length=20,
        unique=True,
        error_messages={"unique": "已有同名的任务类别。", "blank": "请填写类别名称。"},
    )
    order = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")
    description = SingleLineTextField("简介", max_length=200, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "任务类别"

    def __str__(self):
        return self.name


class WorkPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_page(self):
        """The plan with everything its page shows, in a fixed number of queries:
        tasks (with category), each task's live reports newest first, key figures."""
        live_reports = (
            Article.objects.published()
            .only("pk", "headline", "published_at")
            .order_by("-published_at", "-pk")
        )
        tasks = Task.objects.select_related("category").prefetch_related(
            Prefetch("reports", queryset=live_reports, to_attr="live_reports")
        )
        return self.select_related("source").prefetch_related(
            Prefetch("tasks", queryset=tasks), "figures"
        )


class WorkPlan(models.Model):
    year = models.PositiveSmallIntegerField(
        "年度",
        validators=YEAR_VALIDATORS,
        error_messages={"invalid": "年度请填写四位数字，如 2021。"},
    )
    title = SingleLineTextField(
        "标题",
        max_length=100,
        help_text="如:2020年南海工会重点工作任务",
        error_messages={"blank": "请填写计划标题。"},
    )
    intro = MultiLineTextField("导语", blank=True, help_text="计划页顶部的简短说明。")
    source = models.ForeignKey(
        Article,
        verbose_name="出处报道",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="发布这份计划的报道（可选），如全委会议的报道。",
    )
    is_published = models.BooleanField(
        "公开发布", default=False, help_text="勾选后公众可以在“工作计划”栏目看到。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                name="workplan_one_plan_per_year",
                violation_error_code="unique",
                violation_error_message="这一年已有工作计划，每年只能有一份。请修改原有计划或换一个年度。",
            ),
        ]
        verbose_name = verbose_name_plural = "年度工作计划"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workplan:year", kwargs={"year": self.year})

    def get_overview_url(self):
        return reverse("workplan:overview", kwargs={"year": self.year})


class Task(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未启动"
        IN_PROGRESS = "in_progress", "推进中"
        DONE = "done", "已完成"

    plan = models.ForeignKey(
        WorkPlan, verbose_name="年度计划", on_delete=models.CASCADE, related_name="tasks"
    )
    category = models.ForeignKey(
        Category,
        verbose_name="类别",
        on_delete=models.PROTECT,
        related_name="tasks",
        error_messages={"null": "请选择任务类别。"},
    )
    title = SingleLineTextField(
        "任务",
        max_length=200,
        help_text="如：推进社会主义核心价值观践行活动。",
        error_messages={"blank": "请填写任务名称。"},
    )
    details = MultiLineTextField("具体内容", blank=True)
    lead_department = SingleLineTextField("牵头部门", max_length=60, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0, help_text="同一类别内数字小的在前")
    status = models.CharField("进度", max_length=16, choices=Status, default=Status.NOT_STARTED)
    progress_note = MultiLineTextField("进展说明", blank=True)
    reports = models.ManyToManyField(
        Article,
        verbose_name="相关报道",
        through="TaskReport",
        related_name="plan_tasks",
        blank=True,
    )

    class Meta:
        ordering = ["category__order", "category_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="workplan_task_title_not_empty"),
        ]
        verbose_name = verbose_name_plural = "重点任务"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('workplan:year', kwargs={'year': self.plan.year})}#task-{self.pk}"


class TaskReport(models.Model):
    """An article that reports progress on a task (shown on both the plan and the article)."""

    task = models.ForeignKey(
        Task, verbose_name="重点任务", on_delete=models.CASCADE, related_name="report_links"
    )
    article = models.ForeignKey(
        Article, verbose_name="报道", on_delete=models.CASCADE, related_name="task_links"
    )
    created_at = models.DateTimeField("关联时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "article"],
                name="workplan_task_report_once",
                violation_error_message="这篇报道已关联到该任务。",
            ),
        ]
        verbose_name = verbose_name_plural = "任务相关报道"

    def __str__(self):
        return f"{self.task} ← {self.article}"


class KeyFigure(models.Model):
    """A figure as the newspaper writes it: 127.6万余人次, 超8000人, 10余万人次, 1091场."""

    class Magnitude(models.TextChoices):
        NONE = "", "（无）"
        WAN = "万", "万"
        YI = "亿", "亿"

    class Qualifier(models.TextChoices):
        NONE = "", "（无）"
        YU = "余", "余"
        DUO = "多", "多"
        CHAO = "超", "超"
        CHAOGUO = "超过", "超过"
        YUE = "约", "约"
        JIN = "近", "近"

    class Position(models.TextChoices):
        AUTO = "auto", "自动"
        BEFORE = "before", "数字前（超8000人）"
        AFTER_NUMBER = "after_number", "数字后、“万”前（10余万人次）"
        AFTER_MAGNITUDE = "after_magnitude", "“万”后（127.6万余人次）"

    plan = models.ForeignKey(
        WorkPlan, verbose_name="年度计划", on_delete=models.CASCADE, related_name="figures"
    )
    label = SingleLineTextField(
        "说明",
        max_length=60,
        help_text="如：服务职工",
        error_messages={"blank": "请填写数据说明。"},
    )
    qualifier = models.CharField(
        "修饰词", max_length=4, choices=Qualifier, blank=True, help_text="余、多、超、约……"
    )
    qualifier_position = models.CharField(
        "修饰词位置",
        max_length=16,
        choices=Position,
        default=Position.AUTO,
        help_text="自动：超、约、近放在数字前；余、多在整数后、“万”前（10余万），"
        "在小数时放在“万”后（127.6万余）。",
    )
    number = models.DecimalField(
        "数字",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0, "数字不能是负数。")],
        error_messages={"invalid": "“数字”只能填写阿拉伯数字，如 127.6 或 8000。"},
        help_text="只填数字，如 127.6；“万”“余”等在旁边的栏目中选择。",
    )
    magnitude = models.CharField("数量级", max_length=2, choices=Magnitude, blank=True)
    unit = SingleLineTextField(
        "单位", max_length=10, blank=True, help_text="如：人次、人、场、个项目"
    )
    year = models.PositiveSmallIntegerField(
        "数据年份", null=True, blank=True, validators=YEAR_VALIDATORS, help_text="如:2019"
    )
    source = models.ForeignKey(
        Article,
        verbose_name="出处报道",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=0), name="workplan_figure_not_negative"),
        ]
        verbose_name = verbose_name_plural = "关键数据"

    def __str__(self):
        return f"{self.label} {self.display}"

    @property
    def display(self) -> str:
        return format_figure(
            number=self.number,
            magnitude=self.magnitude,
            qualifier=self.qualifier,
            position=self.qualifier_position,
            unit=self.unit,
        )

    @property
    def parts(self) -> tuple[str, str, str]:
        return format_figure(
            number=self.number,
            magnitude=self.magnitude,
            qualifier=self.qualifier,
            position=self.qualifier_position,
            unit=self.unit,
            split=True,
        )
