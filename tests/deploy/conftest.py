"""Servers for the deploy tests: nginx with deploy/nginx.conf, a plain file server."""

import functools
import getpass
import http.server
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


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


@pytest.fixture
def start_nginx(tmp_path):
    """``start_nginx(web="host:port", media="host:port")``: nginx with deploy/nginx.conf,
    the site and the object store replaced by the given addresses; returns its base URL."""
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed")
    processes = []

    def start(web: str, media: str = "127.0.0.1:9") -> str:
        port = free_port()
        root = tmp_path / f"nginx-{port}"
        temp = root / "tmp"
        temp.mkdir(parents=True)
        conf = (
            NGINX_CONF.replace("server web:8000;", f"server {web};")
            .replace("server minio:9000;", f"server {media};")
            .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
            .replace("/var/cache/nginx/nanhai", str(root / "cache"))
        )
        (root / "site.conf").write_text(conf)
        (root / "nginx.conf").write_text(
            f"""
daemon off;
user {getpass.getuser()};
worker_processes 1;
error_log {root}/error.log;
pid {root}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {root}/site.conf;
}}
"""
        )
        test = subprocess.run(
            [binary, "-t", "-c", str(root / "nginx.conf")], capture_output=True, text=True
        )
        assert test.returncode == 0, test.stderr
        process = subprocess.Popen([binary, "-c", str(root / "nginx.conf")])
        processes.append(process)
        wait_for_port(port)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def static_upstream():
    """``static_upstream(folder)``: serve ``folder`` over HTTP (an object store stand-in);
    returns "127.0.0.1:port"."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
