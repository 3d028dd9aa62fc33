"""The site as in production for the quality gates: gunicorn with production settings
(DEBUG off, a real key, WhiteNoise's compressed manifest storage after `collectstatic`)
behind nginx with `deploy/nginx.conf` (gzip, media and attachments from the media folder),
on free loopback ports, against the test database.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

from bench.harness import free_port, wait_for
from tests.nginx import nginx_binary, serve_folder, write_config

ROOT = Path(__file__).resolve().parents[2]


def _production_env(database_url: str, static_root: Path, media_root: Path, site_url: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST_")) and k not in {"REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "nanhai.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SITE_URL": site_url,  # as production sets it (nginx passes the host only)
            "DJANGO_STATIC_ROOT": str(static_root),
            "DJANGO_MEDIA_ROOT": str(media_root),
            "DATABASE_URL": database_url,
            # No pool: the test database is emptied and dropped after the test.
            "DJANGO_DB_POOL": "0",
            "ATTACHMENTS_X_ACCEL_REDIRECT": "/_attachments/",  # as docker compose sets it
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@contextlib.contextmanager
def production_site(*, database_url: str, media_root: Path, folder: Path):
    """Yield the base URL of nginx → gunicorn serving the site in production mode."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed (Debian package 'nginx')")
    port, upstream_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    static_root = folder / "static"
    env = _production_env(database_url, static_root, media_root, base)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = (folder / "gunicorn.log").open("wb")
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "nanhai.wsgi:application",
            "--bind",
            f"127.0.0.1:{upstream_port}",
            "--workers",
            "2",
            "--max-requests",
            "0",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # The object store nginx fetches media from: the bucket "nanhai-media" is the site's
    # MEDIA_ROOT, served over HTTP (as MinIO would serve it in docker compose).
    (folder / "store").mkdir(exist_ok=True)
    bucket = folder / "store" / "nanhai-media"
    if not bucket.exists():
        bucket.symlink_to(media_root, target_is_directory=True)
    store = serve_folder(folder / "store")
    conf = write_config(
        folder / "nginx",
        port=port,
        web=f"127.0.0.1:{upstream_port}",
        media=f"127.0.0.1:{store.server_port}",
    )
    server = None
    try:
        wait_for(f"http://127.0.0.1:{upstream_port}/robots.txt", proc=gunicorn)
        subprocess.run([nginx, "-t", "-q", "-c", str(conf)], check=True, capture_output=True)
        server = subprocess.Popen([nginx, "-c", str(conf)], start_new_session=True)
        wait_for(base + "/robots.txt", proc=server)
        yield base
    except BaseException:
        log.flush()
        sys.stderr.write((folder / "gunicorn.log").read_text(errors="replace")[-3000:])
        raise
    finally:
        if server is not None:
            _stop(server)
        _stop(gunicorn)
        store.shutdown()
        store.server_close()
        log.close()
