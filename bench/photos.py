"""The photo bench: ingest time and peak memory, and the article page with photos.

1. Ingest: a 4000 × 3000 phone JPEG (with EXIF orientation and GPS) and a 4032 × 3024
   iPhone HEIC go through the same pipeline as an upload (content checks, EXIF orientation,
   metadata stripped, normalized original, WebP + JPEG renditions at each width) and their
   files are written through Django's storage. Each run is a fresh subprocess, so its peak
   resident memory (``ru_maxrss``) is the ingest's own; the table quotes medians.
2. The article page with a cover and a 12-photo gallery, under gunicorn and wrk (production
   settings, PostgreSQL), next to the same page without photos.

    python -m bench --only photos
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import PYTHON, ROOT, median, production_env, say

DB_NAME = "nanhai_bench_photos"
INGEST_RUNS = int(os.environ.get("BENCH_PHOTO_RUNS", "5"))


# --- Sample files ---------------------------------------------------------------------------


def phone_jpeg(width=4000, height=3000) -> bytes:
    """A phone-like JPEG: textured content (so it compresses like a photo), EXIF, GPS."""
    from PIL import Image, ImageFilter

    noise = Image.effect_noise((width // 4, height // 4), 60).convert("RGB")
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    texture = noise.resize((width, height), Image.Resampling.BICUBIC).filter(ImageFilter.SMOOTH)
    image = Image.blend(base, texture, 0.5)
    exif = Image.Exif()
    exif[0x010F] = "BenchPhone"
    exif[0x0112] = 6
    exif.get_ifd(0x8769)[0x9003] = "2020:06:16 09:30:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (23.0, 2.0, 30.0), "E", (113.0, 8.0, 40.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def iphone_heic(width=4032, height=3024) -> bytes:
    import pillow_heif
    from PIL import Image

    jpeg = Image.open(io.BytesIO(phone_jpeg(width, height)))
    heif = pillow_heif.from_pillow(jpeg.convert("RGB"))
    out = io.BytesIO()
    heif.save(out, quality=80)
    return out.getvalue()


# --- Subprocess side ------------------------------------------------------------------------


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nanhai.settings")
    import django

    django.setup()


def _rss_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak_rss() -> bool:
    """Linux: reset the peak-RSS mark (VmHWM), which exec inherits from the parent."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _ingest(path: str) -> None:
    """Run one file through the pipeline and store its files; print time and memory."""
    _setup_django()
    from django.core.files.storage import default_storage

    from photos.models import new_key
    from photos.pipeline import process_image
    from photos.services import _store_files

    data = Path(path).read_bytes()
    exact = _reset_peak_rss()
    before = _rss_kb("VmRSS") if exact else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    processed = process_image(data, name=Path(path).name)
    _original, renditions, written = _store_files(
        key=new_key(), processed=processed, storage=default_storage
    )
    seconds = time.perf_counter() - started
    peak = (_rss_kb("VmHWM") if exact else None) or resource.getrusage(
        resource.RUSAGE_SELF
    ).ru_maxrss
    stored = sum(default_storage.size(name) for name in written)
    print(  # noqa: T201 - the bench reads this line
        json.dumps(
            {
                "seconds": seconds,
                "peak_kb": peak,
                "baseline_kb": before,
                "files": len(written),
                "stored_bytes": stored,
                "size": [processed.width, processed.height],
            }
        )
    )


def _populate() -> None:
    """An article with a cover and a 12-photo gallery, and a bare one; print their URLs."""
    _setup_django()
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from articles.models import Article, ArticlePhoto, Credit, Section
    from photos.services import photo_create

    section = Section.objects.create(name="工会要闻", slug="gonghui-yaowen", order=1)
    sample = phone_jpeg(2400, 1600)

    def photo(i, caption):
        return photo_create(
            upload=ContentFile(sample, name=f"bench-{i}.jpg"), caption=caption, credit="通讯员供图"
        )

    now = timezone.now() - timezone.timedelta(hours=1)
    body = "".join(f"<p>南海区总工会召开全体(扩大)会议,第{i}段正文。</p>" for i in range(30))
    bare = Article.objects.create(
        headline="没有图片的报道", body=body, section=section, status="published", published_at=now
    )
    article = Article.objects.create(
        headline="精准实干 为南海高质量发展凝心聚力",
        body=body,
        section=section,
        status="published",
        published_at=now,
        cover=photo(0, "会场"),
    )
    for a in (bare, article):
        Credit.objects.create(article=a, role="文", outlet="珠江时报", title="记者", name="黄梦灵")
    for i in range(12):
        ArticlePhoto.objects.create(
            article=article, photo=photo(i + 1, f"图集第{i + 1}张"), order=i
        )
    urls = {"gallery": article.get_absolute_url(), "bare": bare.get_absolute_url()}
    print(json.dumps(urls))  # noqa: T201 - the bench reads this line


