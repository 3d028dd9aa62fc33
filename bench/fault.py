"""Fault bench: PostgreSQL restarts under load; how do visitors and acknowledged writes fare?

`python -m bench --only fault`. Starts a PRIVATE PostgreSQL cluster (initdb into a temporary
folder, its own port and socket folder; never the machine's shared server), migrates a
database there, loads the demo content, and serves the site with gunicorn (production
settings, the psycopg pool as configured). Then, all on loopback:

- wrk loads the home page for the whole run;
- a prober fetches an article page every 50 ms and records each answer and when;
- a writer inserts rows straight through psycopg (autocommit) and remembers each row whose
  INSERT returned: an acknowledged write;
- a few seconds in, the cluster is stopped with ``-m immediate`` (a crash: no checkpoint),
  kept down for ``--fault-outage`` seconds (default 3), and started again.

Reported: wrk's totals and errors, what visitors got while the database was down (503 page
expected, never a 500), how long errors went on after the database was back, and whether
every write acknowledged before the stop is still there after crash recovery.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from bench.harness import fresh_database, manage, median, say, serve, wrk

PG_BIN = Path(os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))
DEFAULT_PORT = 55432


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as PostgreSQL binds
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class PrivateCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, owned by ``postgres`` if root."""

    def __init__(self, port: int = DEFAULT_PORT):
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"initdb not found in {PG_BIN} (set BENCH_PG_BIN)")
        self.port = port if _port_free(port) else _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="nanhai-fault-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.root, user="postgres", group="postgres")

    def _run(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.as_user, *cmd], check=check, capture_output=True, text=True, timeout=120
        )

    def init(self) -> None:
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=on -c synchronous_commit=on -c max_connections=60"
        )
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False
        )

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Prober(threading.Thread):
    """GET one URL every ``interval`` seconds; record (time, status or error name)."""

    def __init__(self, url: str, interval: float = 0.05):
        super().__init__(daemon=True)
        self.url, self.interval = url, interval
        # (sent, answered, status, Retry-After)
        self.samples: list[tuple[float, float, str, str]] = []
        self.stop_event = threading.Event()

    def run(self):
        while not self.stop_event.is_set():
            started = time.monotonic()
            retry_after = ""
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    response.read()
                    status = str(response.status)
            except urllib.error.HTTPError as exc:
                status = str(exc.code)
                retry_after = exc.headers.get("Retry-After", "")
                body = exc.read().decode("utf-8", "replace")
                if exc.code == 503 and "网站暂时无法访问" not in body:
                    status = "503-without-page"
            except OSError as exc:
                status = type(exc).__name__
            self.samples.append((started, time.monotonic(), status, retry_after))
            self.stop_event.wait(max(0.0, self.interval - (time.monotonic() - started)))


class Writer(threading.Thread):
    """INSERT rows one by one (autocommit); remember when each was acknowledged."""

    def __init__(self, conninfo: str):
        super().__init__(daemon=True)
        self.conninfo = conninfo
        self.acked: list[tuple[float, int]] = []
        self.failures = 0
        self.stop_event = threading.Event()

    def run(self):
        import psycopg

        seq = 0
        conn = None
        while not self.stop_event.is_set():
            try:
                if conn is None or conn.closed:
                    conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=2)
                seq += 1
                conn.execute("INSERT INTO bench_fault_writes (seq) VALUES (%s)", [seq])
                self.acked.append((time.monotonic(), seq))
            except psycopg.Error:
                self.failures += 1
                with contextlib.suppress(Exception):
                    conn.close()
                conn = None
                self.stop_event.wait(0.1)
            self.stop_event.wait(0.01)
        if conn is not None:
            conn.close()


def _conninfo(port: int, dbname: str) -> str:
    return f"host=127.0.0.1 port={port} user=postgres dbname={dbname}"


