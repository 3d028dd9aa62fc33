"""The admin site, set up in one place: its titles and its login form."""

from django.contrib import admin

from .auth_forms import StaffLoginForm


class SiteAdmin(admin.AdminSite):
    site_header = "南海区总工会 · 内容管理"
    site_title = "南海工会 CMS"
    index_title = "内容管理"
    # Django's form plus the optional one-time code (DJANGO_REQUIRE_2FA).
    login_form = StaffLoginForm
