"""Search bench: the index over 100,000 generated articles, and the search page under wrk.

Steps (Django steps run in subprocesses with production settings):

1. ``fresh_database("nanhai_bench_search")`` (kept with ``--reuse-db`` when it already has
   the articles and the index);
2. ``python -m bench.core generate --articles 100000``: articles of 1,000-3,000 Chinese
   characters built from sentences of real union news, written with COPY;
3. ``manage.py rebuild_search_index``, timed: the index build;
4. ``python -m bench.search probe``: hits and SQL time of each query, the page's queries;
5. gunicorn (2 sync workers) and wrk on ``/search/?q=…`` for a 2-character word, a
   4-character word, two words, a person's name and a word with no hits, ``--rounds``
   times interleaved; the table quotes medians. Target: p95 ≤ 50 ms.

``--reuse-db`` keeps the generated articles (the index is still rebuilt and timed);
with ``BENCH_SEARCH_KEEP_INDEX=1`` as well, the existing index is kept and only the
queries are measured.

The main table uses 4 wrk connections (two per sync worker): with more connections than
workers, latency measures the queue in front of gunicorn (≈ connections ÷ throughput), not
the search. A second table repeats one round at ``--connections`` (16 by default).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from urllib.parse import quote

from bench.harness import PYTHON, ROOT, collectstatic, median, production_env, say, serve, wrk

DB_NAME = "nanhai_bench_search"
ARTICLES = 100_000
TARGET_P95_MS = 50.0
MAIN_CONNECTIONS = 4
QUERIES = [
    ("2-character word", "工会"),
    ("4-character word", "基层治理"),
    ("two words", "劳模 桂城"),
    ("person's name", "包杰"),
    ("no hits", "量子计算机"),
]


def _run(database_url: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=production_env(database_url),
        capture_output=True,
        text=True,
    )
    sys.stderr.write(result.stderr)
    result.check_returncode()
    return result.stdout


def _counts(name: str) -> tuple[int, int]:
    import psycopg

    from bench.harness import PG_HOST, PG_PORT, PG_USER

    try:
        with psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=name) as conn:
            articles = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
            docs = conn.execute("SELECT count(*) FROM search_searchdocument").fetchone()[0]
            return articles, docs
    except psycopg.Error:
        return 0, 0


RECALL_WORDS = [
    "工会",
    "劳模",
    "职工服务",
    "包杰",
    "灯湖社区",
    "南海区总工会",
    "黄梦灵",
    "量子计算机",
]


def recall() -> list[dict]:
    """Index vs LIKE on the same stored text: what each finds and how long it takes."""
    from django.db import connection

    from search.text import parse_query

    rows = []
    with connection.cursor() as cursor:
        for word in RECALL_WORDS:
            tsquery = parse_query(word).tsquery()
            started = time.perf_counter()
            cursor.execute(
                "SELECT id FROM search_searchdocument WHERE tsv @@ %s::tsquery", [tsquery]
            )
            by_index = {r[0] for r in cursor.fetchall()}
            index_ms = (time.perf_counter() - started) * 1000
            pattern = f"%{word}%"
            started = time.perf_counter()
            cursor.execute(
                "SELECT id FROM search_searchdocument"
                " WHERE title LIKE %s OR subtitle LIKE %s OR body LIKE %s",
                [pattern, pattern, pattern],
            )
            by_like = {r[0] for r in cursor.fetchall()}
            like_ms = (time.perf_counter() - started) * 1000
            rows.append(
                {
                    "word": word,
                    "like": len(by_like),
                    "index": len(by_index),
                    "missed": len(by_like - by_index),
                    "extra": len(by_index - by_like),
                    "index_ms": index_ms,
                    "like_ms": like_ms,
                }
            )
    return rows


def probe() -> dict:
    """Hits, SQL time and query count of each bench query (runs inside Django)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from search.query import search
    from search.text import parse_query

    client = Client()
    out = {}
    for _label, q in QUERIES:
        query = parse_query(q)
        search(query)  # warm
        times = []
        for _ in range(5):
            started = time.perf_counter()
            results = search(query)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("search:search"), {"q": q}, HTTP_HOST="127.0.0.1")
        out[q] = {
            "hits": results.count,
            "capped": results.count_capped,
            "sql_ms": median(times),
            "queries": len(ctx.captured_queries),
            "status": response.status_code,
        }
    return out


