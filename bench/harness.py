"""Shared machinery for the benchmarks: a fresh PostgreSQL database, gunicorn, wrk, a report.

Everything runs on loopback (127.0.0.1) and every load is bounded in time. The bench modules
(`bench/core.py`, `bench/photos.py`, ...) use only what is here, so the numbers they print
come from the same server setup:

    from bench.harness import Report, fresh_database, serve, wrk

    url = fresh_database("nanhai_bench")
    with serve(url) as base:
        result = wrk(base + "/news/", duration=10)
    report.table("Pages", ["page", "req/s"], [["news", f"{result['rps']:.0f}"]])
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
OUT_DIR = ROOT / "var" / "bench"
# Where the bench collects static files: its own folder, so it never touches var/static.
STATIC_ROOT = OUT_DIR / "static"
PG_HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5432"))
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"

# One random key per bench run: production settings refuse to start without one.
_SECRET_KEY = secrets.token_urlsafe(50)
# The Redis database of the bench's cached server (emptied by the bench).
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def say(*parts) -> None:
    """Progress and results on stdout (the bench is a command-line tool)."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def database_url(name: str, *, host: str = PG_HOST, port: int = PG_PORT) -> str:
    return f"postgres://{PG_USER}@{host}:{port}/{name}"


def production_env(database_url: str, extra_env: dict | None = None) -> dict:
    """The environment of a production-like process (DEBUG off, real key, loopback host)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_DEBUG", "PYTEST_VERSION", "REDIS_URL"}
    }
    env.update(
        {
            # No page cache unless asked for (extra_env: REDIS_URL and DJANGO_PAGE_CACHE=1).
            "DJANGO_PAGE_CACHE": "0",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": _SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(STATIC_ROOT),
            "DJANGO_MEDIA_ROOT": str(OUT_DIR / "media"),
            "DJANGO_DB_POOL": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra_env or {})
    return env


def manage(database_url: str, *args: str, extra_env: dict | None = None, quiet: bool = True):
    """Run `manage.py <args>` with production settings against ``database_url``."""
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=production_env(database_url, extra_env),
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def fresh_database(name: str, *, host: str = PG_HOST, port: int = PG_PORT) -> str:
    """Drop and recreate PostgreSQL database ``name``, migrate it, create the roles.

    Returns its DATABASE_URL. Refuses names that do not look like a bench database, so a
    typo can never drop the site's own database.
    """
    if not name.replace("_", "").isalnum() or "bench" not in name:
        raise ValueError(f"refusing to recreate {name!r}: bench database names contain 'bench'")
    import psycopg

    with psycopg.connect(
        host=host, port=port, user=PG_USER, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name, host=host, port=port)
    manage(url, "migrate", "--noinput")
    manage(url, "setup_site", "--no-admin")
    return url


_static_done = False


def collectstatic(database_url: str) -> None:
    """Collect static files once per bench run (WhiteNoise's compressed manifest storage)."""
    global _static_done
    if _static_done:
        return
    manage(database_url, "collectstatic", "--noinput", "--clear")
    _static_done = True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers; a 404 on the probe URL is fine
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} after {timeout:.0f} s")