# --- Bench side -----------------------------------------------------------------------------


def _run_json(args: list[str], env: dict) -> dict:
    result = subprocess.run(
        [PYTHON, "-m", "bench.photos", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    sys.stderr.write(result.stderr)
    result.check_returncode()
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_ingest(report, runs: int = INGEST_RUNS) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        samples = {
            "JPEG 4000 × 3000 (phone, EXIF + GPS)": ("phone.jpg", phone_jpeg()),
            "HEIC 4032 × 3024 (iPhone)": ("iphone.heic", iphone_heic()),
        }
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DJANGO_MEDIA_ROOT": str(Path(tmp) / "media"),
            "NANHAI_VAR_DIR": str(Path(tmp) / "var"),
        }
        rows, figures = [], {}
        for label, (name, data) in samples.items():
            path = Path(tmp) / name
            path.write_bytes(data)
            results = [_run_json(["ingest", str(path)], env) for _ in range(runs)]
            seconds = median([r["seconds"] for r in results])
            peak = median([r["peak_kb"] for r in results]) / 1024
            growth = median([r["peak_kb"] - r["baseline_kb"] for r in results]) / 1024
            stored = results[0]["stored_bytes"] / 1024
            figures[label] = {"seconds": seconds, "peak_mb": peak, "growth_mb": growth}
            rows.append(
                [
                    label,
                    f"{len(data) / 1024 / 1024:.1f} MB",
                    f"{seconds:.2f} s",
                    f"{min(r['seconds'] for r in results):.2f} s",
                    f"{peak:.0f} MB",
                    f"{growth:.0f} MB",
                    f"{results[0]['files']} files, {stored:.0f} KB",
                ]
            )
            say(f"{label}: median {seconds:.2f} s, peak RSS {peak:.0f} MB")
        report.table(
            f"Photo ingest (median of {runs} runs, each in a fresh process)",
            ["upload", "size", "median time", "fastest", "peak RSS", "RSS growth", "stored"],
            rows,
        )
        return figures


def bench_article_page(report, args) -> None:
    from bench.harness import fresh_database, serve, wrk

    url = fresh_database(DB_NAME)
    media = tempfile.mkdtemp(prefix="bench-photos-media-")
    extra = {"DJANGO_MEDIA_ROOT": media}
    pages = _run_json(["populate"], production_env(url, extra))
    rounds = getattr(args, "rounds", 3)
    results: dict[str, list[dict]] = {name: [] for name in pages}
    with serve(url, workers=args.workers, extra_env=extra) as base:
        for path in pages.values():
            wrk(base + path, duration=2, connections=4, threads=1)  # warm up
        for _ in range(rounds):
            for name, path in pages.items():
                results[name].append(
                    wrk(
                        base + path,
                        duration=args.duration,
                        connections=args.connections,
                        threads=args.threads,
                    )
                )
    labels = {"gallery": "article, cover + 12-photo gallery", "bare": "article, no photos"}
    rows = []
    for name, runs in results.items():
        rows.append(
            [
                labels[name],
                f"{median([r['rps'] for r in runs]):.0f}",
                f"{median([r['p50_ms'] for r in runs]):.1f}",
                f"{median([r['p95_ms'] for r in runs]):.1f}",
                f"{median([r['p99_ms'] for r in runs]):.1f}",
                str(sum(r["errors"] for r in runs)),
                f"{median([r['bytes'] / max(r['requests'], 1) for r in runs]) / 1024:.1f} KB",
            ]
        )
    report.table(
        f"Article page with photos (gunicorn {args.workers} workers, {args.connections} "
        f"connections, {args.duration} s × {rounds} rounds, medians)",
        ["page", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "HTML size"],
        rows,
    )


def run(report, args) -> None:
    bench_ingest(report)
    bench_article_page(report, args)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "ingest":
        _ingest(sys.argv[2])
    elif command == "populate":
        _populate()
    else:
        sys.exit(f"unknown command {command!r}")
