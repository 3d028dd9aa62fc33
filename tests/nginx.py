"""nginx with deploy/nginx.conf for the tests (deploy, attachments, quality gates): the site
and the object store replaced by local addresses, everything else as deployed."""

from __future__ import annotations

import functools
import getpass
import http.server
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def write_config(folder: Path, *, port: int, web: str, media: str = "127.0.0.1:9") -> Path:
    """deploy/nginx.conf listening on ``port``, with the site at ``web`` and the object
    store at ``media`` ("host:port"), its cache and temporary files under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / "tmp"
    temp.mkdir(exist_ok=True)
    site = (
        NGINX_CONF.read_text(encoding="utf-8")
        .replace("server web:8000;", f"server {web};")
        .replace("server minio:9000;", f"server {media};")
        .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
        .replace("/var/cache/nginx/nanhai", str(folder / "cache"))
    )
    assert f"server {web};" in site, "deploy/nginx.conf changed: update tests/nginx.py"
    assert f"server {media};" in site, "deploy/nginx.conf changed: update tests/nginx.py"
    (folder / "site.conf").write_text(site, encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(
        f"""
daemon off;
user {getpass.getuser()};
worker_processes 1;
error_log {folder}/error.log;
pid {folder}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {folder}/site.conf;
}}
""",
        encoding="utf-8",
    )
    return main


def start(binary: str, config: Path, port: int, **popen) -> subprocess.Popen:
    """Check ``config`` with ``nginx -t``, start nginx on it and wait for ``port``."""
    check = subprocess.run([binary, "-t", "-c", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([binary, "-c", str(config)], **popen)
    wait_for_port(port)
    return process


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder: Path) -> http.server.ThreadingHTTPServer:
    """``folder`` over HTTP (a stand-in for the object store: the bucket is a subfolder)."""
    handler = functools.partial(QuietFiles, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
