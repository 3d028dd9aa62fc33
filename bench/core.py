"""The core bench: 20,000 articles on PostgreSQL, gunicorn, wrk on the public pages.

Steps (each Django step runs in a subprocess with production settings, so the bench
process itself never imports the site):

1. ``fresh_database("nanhai_bench")`` (kept with ``--reuse-db`` if already filled);
2. ``python -m bench.core generate``: sections, series, a few cover photos (real JPEG files
   through Django's storage) and N articles of 1,000-3,000 Chinese characters with 2-3
   credits each, written with PostgreSQL COPY;
3. ``python -m bench.core probe``: chooses the URLs and counts each page's queries with
   ``CaptureQueriesContext`` through the test client;
4. gunicorn (2 sync workers) and wrk on loopback, page after page, ``--rounds`` times
   interleaved; the table quotes each metric's median over the rounds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench.harness import (
    BENCH_REDIS_URL,
    PYTHON,
    ROOT,
    collectstatic,
    flush_redis,
    median,
    nginx_front,
    production_env,
    say,
    serve,
    wrk,
)

DB_NAME = "nanhai_bench"
# Targets, as shares of the ceiling's requests per second (issues 1 and 12): the uncached
# pages, the page cache answering before the middleware stack, and the nginx microcache
# (a multiple of the ceiling, and a share of nginx serving the same bytes as a file).
TARGETS = {
    "article": 0.15,
    "home": 0.15,
    "article, cached": 1.0,
    "home, cached": 1.0,
    "article, nginx": 15.0,
    "home, nginx": 15.0,
}
NGINX_STATIC_SHARE = 0.80


# --- Step 2: data ------------------------------------------------------------------------


def _sentences() -> list[str]:
    """Sentences of real union news (the seed page and the demo bodies) to build bodies."""
    import re

    from articles import demo

    texts = [demo.MEETING_BODY, demo.BAOJIE_BODY]
    seed = ROOT.parent / "shared" / "seed" / "000_304742fbc2f219dc.txt"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", "\n", "\n".join(texts))
    found = []
    for chunk in re.split(r"(?<=[。!?;])|\n", text):
        chunk = chunk.strip(" -\t")
        if 12 <= len(chunk) <= 150 and chunk[-1] in "。!?;":
            found.append(chunk)
    return sorted(set(found))


HEADINGS = [
    "突出思想引领 激发职工力量",
    "发挥工会作用 参与基层社会治理",
    "精准服务 切实帮助职工排忧解难",
    "立功竞赛 培养更多工匠人才",
    "维权维稳 推动构建和谐劳动关系",
    "工会建设 深化规范化建设扩面提质",
    "疫情防控 发动红色网格力量",
    "送温暖 送岗位 送清凉 送助学",
]
TOWNS = ["桂城", "九江", "西樵", "丹灶", "狮山", "大沥", "里水"]
TOPICS = [
    "街道总工会开展职工技能竞赛",
    "镇总工会举办“送法进企业”活动",
    "“职工·家”服务中心开展暑期托管",
    "工会为一线职工送清凉",
    "社区工会联合会成立",
    "劳模工匠进校园宣讲",
    "非公企业工会集体协商提质增效",
    "工会特约律师挂钩联系企业",
    "困难职工帮扶走访慰问",
    "户外劳动者服务站点揭牌",
]
KICKERS = ["展先锋本色 显基层担当", "守底线 强担当 提效能", "中国梦·劳动美", "", "", ""]
NAMES = ["黄梦灵", "梁丽英", "欧晓敬", "穆纪武", "何敏", "陈嘉欣", "李伟强", "周思颖", "冯志坚"]


def make_body(rng, sentences, length: int) -> str:
    """Rich text of about ``length`` characters: paragraphs, subheadings, bold, a quote."""
    parts, count, since_heading = [], 0, 0
    while count < length:
        if since_heading >= 3 and rng.random() < 0.4:
            heading = rng.choice(HEADINGS)
            parts.append(f"<h2>{heading}</h2>")
            count += len(heading)
            since_heading = 0
            continue
        chosen = rng.sample(sentences, rng.randint(2, 5))
        if rng.random() < 0.3:
            chosen[0] = f"<strong>{chosen[0]}</strong>"
        text = "".join(chosen)
        if rng.random() < 0.08:
            parts.append(f"<blockquote><p>{text}</p></blockquote>")
        else:
            parts.append(f"<p>{text}</p>")
        count += sum(len(s) for s in chosen)
        since_heading += 1
    return "\n".join(parts)


def _small_jpeg(rng, index: int) -> bytes:
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), (rng.randrange(256), rng.randrange(256), 90))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(960), rng.randrange(640)
        draw.rectangle([x, y, x + 120, y + 80], fill=(rng.randrange(256), 40, 40))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def generate(articles: int, seed: int = 2) -> None:
    """Fill the (fresh) database. Runs inside Django (``python -m bench.core generate``)."""
    import random
    import time
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.models import Article, Credit, Section, Series
    from core.html import sanitize_html
    from photos.models import Photo

    started = time.monotonic()
    rng = random.Random(seed)
    sentences = _sentences()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True}
    )
    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})[0]
        for order, (name, slug) in enumerate(
            [
                ("工会要闻", "gonghui-yaowen"),
                ("基层动态", "jiceng-dongtai"),
                ("人物风采", "renwu-fengcai"),
                ("通知公告", "tongzhi-gonggao"),
            ]
        )
    ]
    series = [
        Series.objects.get_or_create(
            slug=f"bench-series-{i}",
            defaults={"title": f"南海区村居干部“守底线 强担当 提效能”系列报道({i})"},
        )[0]
        for i in range(1, 4)
    ]
    photos = []
    for i in range(6):
        data = _small_jpeg(rng, i)
        name = default_storage.save(f"photos/bench/cover-{i}.jpg", ContentFile(data))
        photos.append(
            Photo.objects.create(
                image=name,
                width=960,
                height=640,
                file_size=len(data),
                caption=f"{rng.choice(TOWNS)}职工参加技能竞赛现场。",
                credit="通讯员供图",
                uploaded_by=user,
            )
        )

    now = timezone.now()
    given = {
        "kicker",
        "headline",
        "subheadline",
        "summary",
        "body",
        "section",
        "series",
        "source",
        "cover",
        "is_headline",
        "status",
        "published_at",
        "published_by",
        "author",
        "submitted_at",
        "created_at",
        "updated_at",
    }
    # Columns added later by other apps get their model default, so COPY keeps working.
    fields = [
        f
        for f in Article._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    ]
    defaults = {
        f.attname: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if f.name not in given
    }
    credit_fields = [
        f
        for f in Credit._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    ]
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM articles_article")
        first_id = cursor.fetchone()[0] + 1
        columns = ["id", *(f.column for f in fields)]
        credit_columns = [f.column for f in credit_fields]
        credit_rows = []
        with cursor.cursor.copy(
            f"COPY articles_article ({', '.join(map(quote, columns))}) FROM STDIN"
        ) as copy:
            for n in range(articles):
                pk = first_id + n
                # Newest first: article 0 is about an hour old, the oldest about 5 years.
                published = now - timedelta(minutes=60 + n * 131 + rng.randrange(60))
                status = "published" if rng.random() < 0.97 else rng.choice(["draft", "withdrawn"])
                headline = f"{rng.choice(TOWNS)}{rng.choice(TOPICS)}"
                body = sanitize_html(make_body(rng, sentences, rng.randint(1000, 3000)))
                values = {
                    "kicker": rng.choice(KICKERS),
                    "headline": headline,
                    "subheadline": "" if rng.random() < 0.7 else "——记一线职工的一天",
                    "summary": "" if rng.random() < 0.3 else rng.choice(sentences)[:120],
                    "body": body,
                    "section_id": sections[min(int(rng.random() ** 2 * 4), 3)].pk,
                    "series_id": rng.choice(series).pk if rng.random() < 0.1 else None,
                    "source": rng.choice(["珠江时报", "南海区总工会", ""]),
                    "cover_id": rng.choice(photos).pk if rng.random() < 0.7 else None,
                    "is_headline": n in (3, 40, 400),
                    "status": status,
                    "published_at": published if status != "draft" else None,
                    "published_by_id": user.pk if status != "draft" else None,
                    "author_id": user.pk,
                    "submitted_at": None,
                    "created_at": published,
                    "updated_at": published,
                }
                values.update(defaults)
                copy.write_row([pk, *(values[f.attname] for f in fields)])
                for order in range(rng.randint(2, 3)):
                    role = ["文", "文", "图", "统筹"][order + rng.randint(0, 1)]
                    credit_rows.append(
                        {
                            "article_id": pk,
                            "role": role,
                            "outlet": rng.choice(["珠江时报", ""]),
                            "title": rng.choice(["记者", "通讯员"]),
                            "name": rng.choice(NAMES),
                            "order": order,
                        }
                    )
        with cursor.cursor.copy(
            f"COPY articles_credit ({', '.join(map(quote, credit_columns))}) FROM STDIN"
        ) as copy:
            for row in credit_rows:
                copy.write_row([row[f.attname] for f in credit_fields])
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), max(id)) "
            "FROM articles_article"
        )
    # A live site's tables are vacuumed by autovacuum; do it now so counts use
    # index-only scans as they would in production.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(
        f"generated {articles} articles, {len(credit_rows)} credits, {len(photos)} photos "
        f"in {time.monotonic() - started:.1f} s"
    )


def probe() -> dict:
    """Choose the bench URLs and count each page's queries (runs inside Django)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article, Section

    live = Article.objects.published()
    section = max(Section.objects.all(), key=lambda s: live.filter(section=s).count())
    total = live.count()
    # A typical story from the middle of the archive, with cover, credits and a series.
    article = (
        live.filter(cover__isnull=False, series__isnull=False)
        .order_by("-published_at")[total // 40 : total // 40 + 1]
        .get()
    )
    pages = {
        "home": "/",
        "section": section.get_absolute_url(),
        "news list": "/news/",
        "article": article.get_absolute_url(),
        "feed": "/feed/",
        "ceiling": "/bench/ceiling/",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    for name, url in pages.items():
        client.get(url)  # warm caches (content types, templates) as a server would be
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        found[name] = {"url": url, "queries": len(queries), "bytes": len(response.content)}
    return {"pages": found, "articles": Article.objects.count(), "live": total}


# --- Step 1, 3 and 4: the bench process ----------------------------------------------------


def _django(database_url: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "bench.core", *args],
        cwd=ROOT,
        env=production_env(database_url),
        capture_output=True,
        text=True,
    )
    sys.stderr.write(result.stderr)
    result.check_returncode()
    return result.stdout


def _existing_articles(name: str) -> int:
    import psycopg

    from bench.harness import PG_HOST, PG_PORT, PG_USER

    try:
        with psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=name) as conn:
            return conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    except psycopg.Error:
        return 0


