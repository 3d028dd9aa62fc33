from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_storage, count_rows_in, list_archives, restore_site


class Command(BaseCommand):
    help = "从备份压缩包恢复整个网站：清空并替换数据库中的全部数据，放回备份中的文件。"

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", help="备份文件；省略则用 var/backups/ 中最新的一份"
        )
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--clean-media", action="store_true", help="同时删除备份中没有的上传文件"
        )
        parser.add_argument("--yes", action="store_true", help="不再询问，直接恢复")

    def handle(self, *args, archive, database, clean_media, yes, **options):
        if archive:
            path = Path(archive)
        else:
            storage = backup_storage()
            candidates = list_archives(storage)
            where = storage.location if isinstance(storage, FileSystemStorage) else "备份存储桶"
            if not candidates:
                raise CommandError(f"{where} 中没有备份文件。")
            path = Path(candidates[-1])
            if isinstance(storage, FileSystemStorage):
                path = Path(storage.path(candidates[-1]))
        if not yes:
            answer = input(f"将用 {path} 替换数据库中的全部内容和上传文件。确定吗？输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消，未做任何改动。")
        try:
            manifest = restore_site(archive_path=path, using=database, clean_media=clean_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已从 {path.name} 恢复 {count_rows_in(manifest)} 行数据、"
                f"{len(manifest['files'])} 个文件（备份时间 {manifest['created_at']}）。"
            )
        )
