"""Proofreading bench (`python -m bench --only proofread`).

1. Engine, in process: the word lists at 10,000 entries (the shipped default list plus
   generated ones), compiled once; the time to check a 3,000-character article built from
   real union sentences (with a few planted slips), lists only and lists + mechanical
   checks, next to a naive ``str.find`` loop over every entry. Medians of many runs.
2. Site-wide check (巡查) of 100,000 published articles on PostgreSQL: the real service
   (``sweep_start`` + ``sweep_run``, batches of 1,000 with their credits and captions) with
   the 10,000 entries; the naive loop is timed on a sample of articles and extrapolated
   (it would take hours on the whole set).

Each step runs in a subprocess with production settings, like the other parts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from bench.harness import PYTHON, ROOT, median, production_env, say

DB_NAME = "nanhai_bench_proofread"
ARTICLES = int(os.environ.get("BENCH_PROOFREAD_ARTICLES", "100000"))
ENTRIES = 10_000
ARTICLE_CHARS = 3_000
TARGET_ARTICLE_MS = 2.0
TARGET_SWEEP_S = 60.0
NAIVE_SAMPLE = 300
PLANTED = ["南海区总公会", "再接再励", "布署", "国家工商行政管理总局"]


def _entries(count: int, seed: int = 7):
    """The default list plus generated wrong forms (2–6 random characters) up to ``count``."""
    import random

    from proofread.engine import ListEntry

    path = ROOT / "proofread" / "data" / "default_list.tsv"
    entries, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wrong, right, kind, severity, note, exc = (line.split("\t") + [""] * 6)[:6]
            entries.append(
                ListEntry(wrong, right, kind, severity, note, tuple(e for e in exc.split("|") if e))
            )
            seen.add(wrong)
    rng = random.Random(seed)
    while len(entries) < count:
        wrong = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 6)))
        if wrong not in seen:
            seen.add(wrong)
            entries.append(ListEntry(wrong, wrong[::-1], "typo", "hint"))
    return entries


def _article(chars: int, seed: int = 3, halfwidth: bool = False) -> str:
    """A report of about ``chars`` characters with the planted slips; ``halfwidth`` keeps
    the corpus's half-width commas (as on the seed page): the worst case for the
    mechanical checks, which then report every one of them."""
    import random

    from bench.core import make_body

    rng = random.Random(seed)
    body = make_body(rng, _sentences_cached(), chars)
    if not halfwidth:  # as typed in the editor: full-width punctuation
        body = body.translate(str.maketrans({",": "\uff0c", ";": "\uff1b", ":": "\uff1a"}))
    paragraphs = body.split("</p>")
    for i, word in enumerate(PLANTED):  # a few slips spread through the text
        at = (i + 1) * len(paragraphs) // (len(PLANTED) + 1)
        paragraphs[at] = paragraphs[at] + word
    return "</p>".join(paragraphs)


_SENTENCES: list[str] = []


def _sentences_cached():
    from bench.core import _sentences

    if not _SENTENCES:
        _SENTENCES.extend(_sentences())
    return _SENTENCES


def _timed(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return median(times) * 1000


def naive_find(entries, blocks):
    """The plain way: every entry looked up with str.find in every block."""
    hits = []
    for block in blocks:
        for entry in entries:
            start = block.find(entry.wrong)
            while start != -1:
                hits.append((start, entry.wrong))
                start = block.find(entry.wrong, start + 1)
    return hits


def engine() -> dict:
    """Step 1 (inside Django, no database needed)."""
    from proofread.engine import Matcher, check, html_blocks, html_segments

    entries = _entries(ENTRIES)
    started = time.perf_counter()
    matcher = Matcher(entries, version=1)
    compile_ms = (time.perf_counter() - started) * 1000
    body = _article(ARTICLE_CHARS)
    segments = html_segments("body", "正文", body)
    blocks = html_blocks(body)
    chars = sum(len(b) for b in blocks)
    lists_only = check(segments, matcher, mechanical_checks=False)
    full = check(segments, matcher)
    worst = html_segments("body", "正文", _article(ARTICLE_CHARS, halfwidth=True))
    worst_hits = len(check(worst, matcher).hits)
    naive = naive_find(entries, blocks)
    assert sorted({h.found for h in lists_only.hits}) == sorted(set(PLANTED)), lists_only.hits
    assert set(PLANTED) <= {w for _, w in naive}
    return {
        "entries": len(matcher),
        "chars": chars,
        "compile_ms": compile_ms,
        "lists_ms": _timed(lambda: check(segments, matcher, mechanical_checks=False), 300),
        "full_ms": _timed(lambda: check(segments, matcher), 300),
        "full_hits": len(full.hits),
        "worst_ms": _timed(lambda: check(worst, matcher), 300),
        "worst_hits": worst_hits,
        "list_hits": len(lists_only.hits),
        "naive_ms": _timed(lambda: naive_find(entries, blocks), 15),
    }


def load_entries() -> int:
    """Step 2a: put the 10,000 entries into the bench database's word lists."""
    from proofread import lists
    from proofread.models import Entry

    Entry.objects.all().delete()
    Entry.objects.bulk_create(
        Entry(
            wrong=e.wrong,
            right=e.right,
            kind=e.kind,
            severity=e.severity,
            note=e.note,
            exceptions="\n".join(e.exceptions),
        )
        for e in _entries(ENTRIES)
    )
    lists.bump_version()
    return Entry.objects.count()