@contextlib.contextmanager
def serve(
    database_url: str,
    workers: int = 2,
    port: int = 0,
    extra_env: dict | None = None,
    gunicorn_args: list[str] | None = None,
    worker_class: str = "sync",
    threads: int = 1,
):
    """Run the site under gunicorn with production settings; yield its base URL.

    ``extra_env`` overrides the environment (e.g. ``{"DJANGO_DB_POOL": "0"}``);
    ``gunicorn_args`` adds command-line options (e.g. ``["--threads", "4"]``).
    """
    collectstatic(database_url)
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)
    cmd = [
        str(Path(PYTHON).with_name("gunicorn")),
        "nanhai.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--access-logfile",
        "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        "--error-logfile",
        "-",
        "--timeout",
        "60",
        # gunicorn.conf.py (read from the working directory) recycles workers every ~1000
        # requests; at bench rates that would restart them every second, measuring imports.
        "--max-requests",
        "0",
        *(gunicorn_args or []),
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=production_env(database_url, extra_env),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(base + "/robots.txt", proc=proc)
        yield base
    except BaseException:
        log.flush()
        tail = Path(log.name).read_text(errors="replace")[-3000:]
        sys.stderr.write(f"--- gunicorn log ({log.name}) ---\n{tail}\n")
        raise
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def flush_redis(url: str = BENCH_REDIS_URL) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@contextlib.contextmanager
def nginx_front(upstream: str, static_dir: Path | None = None, workers: int = 2):
    """nginx with deploy/nginx.conf in front of ``upstream`` ("127.0.0.1:port"); with
    ``static_dir``, a second server on another port serves its files as they are.
    Yields ``(base, static_base)``."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed (Debian package 'nginx')")
    port, static_port = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        root = Path(tmp)
        site = (
            NGINX_CONF.read_text(encoding="utf-8")
            .replace("server web:8000;", f"server {upstream};")
            .replace("server minio:9000;", "server 127.0.0.1:9;")
            .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
            .replace("/var/cache/nginx/nanhai", str(root / "cache"))
        )
        if static_dir is not None:
            site += (
                f"\nserver {{ listen 127.0.0.1:{static_port}; access_log off;"
                f" location / {{ root {static_dir}; }} }}\n"
            )
        (root / "site.conf").write_text(site)
        (root / "nginx.conf").write_text(
            f"""daemon off;
user {getpass.getuser()};
worker_processes {workers};
error_log {root}/error.log;
pid {root}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {root}/body; proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fcgi; uwsgi_temp_path {root}/uwsgi; scgi_temp_path {root}/scgi;
    include {root}/site.conf;
}}
"""
        )
        proc = subprocess.Popen(
            [binary, "-c", str(root / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/robots.txt", proc=proc)
            yield base, f"http://127.0.0.1:{static_port}"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def wrk(url: str, duration: int = 10, connections: int = 16, threads: int = 2) -> dict:
    """Load ``url`` with wrk; return rps, p50/p95/p99 latency (ms), errors and requests.

    ``errors`` counts non-2xx/3xx answers plus socket errors (connect, read, write, timeout).
    """
    if not url.startswith(("http://127.0.0.1", "http://localhost")):
        raise ValueError("the bench only loads loopback addresses")
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (Debian package 'wrk')")
    out = subprocess.run(
        [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={duration}s",
            "--timeout=10s",
            f"--script={WRK_SCRIPT}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    line = next(
        (line for line in reversed(out.splitlines()) if line.startswith("BENCH_JSON ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    return {
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": raw["errors"],
        "requests": raw["requests"],
        "bytes": raw["bytes"],
    }


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


class Report:
    """Tables collected during a bench run; printed and written as Markdown."""

    def __init__(self):
        self.started = datetime.now(UTC)
        self.sections: list[str] = []

    def note(self, text: str) -> None:
        self.sections.append(text.rstrip() + "\n")
        say(text)

    def table(self, title: str, headers: list[str], rows: list[list]) -> str:
        cells = [[str(c) for c in row] for row in rows]
        widths = [
            max(len(str(h)), *(len(r[i]) for r in cells)) if cells else len(str(h))
            for i, h in enumerate(headers)
        ]
        lines = [
            f"### {title}",
            "",
            "| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
            *(
                "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
                for r in cells
            ),
        ]
        text = "\n".join(lines) + "\n"
        self.sections.append(text)
        say("\n" + text)
        return text

    def markdown(self) -> str:
        head = (
            f"# Bench run {self.started:%Y-%m-%d %H:%M:%S} UTC\n\n"
            f"Machine: {os.cpu_count()} CPU, Python {sys.version.split()[0]}\n\n"
        )
        return head + "\n".join(self.sections)

    def write(self) -> Path:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        text = self.markdown()
        path = OUT_DIR / f"{self.started:%Y%m%d-%H%M%S}.md"
        path.write_text(text, encoding="utf-8")
        (OUT_DIR / "latest.md").write_text(text, encoding="utf-8")
        return path