def _one_round(cluster, base, conninfo, article_id, args, *, duration, outage, stop_at=5.0):
    """One crash-and-restart under load; returns the round's measures."""
    prober = Prober(f"{base}/articles/{article_id}/")
    writer = Writer(conninfo)
    load: dict = {}
    loader = threading.Thread(
        target=lambda: load.update(
            wrk(
                base + "/",
                duration=duration,
                connections=min(args.connections, 8),  # the prober must not queue too long
                threads=args.threads,
            )
        ),
        daemon=True,
    )
    prober.start()
    writer.start()
    loader.start()
    time.sleep(stop_at)
    acked_before_stop = list(writer.acked)
    t_stop = time.monotonic()
    cluster.stop("immediate")
    t_down = time.monotonic()
    time.sleep(outage)
    cluster.start()
    t_up = time.monotonic()
    loader.join(timeout=duration + 90)
    time.sleep(0.5)
    prober.stop_event.set()
    writer.stop_event.set()
    prober.join(10)
    writer.join(10)

    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        stored = {row[0] for row in conn.execute("SELECT seq FROM bench_fault_writes")}
        conn.execute("TRUNCATE bench_fault_writes")  # the next round numbers from 1 again

    samples = prober.samples
    bad = [(answered, st) for _, answered, st, _ in samples if st != "200"]
    late_errors = [answered for answered, _ in bad if answered >= t_up]
    good_after = [answered for _, answered, st, _ in samples if st == "200" and answered >= t_up]
    return {
        "requests": load.get("requests", 0),
        "errors": load.get("errors", 0),
        "p50_ms": load.get("p50_ms", 0.0),
        "down_s": t_up - t_stop,
        "start_s": t_up - t_down - outage,
        "during": Counter(st for sent, _, st, _ in samples if t_down <= sent < t_up),
        "retry_after": {ra for _, _, st, ra in samples if st == "503" and ra},
        "probe_errors": len(bad),
        "probes": len(samples),
        "recovery_s": (max(late_errors) - t_up) if late_errors else 0.0,
        "first_ok_s": (min(good_after) - t_up) if good_after else float("nan"),
        "acked_before": len(acked_before_stop),
        "lost_before": sum(1 for _, seq in acked_before_stop if seq not in stored),
        "acked": len(writer.acked),
        "lost": sum(1 for _, seq in writer.acked if seq not in stored),
        "http_500": sum(1 for _, st in bad if st == "500"),
    }


def run(report, args) -> None:
    duration = max(2 * int(getattr(args, "duration", 10)), 16)
    outage = float(os.environ.get("BENCH_FAULT_OUTAGE", "3"))
    rounds = max(1, min(int(getattr(args, "rounds", 3)), 5))
    cluster = PrivateCluster()
    say(f"private PostgreSQL cluster in {cluster.root}, port {cluster.port}")
    try:
        cluster.init()
        cluster.start()
        url = fresh_database("nanhai_bench_fault", host="127.0.0.1", port=cluster.port)
        manage(url, "load_demo")
        import psycopg

        conninfo = _conninfo(cluster.port, "nanhai_bench_fault")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE bench_fault_writes (seq bigint PRIMARY KEY, at timestamptz DEFAULT now())"
            )
            article_id = conn.execute(
                "SELECT id FROM articles_article WHERE status = 'published' ORDER BY id LIMIT 1"
            ).fetchone()[0]

        results = []
        with serve(url, workers=args.workers) as base:
            for number in range(1, rounds + 1):
                say(f"round {number}/{rounds}: crash PostgreSQL {outage:.0f} s under load")
                results.append(
                    _one_round(
                        cluster, base, conninfo, article_id, args, duration=duration, outage=outage
                    )
                )

        def cell(r):
            during = ", ".join(f"{k}×{v}" for k, v in sorted(r["during"].items())) or "-"
            return [
                f"{r['requests']}, {r['errors']}",
                f"{r['down_s']:.1f}",
                during,
                ", ".join(sorted(r["retry_after"])) or "-",
                f"{r['probe_errors']} of {r['probes']}",
                f"{r['recovery_s']:.2f}",
                f"{r['first_ok_s']:.2f}",
                f"{r['acked_before']} / {r['lost_before']}",
                f"{r['acked']} / {r['lost']}",
                str(r["http_500"]),
            ]

        headers = [
            "round",
            "wrk requests, errors",
            "DB down (s)",
            "probe while down",
            "Retry-After",
            "probe errors",
            "errors after DB back (s)",
            "first good page (s)",
            "acked before crash / lost",
            "acked in all / lost",
            "HTTP 500",
        ]
        rows = [[str(i), *cell(r)] for i, r in enumerate(results, 1)]
        rows.append(
            [
                "median",
                f"{median([r['requests'] for r in results]):.0f}, {median([r['errors'] for r in results]):.0f}",
                f"{median([r['down_s'] for r in results]):.1f}",
                "",
                "",
                f"{median([r['probe_errors'] for r in results]):.0f}",
                f"{median([r['recovery_s'] for r in results]):.2f}",
                f"{median([r['first_ok_s'] for r in results]):.2f}",
                f"lost {sum(r['lost_before'] for r in results)} in all",
                f"lost {sum(r['lost'] for r in results)} in all",
                str(sum(r["http_500"] for r in results)),
            ]
        )
        report.table(
            f"Fault: PostgreSQL crashed (pg_ctl stop -m immediate), down {outage:.0f} s, "
            f"restarted under wrk load on / ({min(args.connections, 8)} connections, "
            f"{duration} s per round, {args.workers} gunicorn workers)",
            headers,
            rows,
        )
        report.note(
            "wrk counts the intended 503 answers during the outage as errors. The prober "
            "fetches an article page every 50 ms; 'errors after DB back' is the last non-200 "
            "answer after `pg_ctl start` returned. Writes are INSERTs through psycopg "
            "(autocommit); an acknowledged write is one whose INSERT returned before the crash."
        )
        lost = sum(r["lost_before"] for r in results)
        if lost:
            raise AssertionError(f"{lost} acknowledged writes lost")
    finally:
        cluster.destroy()
