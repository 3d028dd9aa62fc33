"""deploy/nginx.conf sends attachments only through the site (X-Accel-Redirect to an
internal location), always as a download with nosniff; never directly from /media/."""

import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.nginx import free_port, nginx_binary, serve_folder, start, write_config

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


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("nginx")
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed")
    site = ThreadingHTTPServer(("127.0.0.1", 0), FakeSite)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    # The object store: the bucket "nanhai-media" as a folder served over HTTP.
    stored = tmp_path / "store" / "nanhai-media" / STORED
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"PK\x03\x04 the document <html><script>alert(1)</script>")
    store = serve_folder(tmp_path / "store")
    port = free_port()
    config = write_config(
        tmp_path / "nginx",
        port=port,
        web=f"127.0.0.1:{site.server_port}",
        media=f"127.0.0.1:{store.server_port}",
    )
    process = start(binary, config, port)
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
