"""The site's own record: what the footer of every page says about the site (备案 etc.)."""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from .fields import SingleLineTextField

# ICP filing numbers look like 粤ICP备12345678号 or 粤ICP备12345678号-1.
icp_validator = RegexValidator(
    r"^[\u4e00-\u9fff]ICP[备证]\d{5,12}号(-\d{1,3})?$",
    "ICP备案号的格式如：粤ICP备12345678号 或 粤ICP备12345678号-1。",
)
# 公安机关备案号 such as 粤公网安备44060502000123号 (a 14-digit record code).
police_validator = RegexValidator(
    r"^[\u4e00-\u9fff]公网安备 ?\d{14}号$",
    "公安机关备案号的格式如：粤公网安备44060502000123号（14位数字）。",
)
site_code_validator = RegexValidator(
    r"^[0-9A-Za-z]{10}$", "网站标识码是10位数字或字母，如 4406050001。"
)
phone_validator = RegexValidator(
    r"^[0-9()（）+\- 、,，转]{5,50}$",
    "电话只能包含数字、括号、连字符和“转”，多个号码用顿号分隔，如：0757-86220000。",
)

ICP_LINK = "https://beian.miit.gov.cn/"
POLICE_LINK = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


class SiteInfo(models.Model):
    """The one record of site information, edited by editors in the admin.

    There is exactly one row (``pk`` 1, a database constraint; created by the migration);
    pages read it from the cache (``core.site_info``), never from the database.
    """

    SINGLETON_PK = 1

    site_name = SingleLineTextField(
        "网站名称", max_length=50, help_text="显示在页头、浏览器标题和订阅源中。"
    )
    host_org = SingleLineTextField("主办单位", max_length=100)
    operator_org = SingleLineTextField(
        "承办单位", max_length=100, blank=True, help_text="没有可留空。"
    )
    address = SingleLineTextField("地址", max_length=200, blank=True)
    postcode = models.CharField(
        "邮政编码",
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", "邮政编码是6位数字。")],
    )
    phone = models.CharField("联系电话", max_length=50, blank=True, validators=[phone_validator])
    email = models.EmailField(
        "电子邮箱", blank=True, error_messages={"invalid": "请填写有效的电子邮箱地址。"}
    )
    icp_number = models.CharField(
        "ICP备案号",
        max_length=40,
        blank=True,
        validators=[icp_validator],
        help_text="如：粤ICP备12345678号-1；页脚链接到工业和信息化部的备案查询网站。",
    )
    police_number = models.CharField(
        "公安机关备案号",
        max_length=40,
        blank=True,
        validators=[police_validator],
        help_text="如：粤公网安备44060502000123号；页脚显示备案图标并链接到公安部的备案查询。",
    )
    site_code = models.CharField(
        "网站标识码",
        max_length=10,
        blank=True,
        validators=[site_code_validator],
        help_text="政府网站标识码，没有可留空。",
    )
    copyright = SingleLineTextField(
        "版权声明", max_length=200, blank=True, help_text="如：版权所有 © 南海区总工会"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "站点信息"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="siteinfo_single_row"),
        ]

    def __str__(self):
        return "站点信息"

    @property
    def police_code(self) -> str:
        """The 14-digit record code of the 公安机关备案号 (for the link)."""
        match = re.search(r"\d{14}", self.police_number)
        return match.group(0) if match else ""

    @property
    def police_url(self) -> str:
        return POLICE_LINK.format(code=self.police_code) if self.police_code else ""

    @property
    def phone_link(self) -> str:
        """``tel:`` target when the field holds one number (several: no link)."""
        if re.search(r"[、,，]", self.phone):
            return ""
        return re.sub(r"[^0-9+]", "", self.phone.split("转")[0])

    @property
    def icp_url(self) -> str:
        return ICP_LINK if self.icp_number else ""

    @classmethod
    def defaults(cls) -> dict:
        """What a new site starts with (the migration's row, and pages before it exists)."""
        return {
            "site_name": settings.SITE_NAME,
            "host_org": settings.SITE_NAME,
            "copyright": f"版权所有 © {settings.SITE_NAME}",
        }
