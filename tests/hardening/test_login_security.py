"""Nobody gets in who shouldn't: throttling, passwords, sessions, 2FA, CSRF."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

from .conftest import client_for

pytestmark = pytest.mark.django_db
LOGIN = "admin:login"


def try_login(client, username, password, ip="192.0.2.10", **extra):
    return client.post(
        reverse(LOGIN),
        {"username": username, "password": password, "next": "/admin/", **extra},
        REMOTE_ADDR=ip,
    )


def test_ten_wrong_passwords_lock_the_login_even_for_the_right_one(editor):
    client = Client()
    statuses = [try_login(client, "editor", f"wrong-{i}").status_code for i in range(10)]
    assert statuses[0] == 200  # the form again, with an error
    assert 429 in statuses
    locked = try_login(client, "editor", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂时锁定" in page
    assert "解除锁定" in page
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.LOCKOUT).first()
    assert entry is not None
    assert entry.username == "editor"
    assert entry.ip_address == "192.0.2.10"


def test_the_lock_holds_per_user_from_another_address(editor):
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, "editor", f"wrong-{i}", ip="192.0.2.20")
    assert try_login(Client(), "editor", PASSWORD, ip="198.51.100.7").status_code == 429


def test_the_lock_holds_per_address_for_other_users(editor, reporter):
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, f"nobody{i}", "wrong-password", ip="192.0.2.30")
    assert try_login(Client(), "reporter", PASSWORD, ip="192.0.2.30").status_code == 429
    ok = try_login(Client(), "reporter", PASSWORD, ip="198.51.100.8")
    assert ok.status_code == 302


def test_an_admin_unlocks_from_the_admin_and_it_is_logged(editor, superuser):
    for i in range(settings.AXES_FAILURE_LIMIT):
        try_login(Client(), "editor", f"wrong-{i}", ip="192.0.2.40")
    attempt = AccessAttempt.objects.get(username="editor")
    admin_client = client_for(superuser)
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert try_login(Client(), "editor", PASSWORD, ip="192.0.2.41").status_code == 302
    unlock = AuditEntry.objects.get(action=AuditEntry.Action.UNLOCK)
    assert unlock.user == superuser
    assert "editor" in unlock.detail


def test_a_successful_login_clears_earlier_failures(editor):
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        try_login(client, "editor", f"wrong-{i}")
    assert try_login(client, "editor", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short-pw1", False),  # 9 characters
        ("password1234", False),  # 12 characters but a common password
        ("123456789012345", False),  # entirely numeric
        ("nanhai-gonghui-2026", True),
    ],
)
def test_password_rules(password, ok):
    user = UserFactory.build(username="zhangsan")
    if ok:
        password_validation.validate_password(password, user)
    else:
        with pytest.raises(ValidationError):
            password_validation.validate_password(password, user)


def test_minimum_length_is_twelve():
    with pytest.raises(ValidationError):
        password_validation.validate_password("gH7#kq9!xZ2", UserFactory.build())  # 11
    password_validation.validate_password("gH7#kq9!xZ2w", UserFactory.build())  # 12


def test_passwords_are_hashed_with_argon2(settings):
    from nanhai import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS  # tests use a fast hasher
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = UserFactory(username="hashme")
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


def test_staff_session_expires_after_a_working_day(editor):
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60
    client = Client()
    response = try_login(client, "editor", PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 10 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_secure_cookies_when_https_settings_are_on(settings, editor):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = try_login(Client(), "editor", PASSWORD)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"]


def test_admin_login_and_change_forms_need_csrf(editor):
    client = Client(enforce_csrf_checks=True)
    response = try_login(client, "editor", PASSWORD)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    client.force_login(editor)
    response = client.post(reverse("admin:articles_article_add"), {"headline": "x"})
    assert response.status_code == 403


# --- Second factor --------------------------------------------------------------------------


@pytest.fixture
def two_factor(settings):
    settings.NANHAI_REQUIRE_2FA = True


def test_without_the_setting_no_code_is_asked(superuser):
    response = try_login(Client(), "root", PASSWORD)
    assert response.status_code == 302
    assert "动态验证码" not in Client().get(reverse(LOGIN)).content.decode()


def test_superuser_without_a_device_cannot_log_in_when_2fa_is_on(two_factor, superuser):
    response = try_login(Client(), "root", PASSWORD)
    assert response.status_code == 200
    assert "还没有绑定验证器" in response.content.decode()


def test_superuser_logs_in_with_password_and_current_code(two_factor, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="手机", confirmed=True)
    assert "动态验证码" in Client().get(reverse(LOGIN)).content.decode()
    wrong = try_login(Client(), "root", PASSWORD, otp_token="000000")
    assert "动态验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down retries after a wrong code
    client = Client()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert try_login(client, "root", PASSWORD, otp_token=code).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_reporter_without_a_device_logs_in_with_password_only(two_factor, reporter):
    client = Client()
    assert try_login(client, "reporter", PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_session_opened_before_2fa_was_switched_on_must_log_in_again(settings, superuser):
    client = client_for(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
    settings.NANHAI_REQUIRE_2FA = True
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse(LOGIN) in response["Location"]
    assert "_auth_user_id" not in client.session


def test_totp_setup_command_binds_one_device_and_replaces_it_on_request(superuser):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("totp_setup", "root", stdout=out)
    device = TOTPDevice.objects.get(user=superuser)
    assert device.confirmed
    assert "otpauth://totp/" in out.getvalue()
    with pytest.raises(CommandError, match="已绑定"):
        call_command("totp_setup", "root", stdout=io.StringIO())
    call_command("totp_setup", "root", "--replace", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user=superuser).count() == 1
    assert TOTPDevice.objects.get(user=superuser).key != device.key