def run(report, args) -> None:
    from bench.harness import database_url, fresh_database

    rounds = getattr(args, "rounds", 3)
    duration = getattr(args, "duration", 10)
    articles, docs = _counts(DB_NAME)
    keep_index = os.environ.get("BENCH_SEARCH_KEEP_INDEX") == "1" and docs >= ARTICLES
    if getattr(args, "reuse_db", False) and articles >= ARTICLES:
        url = database_url(DB_NAME)
        if keep_index:
            say(f"reusing {DB_NAME} ({articles} articles) and its index ({docs} rows)")
        else:
            say(f"reusing {DB_NAME} ({articles} articles); the index is rebuilt from empty")
            _truncate_index(DB_NAME)
    else:
        keep_index = False
        started = time.monotonic()
        url = fresh_database(DB_NAME)
        say(f"fresh database {DB_NAME} in {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        say(_run(url, "-m", "bench.core", "generate", "--articles", str(ARTICLES)).strip())
        say(f"generated in {time.monotonic() - started:.1f} s")
    build_seconds = None
    if not keep_index:
        started = time.monotonic()
        say(_run(url, "manage.py", "rebuild_search_index").strip())
        build_seconds = time.monotonic() - started
    articles, docs = _counts(DB_NAME)
    size = _index_size(DB_NAME)
    report.table(
        "Search index build (PostgreSQL, bigram tsvector + GIN)",
        ["articles", "index rows", "build time", "table + TOAST", "GIN indexes"],
        [
            [
                f"{articles:,}",
                f"{docs:,}",
                f"{build_seconds:.0f} s" if build_seconds else "kept (BENCH_SEARCH_KEEP_INDEX=1)",
                size["table"],
                size["gin"],
            ]
        ],
    )

    collectstatic(url)
    info = json.loads(_run(url, "-m", "bench.search", "probe"))
    report.table(
        "Recall and speed: bigram index vs LIKE '%word%' over the same stored text "
        "(all documents, no LIMIT; 'missed' = found by LIKE, not by the index)",
        ["word", "LIKE hits", "index hits", "missed", "extra", "LIKE ms", "index ms"],
        [
            [
                r["word"],
                f"{r['like']:,}",
                f"{r['index']:,}",
                r["missed"],
                r["extra"],
                f"{r['like_ms']:.0f}",
                f"{r['index_ms']:.0f}",
            ]
            for r in json.loads(_run(url, "-m", "bench.search", "recall"))
        ],
    )
    results: dict[str, list[dict]] = {q: [] for _, q in QUERIES}
    wide: dict[str, dict] = {}
    with serve(url, workers=getattr(args, "workers", 2)) as base:
        urls = {q: f"{base}/search/?q={quote(q)}" for _, q in QUERIES}
        for q in urls.values():  # warm both workers
            wrk(q, duration=1, connections=4, threads=1)
        for round_no in range(rounds):
            for label, q in QUERIES:
                result = wrk(urls[q], duration=duration, connections=MAIN_CONNECTIONS, threads=2)
                results[q].append(result)
                say(
                    f"  round {round_no + 1}/{rounds} {label:18} {result['rps']:7.1f} req/s"
                    f"  p50 {result['p50_ms']:6.1f} ms  p95 {result['p95_ms']:6.1f} ms"
                    f"  errors {result['errors']}"
                )
        connections = getattr(args, "connections", 16)
        for _label, q in QUERIES:
            wide[q] = wrk(urls[q], duration=duration, connections=connections, threads=2)

    rows = []
    for label, q in QUERIES:
        runs = results[q]
        p95 = median([r["p95_ms"] for r in runs])
        hits = info[q]
        rows.append(
            [
                label,
                q,
                f"{'>' if hits['capped'] else ''}{hits['hits']:,}",
                f"{hits['sql_ms']:.1f}",
                hits["queries"],
                f"{median([r['rps'] for r in runs]):.0f}",
                f"{median([r['p50_ms'] for r in runs]):.1f}",
                f"{p95:.1f}",
                "ok" if p95 <= TARGET_P95_MS else "MISSED",
                sum(r["errors"] for r in runs),
            ]
        )
    report.table(
        f"Search page /search/?q=… over {docs:,} documents: gunicorn 2 sync workers, "
        f"wrk {MAIN_CONNECTIONS} connections {duration} s x {rounds} rounds (medians)",
        [
            "query",
            "q",
            "hits",
            "search() ms",
            "queries",
            "req/s",
            "p50 ms",
            "p95 ms",
            f"p95 ≤ {TARGET_P95_MS:.0f} ms",
            "errors",
        ],
        rows,
    )
    report.table(
        f"Same queries at wrk {getattr(args, 'connections', 16)} connections (one round; "
        "latency here is mostly the queue in front of 2 sync workers)",
        ["query", "q", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
        [
            [
                label,
                q,
                f"{wide[q]['rps']:.0f}",
                f"{wide[q]['p50_ms']:.1f}",
                f"{wide[q]['p95_ms']:.1f}",
                f"{wide[q]['p99_ms']:.1f}",
                wide[q]["errors"],
            ]
            for label, q in QUERIES
        ],
    )
    missed = [r[0] for r in rows if r[8] == "MISSED"]
    if missed:
        report.note(f"Search p95 target missed for: {', '.join(missed)}.")


def _truncate_index(name: str) -> None:
    import psycopg

    from bench.harness import PG_HOST, PG_PORT, PG_USER

    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=name, autocommit=True
    ) as conn:
        conn.execute("TRUNCATE search_searchdocument")


def _index_size(name: str) -> dict:
    import psycopg

    from bench.harness import PG_HOST, PG_PORT, PG_USER

    with psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=name) as conn:
        table = conn.execute(
            "SELECT pg_size_pretty(pg_table_size('search_searchdocument'))"
        ).fetchone()[0]
        gin = conn.execute(
            "SELECT pg_size_pretty(sum(pg_relation_size(indexrelid))) FROM pg_index"
            " WHERE indrelid = 'search_searchdocument'::regclass"
            " AND indexrelid::regclass::text LIKE '%tsv_gin'"
        ).fetchone()[0]
    return {"table": table, "gin": gin}


def _main(argv: list[str]) -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nanhai.settings")
    import django

    django.setup()
    if argv[:1] == ["probe"]:
        sys.stdout.write(json.dumps(probe()) + "\n")
    elif argv[:1] == ["recall"]:
        sys.stdout.write(json.dumps(recall()) + "\n")
    else:
        raise SystemExit("usage: python -m bench.search probe|recall")


if __name__ == "__main__":
    _main(sys.argv[1:])
