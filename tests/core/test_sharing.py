"""Sharing: the QR code of the canonical URL (inline SVG), and WeChat JS-SDK share cards
against a local fake of WeChat's token and ticket endpoints."""

import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import qrcode
from django.core.cache import cache
from django.urls import reverse
from qrcode.constants import ERROR_CORRECT_M

from core import wechat
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
WECHAT_SCRIPT = "https://res.wx.qq.com"


def csp_scripts(response) -> list[str]:
    for part in response["Content-Security-Policy"].split(";"):
        words = part.split()
        if words and words[0] == "script-src":
            return words[1:]
    return []


# --- QR code -----------------------------------------------------------------------------------


def dark_cells(svg: str) -> set[tuple[int, int]]:
    cells = set()
    for x, y, run in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        cells |= {(int(x) + i, int(y)) for i in range(int(run))}
    return cells


def test_article_page_has_a_qr_code_of_its_canonical_url(client, settings):
    settings.SITE_URL = "https://www.nhgh.example"
    article = ArticleFactory()
    text = client.get(article.get_absolute_url() + "?from=singlemessage").text
    svg = re.search(r"<svg class=\"qr-code\".*?</svg>", text).group(0)
    assert 'role="img"' in svg
    assert 'aria-label="本页链接的二维码"' in svg
    assert "手机扫码阅读" in text
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(f"https://www.nhgh.example{article.get_absolute_url()}")
    code.make(fit=True)
    expected = {
        (x, y) for y, row in enumerate(code.get_matrix()) for x, cell in enumerate(row) if cell
    }
    assert dark_cells(svg) == expected
    assert "style=" not in svg  # the CSP allows no inline styles


# --- A fake of WeChat's API ------------------------------------------------------------------------


class FakeWeChat:
    """``/cgi-bin/stable_token`` and ``/cgi-bin/ticket/getticket``, counting calls."""

    def __init__(self):
        self.calls = {"token": 0, "ticket": 0}
        self.token_answer = None  # e.g. an error dict
        self.ticket_errors = []  # errcodes to answer the next ticket calls with
        self.expires_in = 7200
        self.delay = 0.0
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(("token", body))
                fake.calls["token"] += 1
                time.sleep(fake.delay)
                n = fake.calls["token"]
                self._answer(
                    fake.token_answer
                    or {"access_token": f"TOKEN{n}", "expires_in": fake.expires_in}
                )

            def do_GET(self):  # noqa: N802
                query = parse_qs(urlsplit(self.path).query)
                fake.requests.append(("ticket", query))
                fake.calls["ticket"] += 1
                if fake.ticket_errors:
                    code = fake.ticket_errors.pop(0)
                    self._answer({"errcode": code, "errmsg": "access_token expired"})
                    return
                n = fake.calls["ticket"]
                self._answer(
                    {
                        "errcode": 0,
                        "errmsg": "ok",
                        "ticket": f"TICKET{n}",
                        "expires_in": fake.expires_in,
                    }
                )

            def _answer(self, data):
                payload = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def fake_wechat(settings):
    fake = FakeWeChat()
    settings.WECHAT_APPID = "wx0123456789abcdef"
    settings.WECHAT_APPSECRET = "the-secret"
    settings.WECHAT_API_BASE = f"http://127.0.0.1:{fake.server.server_port}"
    settings.WECHAT_LOCK_WAIT = 0.3
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def clock(monkeypatch):
    """WeChat's expiry times follow this clock (``core.wechat.now``)."""
    state = {"now": 1_800_000_000.0}
    monkeypatch.setattr(wechat, "now", lambda: state["now"])
    return state


def share_card(response):
    match = re.search(
        r'<script id="wechat-share" type="application/json">(.*?)</script>', response.text
    )
    return json.loads(match.group(1)) if match else None