def run(report, args) -> None:
    import time

    from bench.harness import database_url, fresh_database

    articles = args.articles
    rounds = getattr(args, "rounds", 3)
    if getattr(args, "reuse_db", False) and _existing_articles(DB_NAME) >= articles:
        url = database_url(DB_NAME)
        say(f"reusing {DB_NAME} ({_existing_articles(DB_NAME)} articles)")
    else:
        started = time.monotonic()
        url = fresh_database(DB_NAME)
        say(f"fresh database {DB_NAME} in {time.monotonic() - started:.1f} s")
        say(_django(url, "generate", "--articles", str(articles)).strip())
    collectstatic(url)  # the probe renders pages with the manifest static storage
    info = json.loads(_django(url, "probe"))
    pages = info["pages"]

    worker_class = getattr(args, "worker_class", "sync")
    threads = getattr(args, "gunicorn_threads", 1)
    article_url = pages["article"]["url"]
    # The rows: (name, which server, URL). "site": the page cache off (every page rendered);
    # "cached": the page cache on (Redis + each worker's memory); "nginx": the microcache of
    # deploy/nginx.conf in front of "cached"; "static": nginx serving the article's HTML
    # as a file (the physical limit of this machine).
    rows_spec = [(name, "site", page["url"]) for name, page in pages.items()]
    rows_spec += [
        ("article, cached", "cached", article_url),
        ("home, cached", "cached", "/"),
        ("article, nginx", "nginx", article_url),
        ("home, nginx", "nginx", "/"),
        ("static file, nginx", "static", "/article.html"),
    ]
    results: dict[str, list[dict]] = {name: [] for name, _server, _url in rows_spec}
    flush_redis()
    cached_env = {"REDIS_URL": BENCH_REDIS_URL, "DJANGO_PAGE_CACHE": "1"}
    options = {"workers": args.workers, "worker_class": worker_class, "threads": threads}
    with (
        tempfile.TemporaryDirectory(prefix="bench-static-") as static_dir,
        serve(url, **options) as site,
        serve(url, extra_env=cached_env, **options) as cached,
    ):
        with urllib.request.urlopen(site + article_url) as response:
            Path(static_dir, "article.html").write_bytes(response.read())
        with nginx_front(cached.removeprefix("http://"), Path(static_dir)) as (front, static):
            bases = {"site": site, "cached": cached, "nginx": front, "static": static}
            # Warm the workers (imports, template cache, pool) before measuring.
            wrk(site + article_url, duration=2, connections=4, threads=1)
            for _name, server, path in rows_spec:
                wrk(bases[server] + path, duration=1, connections=4, threads=1)
            for round_no in range(rounds):
                for name, server, path in rows_spec:
                    result = wrk(
                        bases[server] + path,
                        duration=args.duration,
                        connections=args.connections,
                        threads=args.threads,
                    )
                    results[name].append(result)
                    say(
                        f"  round {round_no + 1}/{rounds} {name:18} {result['rps']:9.1f} req/s"
                        f"  p50 {result['p50_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms"
                        f"  errors {result['errors']}"
                    )
            freshness = {
                label: _freshness_under_load(url, base, article_url, args)
                for label, base in (("Django cache", cached), ("nginx microcache", front))
            }

    def med(name, key):
        return median([r[key] for r in results[name]])

    ceiling = med("ceiling", "rps")
    static_rps = med("static file, nginx", "rps")
    rows = []
    for name, server, path in rows_spec:
        rps = med(name, "rps")
        ratio = rps / ceiling if ceiling else 0
        target = TARGETS.get(name)
        if target is None:
            verdict = ""
        elif target >= 1.5:  # a multiple of the ceiling and a share of nginx's static rate
            ok = ratio >= target and rps >= NGINX_STATIC_SHARE * static_rps
            verdict = f"≥ {target:.0f}× and ≥ {NGINX_STATIC_SHARE:.0%} of static " + (
                "ok" if ok else "MISSED"
            )
        else:
            verdict = f"≥ {target:.0%} " + ("ok" if ratio >= target else "MISSED")
        page = pages.get(name) or pages["article" if "article" in name else "home"]
        share = f"{ratio:.1f}×" if ratio >= 2 else f"{ratio:.0%}"
        of_static = f"{rps / static_rps:.0%}" if server in ("nginx", "static") else ""
        rows.append(
            [
                name,
                path,
                f"{rps:.0f}",
                f"{med(name, 'p50_ms'):.1f}",
                f"{med(name, 'p95_ms'):.1f}",
                f"{med(name, 'p99_ms'):.1f}",
                page["queries"] if server == "site" else 0,
                f"{page['bytes'] / 1024:.1f}",
                share,
                of_static,
                verdict,
                sum(r["errors"] for r in results[name]),
            ]
        )
    report.table(
        f"Core pages: {info['live']:,} live of {info['articles']:,} articles, "
        f"gunicorn {args.workers} {worker_class} workers"
        + (f" x {threads} threads" if threads > 1 else "")
        + f", wrk {args.connections} connections "
        f"{args.duration} s x {rounds} rounds (medians); the first rows with no page cache",
        [
            "page",
            "URL",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "queries",
            "KiB",
            "of ceiling",
            "of static",
            "target",
            "errors",
        ],
        rows,
    )
    missed = [r[0] for r in rows if r[10].endswith("MISSED")]
    if missed:
        report.note(f"Targets missed: {', '.join(missed)}.")
    report.table(
        "Freshness while wrk loads the article (an edit, a withdrawal or a publication every "
        f"{FRESHNESS_INTERVAL:.0f} s, polled every 20 ms)",
        [
            "through",
            "changes",
            "polls",
            "stale > 1 s after a change",
            "slowest to fresh (s)",
            "unanswered polls",
            "wrk req/s meanwhile",
        ],
        [
            [
                label,
                f["changes"],
                f["polls"],
                f["stale_after_1s"],
                f"{f['slowest_s']:.3f}",
                f["unanswered"],
                f"{f['wrk_rps']:.0f}",
            ]
            for label, f in freshness.items()
        ],
    )
    stale = sum(f["stale_after_1s"] for f in freshness.values())
    report.note(
        "Freshness target (0 stale answers more than 1 s after a change): "
        + ("met." if stale == 0 else f"MISSED ({stale} stale).")
    )


