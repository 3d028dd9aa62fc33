import secrets
from importlib import import_module

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.roles import ROLES


class Command(BaseCommand):
    help = "创建编辑、记者角色，并创建演示管理员（随机密码只显示一次，重复运行不会重置）。"

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")
        parser.add_argument("--no-admin", action="store_true", help="只同步角色，不创建管理员")

    @transaction.atomic
    def handle(self, *args, admin_username, no_admin, **options):
        from django.apps import apps
        from django.contrib.auth.models import Group

        from core.roles import grant

        for role in ROLES:
            Group.objects.get_or_create(name=role)
        for app in apps.get_app_configs():
            try:
                module = import_module(f"{app.name}.roles")
            except ModuleNotFoundError:
                continue
            if hasattr(module, "ROLE_PERMISSIONS"):
                grant(module.ROLE_PERMISSIONS, app.label)
        self.stdout.write("角色已同步：" + "、".join(ROLES))
        if no_admin:
            return
        User = get_user_model()
        if User.objects.filter(username=admin_username).exists():
            self.stdout.write(f"演示管理员 {admin_username} 已存在，密码未修改。")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=admin_username, email="", password=password)
        self.stdout.write(
            self.style.WARNING(
                f"\n  已创建演示管理员\n  用户名：{admin_username}\n  密码：{password}\n"
                "  （密码只显示这一次，请妥善保存。）\n"
            )
        )