def plant(count: int) -> int:
    """Step 2b: plant known slips in ``count`` published articles (the sweep must find them)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET body = body || %s WHERE id IN ("
            " SELECT id FROM articles_article WHERE status = 'published' ORDER BY id LIMIT %s)",
            ["<p>南海区总公会号召职工再接再励。</p>", count],
        )
        return cursor.rowcount


def sweep() -> dict:
    """Step 2c: the site-wide check through the service, timed; the naive loop on a sample."""
    from articles.models import Article
    from articles.proofing import _batch_segments
    from proofread import lists, services
    from proofread.models import Sweep, SweepFinding

    Sweep.objects.all().delete()
    lists.get_matcher()  # compiled before the clock starts, as in a running site
    started, cpu = time.perf_counter(), time.process_time()
    run = services.sweep_start()
    run = services.sweep_run(sweep=run, batch_size=1000)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    sample = list(Article.objects.filter(status="published").order_by("pk")[:NAIVE_SAMPLE])
    entries = _entries(ENTRIES)
    naive_started = time.perf_counter()
    segments = _batch_segments(sample)
    for article in sample:
        naive_find(entries, [s.text for s in segments[article.pk]])
    naive_per_article = (time.perf_counter() - naive_started) / len(sample)
    return {
        "checked": run.checked,
        "found": run.found,
        "findings": SweepFinding.objects.filter(sweep=run).count(),
        "seconds": seconds,
        "cpu": cpu,
        "naive_s_estimate": naive_per_article * run.checked,
        "sample": len(sample),
    }


def _django(url: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "bench.proofread", *args],
        cwd=ROOT,
        env=production_env(url) if url else {**production_env("")},
        capture_output=True,
        text=True,
    )
    sys.stderr.write(result.stderr)
    result.check_returncode()
    return result.stdout


def run(report, args) -> None:
    from bench.core import _existing_articles
    from bench.harness import database_url, fresh_database

    load = os.getloadavg()[0]
    say(f"load average before the proofreading bench: {load:.1f} (2 cores shared with other work)")
    info = json.loads(_django(database_url(DB_NAME), "engine").strip().splitlines()[-1])
    report.table(
        f"Proofreading engine: one {info['chars']:,}-character article against "
        f"{info['entries']:,} entries (medians; ahocorasick-rs vs a str.find loop)",
        ["what", "time", "target"],
        [
            ["compile the lists (once per list version)", f"{info['compile_ms']:.1f} ms", ""],
            [
                f"word lists ({info['list_hits']} hits)",
                f"{info['lists_ms']:.3f} ms",
                f"≤ {TARGET_ARTICLE_MS:.0f} ms: {'ok' if info['lists_ms'] <= TARGET_ARTICLE_MS else 'MISSED'}",
            ],
            [
                f"word lists + mechanical checks ({info['full_hits']} hits)",
                f"{info['full_ms']:.3f} ms",
                f"≤ {TARGET_ARTICLE_MS:.0f} ms: {'ok' if info['full_ms'] <= TARGET_ARTICLE_MS else 'MISSED'}",
            ],
            [
                f"worst case: every comma half-width ({info['worst_hits']} hits)",
                f"{info['worst_ms']:.3f} ms",
                "",
            ],
            ["naive: str.find per entry", f"{info['naive_ms']:.1f} ms", ""],
        ],
    )
    if getattr(args, "reuse_db", False) and _existing_articles(DB_NAME) >= ARTICLES:
        url = database_url(DB_NAME)
        say(f"reusing {DB_NAME}")
    else:
        started = time.monotonic()
        url = fresh_database(DB_NAME)
        say(
            subprocess.run(
                [PYTHON, "-m", "bench.core", "generate", "--articles", str(ARTICLES)],
                cwd=ROOT,
                env=production_env(url),
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        say(f"database with {ARTICLES:,} articles in {time.monotonic() - started:.0f} s")
    say(_django(url, "load-entries").strip())
    say(_django(url, "plant", "500").strip())
    result = json.loads(_django(url, "sweep").strip().splitlines()[-1])
    report.table(
        f"Site-wide check (巡查) of {result['checked']:,} published articles on PostgreSQL, "
        f"{ENTRIES:,} entries, batches of 1,000 (credits and captions included)",
        ["what", "time", "found", "target"],
        [
            [
                f"sweep_run (ahocorasick-rs); CPU of the Django process {result['cpu']:.1f} s",
                f"{result['seconds']:.1f} s",
                f"{result['found']:,} articles",
                f"≤ {TARGET_SWEEP_S:.0f} s: {'ok' if result['seconds'] <= TARGET_SWEEP_S else 'MISSED'}",
            ],
            [
                f"naive str.find loop (timed on {result['sample']} articles, extrapolated)",
                f"{result['naive_s_estimate']:,.0f} s",
                "",
                "",
            ],
        ],
    )
    report.note(
        f"Load average {load:.1f} when the proofreading bench started; the machine (2 cores) "
        "was shared with other work, so the figures are upper bounds."
    )


def _main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nanhai.settings")
    import django

    django.setup()
    step = argv[0]
    if step == "engine":
        sys.stdout.write(json.dumps(engine()) + "\n")
    elif step == "load-entries":
        sys.stdout.write(f"{load_entries():,} entries loaded\n")
    elif step == "plant":
        sys.stdout.write(f"planted slips in {plant(int(argv[1])):,} articles\n")
    elif step == "sweep":
        sys.stdout.write(json.dumps(sweep()) + "\n")


if __name__ == "__main__":
    _main(sys.argv[1:])
