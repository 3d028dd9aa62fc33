import io

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "为员工账号绑定手机验证器（TOTP 动态验证码），打印二维码和密钥。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--replace", action="store_true", help="作废原有验证器，重新绑定")

    def handle(self, *args, username, replace, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"没有用户 {username}。") from None
        existing = TOTPDevice.objects.filter(user=user)
        if existing.exists() and not replace:
            raise CommandError(f"{username} 已绑定验证器；要重新绑定请加 --replace。")
        existing.delete()
        device = TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=True)
        url = device.config_url
        self.stdout.write(f"用手机验证器应用扫描下面的二维码，或手动输入密钥。\n{url}\n")
        try:
            import qrcode

            qr = qrcode.QRCode(border=1)
            qr.add_data(url)
            out = io.StringIO()
            qr.print_ascii(out=out, invert=True)
            self.stdout.write(out.getvalue())
        except ImportError:  # pragma: no cover
            pass
        self.stdout.write(self.style.SUCCESS(f"已为 {username} 绑定验证器。"))
