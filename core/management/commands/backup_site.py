from pathlib import Path

from django.core.management.base import BaseCommand

from core.backup import backup_site


class Command(BaseCommand):
    help = "备份整个网站：数据库的全部数据和上传的图片等文件，存为带日期的压缩包（默认在 var/backups/）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="备份存放目录（默认：备份存储桶，未配置时为 var/backups/）"
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, dir, database, **options):
        result = backup_site(directory=Path(dir) if dir else None, using=database)
        self.stdout.write(
            self.style.SUCCESS(f"已备份 {result.rows} 行数据、{result.files} 个文件：{result.path}")
        )
