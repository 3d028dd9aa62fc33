"""deploy/nginx.conf sends attachments only through the site (X-Accel-Redirect to an
internal location), always as a download with nosniff; never directly from /media/."""

import functools
import getpass
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
STORED = "attachments/2026/11/0123456789abcdef0123456789abcdef.docx"
DISPOSITION = (
    "attachment; filename=\"attachment-7.docx\"; filename*=UTF-8''%E6%8A%A5%E5%90%8D%E8%A1%A8.docx"
)


class FakeSite(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers /attachments/... as the download view does."""

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.send_response(200)
        self.send_header(
            "Content-Type",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        self.send_header("Content-Disposition", DISPOSITION)
        self.send_header("X-Accel-Redirect", "/_attachments/" + STORED)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("nginx")
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if binary is None:
        pytest.skip("nginx is not installed")
    site = ThreadingHTTPServer(("127.0.0.1", 0), FakeSite)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    # The object store: the bucket "nanhai-media" as a folder served over HTTP.
    store = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietFiles, directory=str(tmp_path / "store"))
    )
    threading.Thread(target=store.serve_forever, daemon=True).start()
    port = _free_port()
    conf = (
        NGINX_CONF.replace("server web:8000;", f"server 127.0.0.1:{site.server_port};")
        .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
        .replace("server minio:9000;", f"server 127.0.0.1:{store.server_port};")
        .replace("/var/cache/nginx/nanhai", str(tmp_path / "cache"))
    )
    (tmp_path / "site.conf").write_text(conf)
    temp = tmp_path / "tmp"
    temp.mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"""
daemon off;
user {getpass.getuser()};
worker_processes 1;
error_log {tmp_path}/error.log;
pid {tmp_path}/nginx.pid;
events {{ worker_connections 32; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {tmp_path}/site.conf;
}}
"""
    )
    stored = tmp_path / "store" / "nanhai-media" / STORED
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"PK\x03\x04 the document <html><script>alert(1)</script>")
    check = subprocess.run(
        [binary, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([binary, "-c", str(tmp_path / "nginx.conf")])
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    site.shutdown()
    store.shutdown()


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_nginx_sends_the_file_the_site_allows_as_a_download_with_nosniff(nginx):
    status, headers, body = _get(nginx + "/attachments/7/%E6%8A%A5%E5%90%8D%E8%A1%A8.docx")
    assert status == 200
    assert body.startswith(b"PK\x03\x04 the document")
    assert headers["Content-Disposition"] == DISPOSITION
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert "html" not in headers["Content-Type"]


def test_nginx_never_serves_attachments_directly(nginx):
    for path in ("/_attachments/" + STORED, "/media/" + STORED):
        status, _, body = _get(nginx + path)
        assert status == 404, path
        assert b"the document" not in body
