from django.core.management.base import BaseCommand

from core import pagecache


class Command(BaseCommand):
    help = (
        "让所有缓存的页面立即失效（页面缓存换代）。网站自身的每次写入都会自动做这件事；"
        "只有绕过网站直接改数据库(psql、pg_restore)之后才需要手动运行。"
    )

    def handle(self, *args, **options):
        pagecache.invalidate_all()
        self.stdout.write(self.style.SUCCESS("页面缓存已全部失效。"))
