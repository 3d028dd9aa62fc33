"""Demo site information: what the footer of 南海区总工会's site would show.

The address, phone, e-mail and filing numbers are invented for the demo (the numbers are
visibly placeholders, and the copyright line says so), so nobody mistakes the demo for
the real site. Idempotent: it fills the record only while nobody has filled it in (no
address, phone, e-mail or filing number yet), and never overwrites what an editor typed.
"""

from .models import SiteInfo

DEMO_SITE_INFO = {
    "site_name": "南海区总工会",
    "host_org": "佛山市南海区总工会",
    "address": "广东省佛山市南海区桂城街道南海大道北（示例地址）",
    "postcode": "528200",
    "phone": "0757-86000000",
    "email": "demo@example.cn",
    "icp_number": "粤ICP备00000000号-1",
    "police_number": "粤公网安备44060500000000号",
    "copyright": "版权所有 © 佛山市南海区总工会　演示站点：地址、电话、邮箱和备案号均为示例",
}

FILLED_BY_EDITORS = ("address", "phone", "email", "icp_number", "police_number")


def load(stdout=None):
    info, _ = SiteInfo.objects.get_or_create(pk=SiteInfo.SINGLETON_PK, defaults=SiteInfo.defaults())
    if any(getattr(info, field) for field in FILLED_BY_EDITORS):
        message = "站点信息：已填写，未改动。"
    else:
        for field, value in DEMO_SITE_INFO.items():
            setattr(info, field, value)
        info.full_clean()
        info.save()  # clears the cached copy (core.site_info) after the commit
        message = "站点信息：已填入演示内容（地址、电话、邮箱和备案号均为示例）。"
    if stdout:
        stdout.write(message)