# --- Freshness under load --------------------------------------------------------------------

FRESHNESS_INTERVAL = 3.0


def _freshness_under_load(database_url: str, base: str, path: str, args) -> dict:
    """Change the article every few seconds (in a Django process with the cached server's
    settings) while wrk loads it, and poll it: count answers still stale 1 s after."""
    import threading

    duration = max(12, args.duration * 2)
    loaded: dict = {}

    def load():
        loaded.update(wrk(base + path, duration=duration + 2, connections=8, threads=1))

    thread = threading.Thread(target=load)
    thread.start()
    try:
        result = subprocess.run(
            [
                PYTHON,
                "-m",
                "bench.core",
                "freshness",
                "--url",
                base + path,
                "--duration",
                str(duration),
            ],
            cwd=ROOT,
            env=production_env(
                database_url, {"REDIS_URL": BENCH_REDIS_URL, "DJANGO_PAGE_CACHE": "1"}
            ),
            capture_output=True,
            text=True,
            timeout=duration + 120,
        )
    finally:
        thread.join()
    sys.stderr.write(result.stderr)
    result.check_returncode()
    found = json.loads(result.stdout.strip().splitlines()[-1])
    found["wrk_rps"] = loaded.get("rps", 0.0)
    return found


def freshness(url: str, duration: float) -> dict:
    """Runs inside Django: edit, withdraw and publish the article at ``url`` in turn, and
    after each change poll ``url``; an answer is stale if it does not show the change."""
    import itertools
    import time
    import urllib.error

    from django.contrib.auth import get_user_model

    from articles.models import Article
    from articles.services import article_publish, article_withdraw

    user, _ = get_user_model().objects.get_or_create(
        username="bench-freshness", defaults={"is_staff": True, "is_superuser": True}
    )
    pk = int(url.rstrip("/").rsplit("/", 1)[-1])
    article = Article.objects.get(pk=pk)
    original = article.headline

    debug = os.environ.get("BENCH_FRESHNESS_DEBUG")

    def fetch() -> tuple[int, str]:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if debug:
                    sys.stderr.write(f"HEADERS {time.time():.3f} {dict(response.headers)}\n")
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            if debug:
                sys.stderr.write(f"HEADERS {time.time():.3f} {error.code} {dict(error.headers)}\n")
            return error.code, ""
        except OSError:  # no answer (an overloaded server): neither fresh nor stale
            return 0, ""

    changes = polls = stale_late = unanswered = 0
    slowest = 0.0
    deadline = time.monotonic() + duration
    try:
        for step in itertools.count():
            if time.monotonic() > deadline:
                break
            article.refresh_from_db()
            action = ("edit", "withdraw", "publish")[step % 3]
            if action == "edit":
                article.headline = f"{original[:60]}(第{step}次修改)"
                article.save(update_fields=["headline", "updated_at"])

                def fresh(status, body, headline=article.headline):
                    return status == 200 and headline in body
            elif action == "withdraw":
                article_withdraw(article=article, user=user)

                def fresh(status, body):
                    return status == 404
            else:
                article_publish(article=article, user=user, at=article.published_at)

                def fresh(status, body, headline=article.headline):
                    return status == 200 and headline in body

            changed = time.monotonic()
            changes += 1
            if debug:
                sys.stderr.write(f"CHANGE {action} at {time.time():.3f}\n")
            first_fresh = None
            while time.monotonic() - changed < FRESHNESS_INTERVAL:
                started = time.monotonic()
                status, body = fetch()
                if status == 0:
                    unanswered += 1
                    continue
                polls += 1
                ok = fresh(status, body)
                if ok and first_fresh is None:
                    first_fresh = started - changed
                if not ok and started - changed >= 1.0:
                    stale_late += 1
                    if debug:
                        sys.stderr.write(f"STALE {action} {started - changed:.3f} {status}\n")
                time.sleep(0.02)
            slowest = max(slowest, first_fresh if first_fresh is not None else FRESHNESS_INTERVAL)
    finally:
        article.refresh_from_db()
        article.headline = original
        article.save(update_fields=["headline", "updated_at"])
        if article.status != Article.Status.PUBLISHED:
            article_publish(article=article, user=user, at=article.published_at)
    return {
        "changes": changes,
        "polls": polls,
        "stale_after_1s": stale_late,
        "slowest_s": slowest,
        "unanswered": unanswered,
    }


def _main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.core")
    sub = parser.add_subparsers(dest="step", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--articles", type=int, default=20_000)
    sub.add_parser("probe")
    fresh = sub.add_parser("freshness")
    fresh.add_argument("--url", required=True)
    fresh.add_argument("--duration", type=float, default=20)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nanhai.settings")
    import django

    django.setup()
    if args.step == "generate":
        generate(args.articles)
    elif args.step == "freshness":
        sys.stdout.write(json.dumps(freshness(args.url, args.duration)) + "\n")
    else:
        sys.stdout.write(json.dumps(probe()) + "\n")


if __name__ == "__main__":
    _main(sys.argv[1:])
