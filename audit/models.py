from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One line of the audit trail: who did what to which item, when, from where."""

    class Action(models.TextChoices):
        PUBLISH = "publish", "发布"
        WITHDRAW = "withdraw", "撤回"
        SUBMIT = "submit", "提交审核"
        RETURN = "return", "退回修改"
        STATUS = "status", "状态变更"
        DELETE = "delete", "删除"
        RECOVER = "recover", "恢复已删除"
        REVERT = "revert", "恢复历史版本"
        PERMISSIONS = "permissions", "权限变更"
        LOCKOUT = "lockout", "登录锁定"
        UNLOCK = "unlock", "解除锁定"
        PROOFREAD = "proofread", "校对确认"

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    action = models.CharField("操作", max_length=16, choices=Action, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(
        "用户名", max_length=150, blank=True, help_text="操作时的用户名（账号删除后仍保留）"
    )
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    detail = models.TextField("详情", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = "审计日志"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.object_repr}"
