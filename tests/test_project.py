"""Project-wide guarantees: migrations are complete, production settings are safe, the demo
content and the setup command behave as the README says."""

import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import Article
from articles.templatetags.articles_tags import credit_lines

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when changes are missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()} (exit {exc.code})")


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="www.nhgh.example",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_SESSION_COOKIE_SECURE="1",
        DJANGO_CSRF_COOKIE_SECURE="1",
        DJANGO_SECURE_HSTS_SECONDS="31536000",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        DJANGO_SECURE_HSTS_PRELOAD="1",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
    )
    env.update(extra)
    return env


@pytest.mark.parametrize("extra", [{}, {"DJANGO_REQUIRE_2FA": "1"}], ids=["plain", "2fa"])
def test_check_deploy_with_production_settings_reports_nothing(extra):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_a_secret_key_refuses_to_start():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "nanhai.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_are_chinese_and_safe_by_default(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_setup_site_creates_roles_and_an_admin_whose_password_is_never_reset():
    out = StringIO()
    call_command("setup_site", stdout=out)
    assert set(Group.objects.values_list("name", flat=True)) >= {"编辑", "记者"}
    admin = get_user_model().objects.get(username="admin")
    password = out.getvalue().split("密码：")[1].split()[0]
    assert len(password) >= 12
    assert admin.check_password(password)
    assert admin.is_superuser
    again = StringIO()
    call_command("setup_site", stdout=again)
    admin.refresh_from_db()
    assert admin.check_password(password)
    assert "密码未修改" in again.getvalue()


@pytest.mark.django_db
def test_demo_content_carries_the_seed_reports_exactly_and_is_idempotent():
    call_command("load_demo", stdout=StringIO())
    count = Article.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Article.objects.count() == count
    meeting = Article.objects.get(headline="精准实干 为南海高质量发展凝心聚力")
    assert meeting.kicker == "南海区总工会召开第十五届委员会第三次全体(扩大)会议"
    assert credit_lines(meeting.credits.all()) == ["文/珠江时报记者 黄梦灵 通讯员 梁丽英"]
    assert meeting.is_live
    assert meeting.is_headline
    assert meeting.source == "珠江时报"
    baojie = Article.objects.get(headline="让居民担主角 让邻里更有情")
    assert baojie.kicker == "灯湖社区党委书记包杰坚持创建熟人社区,持续探索基层治理方法"
    assert baojie.series.title == "南海区村居干部“守底线 强担当 提效能”系列报道"
    assert credit_lines(baojie.credits.all()) == [
        "统筹/珠江时报记者 欧晓敬",
        "文/珠江时报记者 李冬冬",
        "图/珠江时报记者 穆纪武",
    ]
    # Enough to fill every section on the home page and to paginate the all-news list.
    assert Article.objects.published().count() > 40


def test_code_and_templates_pass_the_linters():
    """What `make lint` checks (.pre-commit-config.yaml): ruff, ruff format, djhtml."""
    root = Path(__file__).resolve().parent.parent
    bin_dir = Path(sys.executable).parent
    templates = [str(p) for p in (root / "templates").rglob("*") if p.suffix in {".html", ".txt"}]
    for command in (
        [bin_dir / "ruff", "check", "--quiet", "."],
        [bin_dir / "ruff", "format", "--check", "--quiet", "."],
        [bin_dir / "djhtml", "--check", *templates],
    ):
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
