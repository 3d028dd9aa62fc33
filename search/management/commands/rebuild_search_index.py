import os

from django.core.management.base import BaseCommand, CommandError

from search import registry
from search.indexing import rebuild


class Command(BaseCommand):
    help = "重建全站搜索索引（文章、人物、工作计划与任务）。可重复运行；运行期间搜索照常可用。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            help="只重建某一类(article、profile、plan、task)；可重复。默认全部。",
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="每批条数，默认 1000。")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="分词用的进程数（仅 PostgreSQL），默认为 CPU 核数。",
        )

    def handle(self, *args, kinds=None, batch_size=1000, workers=1, **options):
        known = {indexer.kind for indexer in registry.indexers()}
        unknown = set(kinds or []) - known
        if unknown:
            raise CommandError(
                f"未知类型：{', '.join(sorted(unknown))}（可选：{', '.join(sorted(known))}）"
            )
        if batch_size < 1:
            raise CommandError("--batch-size 必须大于 0。")
        counts = rebuild(
            kinds=kinds, batch_size=batch_size, workers=max(1, workers), stdout=self.stdout
        )
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"搜索索引已重建，共 {total} 条。"))
