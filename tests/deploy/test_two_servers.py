"""Two app servers (two gunicorn instances, production settings) on one PostgreSQL, one
Redis and one object store: what one does, the other sees."""

import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from articles.models import Article
from tests.deploy.conftest import free_port
from tests.factories import ArticleFactory, UserFactory
from tests.photos.images import phone_jpeg
from tests.workplan.factories import TaskFactory, WorkPlanFactory
from workplan import share

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "two-servers-share-everything"


class Browser:
    """A browser session (cookies) that can talk to any of the servers."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, url, data=None, headers=None):
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.geturl(), response.read()
        except urllib.error.HTTPError as error:
            return error.code, url, error.read()

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def login(self, base, username):
        self.request(base + "/admin/login/")
        form = urllib.parse.urlencode(
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf(),
                "next": "/admin/",
            }
        ).encode()
        return self.request(base + "/admin/login/?next=/admin/", data=form)


def _gunicorn(port, env, log):
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "nanhai.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            "/dev/null",
            "--max-requests",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(base, process, log_path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(Path(log_path).read_text()[-3000:])
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{base} did not start")


@pytest.fixture
def two_servers(s3_server, tmp_path):
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        if os.environ.get("CI"):
            pytest.fail("REDIS_URL must be set in CI")
        pytest.skip("REDIS_URL is not set (the servers share Redis)")
    if connection.vendor != "postgresql":
        pytest.skip("the servers share PostgreSQL")
    bucket = s3_server.new_bucket(f"two-{uuid.uuid4().hex[:10]}")
    s3_server.allow_public_read(bucket)
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        **s3_server.environment(bucket),
        "DJANGO_SETTINGS_MODULE": "nanhai.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        # Pages link straight to the store (no nginx here); the CSP follows MEDIA_URL.
        "DJANGO_MEDIA_URL": f"{s3_server.endpoint}/{bucket}/",
        "DJANGO_PLAIN_STATIC": "1",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "NANHAI_VAR_DIR": str(tmp_path / "var"),
    }
    servers, processes = [], []
    for name in ("a", "b"):
        port = free_port()
        log_path = tmp_path / f"gunicorn-{name}.log"
        process = _gunicorn(port, env, log_path.open("w"))
        processes.append(process)
        servers.append((f"http://127.0.0.1:{port}", process, log_path))
    try:
        for base, process, log_path in servers:
            _wait(base, process, log_path)
        yield [base for base, _p, _l in servers], bucket
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def staff(settings):
    # Hashed as production can verify (the suite's fast hasher is not in its list).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    return UserFactory(username="desk", password=PASSWORD, is_staff=True, is_superuser=True)


def _multipart(field, filename, data, content_type="image/jpeg"):
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_two_servers_share_sessions_media_pages_and_share_cards(two_servers, staff, s3_server):
    (a, b), bucket = two_servers
    desk = Browser()

    # A staff session opened on one server works on the other.
    status, landed, _body = desk.login(a, "desk")
    assert status == 200
    assert landed.endswith("/admin/")
    status, landed, body = desk.request(b + "/admin/")
    assert status == 200
    assert landed.endswith("/admin/")  # not sent back to the login page
    assert "desk" in body.decode()

    # A photo uploaded through A is in the shared store, and B's pages show it.
    body, content_type = _multipart("upload", "phone.jpg", phone_jpeg((1000, 750)))
    status, _url, answer = desk.request(
        a + "/ckeditor5/image_upload/",
        data=body,
        headers={"Content-Type": content_type, "X-CSRFToken": desk.csrf(), "Referer": a},
    )
    assert status == 200, answer
    uploaded = json.loads(answer)
    article = ArticleFactory(
        headline="两台服务器之间", cover_id=uploaded["photo_id"], status=Article.Status.DRAFT
    )
    reader = Browser()
    status, _url, page = reader.request(b + article.get_absolute_url())
    assert status == 404
    status, _url, page = desk.request(b + article.get_absolute_url())  # staff preview on B
    assert status == 200
    image_url = re.search(rf'src="({re.escape(s3_server.endpoint)}/[^"]+\.jpg)"', page.decode())
    assert image_url, "B's page does not link the photo in the store"
    with urllib.request.urlopen(image_url.group(1), timeout=10) as response:
        assert response.headers["Content-Type"] == "image/jpeg"
        assert response.read(3) == b"\xff\xd8\xff"

    # Published through A: B's readers see it within a second (B had the page cached).
    for _ in range(2):
        assert "两台服务器之间" not in reader.request(b + "/")[2].decode()
    changelist = a + "/admin/articles/article/"
    form = urllib.parse.urlencode(
        {
            "action": "publish_selected",
            "_selected_action": str(article.pk),
            "csrfmiddlewaretoken": desk.csrf(),
            "index": "0",
        }
    ).encode()
    status, _url, _body = desk.request(changelist, data=form, headers={"Referer": changelist})
    published_at = time.monotonic()
    assert status == 200
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    while "两台服务器之间" not in reader.request(b + "/")[2].decode():
        assert time.monotonic() - published_at < 1.0, "B still shows the old home page"
        time.sleep(0.02)
    assert reader.request(b + article.get_absolute_url())[0] == 200

    # The share card: both servers asked at once, one card drawn, the same on both.
    TaskFactory(plan=WorkPlanFactory(year=2020, is_published=True))
    pages = {}

    def view(base):
        pages[base] = Browser().request(base + "/plans/2020/")[2].decode()

    threads = [threading.Thread(target=view, args=(base,)) for base in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cards = s3_server.keys(bucket, "workplan/share/")
    if share.find_font() is None:
        assert cards == []  # no CJK font here: no card, and the pages say nothing of one
        return
    assert len(cards) == 1
    for page in pages.values():
        assert cards[0] in page
