"""全站巡查 from the terminal: check every published item against the current word lists.

    manage.py proofread_sweep                 # start one (or continue the running one)
    manage.py proofread_sweep --resume        # continue the last stopped sweep
    manage.py proofread_sweep --stop          # ask a running sweep (admin page or command) to stop

Ctrl-C stops after the batch in progress; nothing checked so far is lost.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from proofread import services
from proofread.models import Sweep


class Command(BaseCommand):
    help = "全站巡查：用当前校对词库检查全站已发布的内容，可暂停、继续。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="每批检查的篇数（默认 500）"
        )
        parser.add_argument("--resume", action="store_true", help="继续上一次暂停的巡查")
        parser.add_argument("--stop", action="store_true", help="暂停正在进行的巡查")
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, batch_size, resume, stop, quiet, **options):
        if stop:
            sweep = Sweep.objects.filter(status=Sweep.Status.RUNNING).first()
            if sweep is None:
                self.stdout.write("没有正在进行的巡查。")
                return
            services.sweep_stop(sweep=sweep)
            self.stdout.write(f"已要求暂停巡查 #{sweep.pk}。")
            return
        if resume:
            sweep = Sweep.objects.filter(status=Sweep.Status.STOPPED).first()
            if sweep is None:
                raise CommandError("没有已暂停的巡查可以继续。")
            services.sweep_resume(sweep=sweep)
        else:
            sweep = services.sweep_start()
        self.stdout.write(
            f"巡查 #{sweep.pk}：词库第 {sweep.list_version} 版，共 {sweep.total:,} 篇。"
        )
        started = time.monotonic()
        progress = None if quiet else self._progress_printer(started)
        try:
            sweep = services.sweep_run(sweep=sweep, batch_size=batch_size, progress=progress)
        except KeyboardInterrupt:
            sweep = services.sweep_stop(sweep=sweep)
            self.stderr.write("\n已暂停。用 --resume 继续。")
            return
        if progress is not None:
            sys.stderr.write("\n")
        status = sweep.get_status_display()
        self.stdout.write(
            f"{status}：已检查 {sweep.checked:,} 篇，发现 {sweep.found:,} 篇有问题，"
            f"用时 {time.monotonic() - started:.1f} 秒。"
        )
        for finding in sweep.findings.all()[:50]:
            words = "、".join(dict.fromkeys(h["found"] for h in finding.hits))
            self.stdout.write(
                f"  {finding.title}（严重 {finding.serious}，提示 {finding.hints}）：{words}"
            )
        more = sweep.findings.count() - 50
        if more > 0:
            self.stdout.write(f"  ……另有 {more:,} 篇，见后台“全站巡查”。")

    def _progress_printer(self, started):
        stream = sys.stderr
        width = 30

        def show(sweep):
            if not stream.isatty():
                return
            share = sweep.checked / sweep.total if sweep.total else 1
            filled = int(width * min(share, 1))
            elapsed = time.monotonic() - started
            stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {sweep.checked:,}/{sweep.total:,}"
                f" 发现 {sweep.found:,} 篇 {elapsed:.0f} 秒"
            )
            stream.flush()

        return show
