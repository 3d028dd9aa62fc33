from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class Entry(models.Model):
    """One entry of the proofreading word lists (错敏词库)."""

    class Kind(models.TextChoices):
        TYPO = "typo", "错别字"
        NORM = "norm", "规范表述"
        BANNED = "banned", "禁用词"
        HINT = "hint", "提示"

    class Severity(models.TextChoices):
        SERIOUS = "serious", "严重"
        HINT = "hint", "提示"

    wrong = models.CharField(
        "错误写法", max_length=50, unique=True, help_text="要查找的写法，如：总公会。"
    )
    right = models.CharField(
        "正确写法",
        max_length=100,
        blank=True,
        help_text="建议改成的写法，如：总工会。禁用词可留空（表示不应出现）。",
    )
    kind = models.CharField("类型", max_length=16, choices=Kind, default=Kind.TYPO)
    severity = models.CharField(
        "程度",
        max_length=16,
        choices=Severity,
        default=Severity.SERIOUS,
        help_text="严重：编辑确认并填写理由后才能发布；提示：只提醒，不影响发布。",
    )
    note = models.CharField("说明", max_length=200, blank=True, help_text="校对时显示给编辑看。")
    exceptions = models.TextField(
        "例外",
        blank=True,
        help_text="含有错误写法、本身却正确的较长写法，每行一个（如错误写法“北朝鲜”的例外“东北朝鲜族”）。"
        "出现在这些写法里时不提示。",
    )
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "wrong"]
        verbose_name = verbose_name_plural = "校对词条"
        constraints = [
            models.CheckConstraint(condition=~Q(wrong=""), name="proofread_entry_wrong_not_empty"),
        ]

    def __str__(self):
        return f"{self.wrong} → {self.right}" if self.right else self.wrong

    def exception_list(self) -> list[str]:
        return [line.strip() for line in self.exceptions.splitlines() if line.strip()]


class ListVersion(models.Model):
    """One row: the word lists' version, raised by every change (``proofread.services``).

    Every process compares it (through the cache) with the version of the automaton it
    holds, so all gunicorn workers recompile after a change, and only then."""

    version = models.PositiveBigIntegerField("版本", default=1)
    changed_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = verbose_name_plural = "词库版本"

    def __str__(self):
        return f"词库第 {self.version} 版"


class Waiver(models.Model):
    """A hit an editor marked as intended for one item (标为有意使用).

    Kept by the word and its sentence, not by position, so it survives later edits."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    rule = models.CharField("规则", max_length=120)
    found = models.CharField("原文", max_length=120)
    sentence = models.TextField("所在句子")
    context = models.CharField("上下文", max_length=200, blank=True)
    reason = models.CharField("理由", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="标记人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("标记时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="proofread_waiver_obj")]
        verbose_name = verbose_name_plural = "有意使用的写法"

    def __str__(self):
        return f"“{self.found}”：{self.sentence[:40]}"


class CheckResult(models.Model):
    """The latest check of one item (on submit, publish, import, the 校对 button, 巡查)."""

    class Trigger(models.TextChoices):
        MANUAL = "manual", "校对按钮"
        SUBMIT = "submit", "提交审核"
        PUBLISH = "publish", "发布"
        IMPORT = "import", "Word 导入"
        SWEEP = "sweep", "全站巡查"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    trigger = models.CharField("校对时机", max_length=16, choices=Trigger)
    checked_at = models.DateTimeField("校对时间", auto_now=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="校对人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    list_version = models.PositiveBigIntegerField("词库版本", default=0)
    serious = models.PositiveIntegerField("严重", default=0)
    hints = models.PositiveIntegerField("提示", default=0)
    hits = models.JSONField("问题", default=list, blank=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="proofread_checkresult_one_per_object"
            )
        ]
        verbose_name = verbose_name_plural = "校对结果"

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} 严重 {self.serious} 提示 {self.hints}"


class Sweep(models.Model):
    """A site-wide check (全站巡查): every published item of every registered source,
    in batches; it can be stopped and resumed where it stopped."""

    class Status(models.TextChoices):
        RUNNING = "running", "进行中"
        STOPPED = "stopped", "已暂停"
        DONE = "done", "已完成"

    status = models.CharField("状态", max_length=16, choices=Status, default=Status.RUNNING)
    list_version = models.PositiveBigIntegerField("词库版本", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    checked = models.PositiveIntegerField("已检查", default=0)
    found = models.PositiveIntegerField("有问题", default=0)
    cursor = models.JSONField("进度位置", default=dict, blank=True)
    stop_requested = models.BooleanField("已要求暂停", default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    seconds = models.FloatField("用时（秒）", default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = verbose_name_plural = "全站巡查"

    def __str__(self):
        return f"巡查 {self.started_at:%Y-%m-%d %H:%M}({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, int(self.checked * 100 / self.total))


class SweepFinding(models.Model):
    """One published item with hits, found by a sweep."""

    sweep = models.ForeignKey(Sweep, on_delete=models.CASCADE, related_name="findings")
    source = models.CharField("内容类型", max_length=40)
    object_id = models.CharField(max_length=64)
    title = models.CharField("标题", max_length=200)
    admin_url = models.CharField("后台地址", max_length=300, blank=True)
    serious = models.PositiveIntegerField("严重", default=0)
    hints = models.PositiveIntegerField("提示", default=0)
    hits = models.JSONField("问题", default=list, blank=True)

    class Meta:
        ordering = ["-serious", "pk"]
        verbose_name = verbose_name_plural = "巡查发现"

    def __str__(self):
        return self.title
