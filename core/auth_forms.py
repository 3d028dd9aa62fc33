"""The admin login form, with the optional second factor (TOTP, django-otp).

With DJANGO_REQUIRE_2FA on, the login asks for the 6-digit code of the authenticator app
from superusers (always) and from any staff member who has set up a device; others log in
with their password as before. Off, it is Django's own admin login form.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import transaction
from django_otp import devices_for_user

from .middleware import needs_second_factor


class StaffLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label="动态验证码",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="手机验证器应用（如“身份验证器”）里显示的 6 位数字。",
    )

    @property
    def otp_enabled(self) -> bool:
        return settings.NANHAI_REQUIRE_2FA

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if settings.NANHAI_REQUIRE_2FA and user is not None and needs_second_factor(user):
            self._verify_second_factor(user, (cleaned.get("otp_token") or "").strip())
        return cleaned

    def _verify_second_factor(self, user, token: str) -> None:
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))
        if not devices:
            raise forms.ValidationError(
                "此账号需要动态验证码才能登录，但还没有绑定验证器。"
                "请联系网站管理员运行 manage.py totp_setup 为您绑定。",
                code="otp_device_missing",
            )
        if not token:
            raise forms.ValidationError(
                "请输入手机验证器里的 6 位动态验证码。", code="otp_required"
            )
        with transaction.atomic():
            for device in devices:
                if device.verify_token(token):
                    user.otp_device = device  # django-otp marks the session verified
                    return
        raise forms.ValidationError("动态验证码不正确或已过期，请重新输入。", code="otp_invalid")
