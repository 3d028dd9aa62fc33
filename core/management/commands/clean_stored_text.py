from django.apps import apps
from django.core.management.base import BaseCommand

from core.text_cleanup import clean_stored_text


class Command(BaseCommand):
    help = (
        "按文字规范清理已保存的文字：删除控制字符，单行字段中的换行改为空格，"
        "只有空格的内容清空(README“Text policy”)。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="只列出要改的内容，不写入数据库。"
        )

    def handle(self, *args, dry_run=False, **options):
        repairs = clean_stored_text(apps.get_models(), dry_run=dry_run)
        for repair in repairs:
            state = (
                "将修改"
                if dry_run
                else ("已修改" if repair.saved else "未能修改（与其他记录重名）")
            )
            self.stdout.write(
                f"{state} {repair.model} #{repair.pk} {repair.field}:{repair.old!r} → {repair.new!r}"
            )
        verb = "需要修改" if dry_run else "已修改"
        count = len([r for r in repairs if r.saved or dry_run])
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} 处文字。"))
