"""`python -m bench` (`make bench`): the core bench, then each optional bench module present.

python -m bench                 # everything
python -m bench --only core     # one part: core, photos, search, fault, proofread
python -m bench --duration 5    # seconds of load per page (default 10)
"""

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import Report, say  # noqa: E402

PARTS = ["core", "photos", "search", "fault", "proofread"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=PARTS, help="run one part only")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--worker-class", default="sync", help="gunicorn worker class (sync, gthread)"
    )
    parser.add_argument(
        "--gunicorn-threads", type=int, default=1, help="gunicorn threads per worker"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds over the pages; the table quotes medians"
    )
    parser.add_argument("--articles", type=int, default=20_000, help="articles generated (core)")
    parser.add_argument(
        "--reuse-db", action="store_true", help="core: keep the generated database if present"
    )
    args = parser.parse_args(argv)

    report = Report()
    failed = []
    for name in [args.only] if args.only else PARTS:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{name}":
                continue  # optional part not written (yet)
            raise
        started = time.monotonic()
        say(f"\n== bench.{name} ==")
        try:
            module.run(report, args)
        except Exception as exc:  # one failing part must not hide the others' figures
            failed.append(name)
            report.note(f"**bench.{name} failed:** {type(exc).__name__}: {exc}")
            if os.environ.get("BENCH_RAISE"):
                raise
        say(f"(bench.{name}: {time.monotonic() - started:.0f} s)")
    path = report.write()
    say(f"\nWritten to {path.relative_to(ROOT)} and var/bench/latest.md")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
