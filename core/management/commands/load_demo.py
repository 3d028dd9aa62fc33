from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app with demo content has a ``demo.load(stdout)`` function; order matters (an app
# places the content of the apps below it: articles place photos; work plans and profiles
# link to articles and photos).
DEMO_MODULES = [
    "core.demo",
    "photos.demo",
    "articles.demo",
    "attachments.demo",
    "profiles.demo",
    "workplan.demo",
    "search.demo",
]


class Command(BaseCommand):
    help = "载入演示内容（可重复运行，不会产生重复内容）。"

    @transaction.atomic
    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            import_module(name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