def test_without_the_settings_nothing_of_wechat_loads(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert share_card(response) is None
    assert "wechat-share.js" not in response.text
    assert csp_scripts(response) == ["'self'"]


def test_article_page_carries_a_card_signed_for_its_own_url(client, fake_wechat, clock):
    article = ArticleFactory(headline="职工技能大赛开幕", summary="全区职工同台比武。")
    url = article.get_absolute_url() + "?from=singlemessage&isappinstalled=0"
    response = client.get(url)
    card = share_card(response)
    assert card["appId"] == "wx0123456789abcdef"
    assert (card["title"], card["desc"]) == ("职工技能大赛开幕", "全区职工同台比武。")
    assert card["link"] == "http://testserver" + article.get_absolute_url()
    page_url = "http://testserver" + url
    assert card["url"] == page_url
    expected = hashlib.sha1(
        f"jsapi_ticket=TICKET1&noncestr={card['nonceStr']}&timestamp={card['timestamp']}"
        f"&url={page_url}".encode()
    ).hexdigest()
    assert card["signature"] == expected
    assert card["timestamp"] == int(clock["now"])
    assert '<script src="/static/js/wechat-share.js" defer></script>' in response.text
    # WeChat's script is allowed on this page only.
    assert csp_scripts(response) == ["'self'", WECHAT_SCRIPT]
    assert csp_scripts(client.get(reverse("home"))) == ["'self'"]
    # The token was asked with our credentials, the ticket with that token.
    kind, body = fake_wechat.requests[0]
    assert (kind, body["appid"], body["secret"]) == ("token", "wx0123456789abcdef", "the-secret")
    assert fake_wechat.requests[1] == ("ticket", {"access_token": ["TOKEN1"], "type": ["jsapi"]})


def test_token_and_ticket_are_cached_and_refreshed_before_they_expire(fake_wechat, clock, settings):
    assert wechat.jsapi_ticket() == "TICKET1"
    assert wechat.jsapi_ticket() == "TICKET1"
    assert fake_wechat.calls == {"token": 1, "ticket": 1}
    clock["now"] += 7200 - settings.WECHAT_REFRESH_MARGIN - 1
    assert wechat.jsapi_ticket() == "TICKET1"  # still fresh
    assert fake_wechat.calls == {"token": 1, "ticket": 1}
    clock["now"] += 2  # within the margin: refreshed while the old one is still valid
    assert wechat.jsapi_ticket() == "TICKET2"
    assert fake_wechat.calls == {"token": 2, "ticket": 2}


def test_only_one_worker_refreshes_at_a_time(fake_wechat, clock, settings):
    wechat.jsapi_ticket()
    clock["now"] += 7200 - settings.WECHAT_REFRESH_MARGIN + 1
    lock = wechat.LOCK_KEY.format(appid=settings.WECHAT_APPID)
    cache.add(lock, 1, 30)  # another worker is refreshing
    assert wechat.jsapi_ticket() == "TICKET1"  # the old one is still valid: use it
    clock["now"] += settings.WECHAT_REFRESH_MARGIN  # now expired, and still locked
    assert wechat.jsapi_ticket() is None  # waited WECHAT_LOCK_WAIT, then went on without
    assert fake_wechat.calls == {"token": 1, "ticket": 1}
    cache.delete(lock)


def test_concurrent_first_requests_ask_wechat_once(fake_wechat, settings):
    fake_wechat.delay = 0.2
    settings.WECHAT_LOCK_WAIT = 10  # the others wait for the one refresh (a busy machine)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(wechat.jsapi_ticket())) for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fake_wechat.calls == {"token": 1, "ticket": 1}
    assert results == ["TICKET1"] * 6


def test_an_error_answer_is_logged_the_page_served_and_wechat_not_asked_again_at_once(
    client, fake_wechat, clock, caplog, settings
):
    fake_wechat.token_answer = {"errcode": 40013, "errmsg": "invalid appid"}
    article = ArticleFactory()
    with caplog.at_level("WARNING", logger="core.wechat"):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert share_card(response) is None
    assert csp_scripts(response) == ["'self'"]
    assert "errcode 40013" in caplog.text
    client.get(article.get_absolute_url())
    assert fake_wechat.calls["token"] == 1  # backed off for WECHAT_RETRY_SECONDS
    cache.delete(wechat.FAILED_KEY.format(appid=settings.WECHAT_APPID))
    fake_wechat.token_answer = None
    assert share_card(client.get(article.get_absolute_url()))["signature"]


def test_a_token_that_went_stale_early_is_renewed_once(fake_wechat, clock):
    wechat.jsapi_ticket()
    cache.delete(wechat.TICKET.key)
    fake_wechat.ticket_errors = [40001]  # e.g. the AppSecret was reset
    assert wechat.jsapi_ticket() == "TICKET3"
    assert fake_wechat.calls == {"token": 2, "ticket": 3}


def test_wechat_unreachable_is_logged_and_the_page_served(client, settings, caplog):
    settings.WECHAT_APPID, settings.WECHAT_APPSECRET = "wx1", "s"
    settings.WECHAT_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    settings.WECHAT_TIMEOUT = 1
    article = ArticleFactory()
    with caplog.at_level("WARNING", logger="core.wechat"):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert share_card(response) is None
    assert "could not be refreshed" in caplog.text


def test_plan_and_profile_pages_carry_the_card_too(client, fake_wechat, clock):
    from tests.profiles.factories import ProfileFactory
    from tests.workplan.factories import WorkPlanFactory

    plan = WorkPlanFactory(year=2020, is_published=True)
    profile = ProfileFactory(name="包杰", is_published=True)
    for url, title in (
        (plan.get_absolute_url(), plan.title),
        (plan.get_overview_url(), f"一图读懂 · {plan.title}"),
        (profile.get_absolute_url(), "包杰 · 人物档案"),
    ):
        response = client.get(url)
        assert share_card(response)["title"] == title, url
        assert WECHAT_SCRIPT in csp_scripts(response)


def test_page_cache_lifetime_beyond_the_ticket_margin_is_reported(settings):
    from django.core.checks import run_checks

    settings.WECHAT_APPID, settings.WECHAT_APPSECRET = "wx123", "secret"
    settings.PAGE_CACHE_ENABLED, settings.PAGE_CACHE_SECONDS = True, 900
    assert "core.W001" in [message.id for message in run_checks()]
    settings.PAGE_CACHE_SECONDS = 300
    assert "core.W001" not in [message.id for message in run_checks()]
