"""WeChat JS-SDK share cards: the server signs each page's URL with a ``jsapi_ticket``.

WeChat's in-app browser ignores Open Graph tags; a page gets a share card (title,
description, link, picture) only by calling ``wx.updateAppMessageShareData`` after
``wx.config`` with a signature the server computed. That needs two calls to WeChat's API,
written here with the standard library:

1. ``POST /cgi-bin/stable_token`` with the AppID and AppSecret → an access token
   (``expires_in`` 7200 s). The *stable* token is used because asking for it again does not
   invalidate the one other servers hold (``/cgi-bin/token`` does).
2. ``GET /cgi-bin/ticket/getticket?type=jsapi`` with the token → the ``jsapi_ticket``.

Both are kept in the shared cache (Redis in production, so every worker uses the same)
with their expiry. A worker that finds one within ``WECHAT_REFRESH_MARGIN`` of expiring
refreshes it, and only one worker at a time does (a lock: ``cache.add``, atomic in Redis),
while the others go on signing with the still-valid ticket. Failures are logged, retried
at most every ``WECHAT_RETRY_SECONDS``, and the page is served without the share card.

Nothing of this runs, and no script is loaded, unless ``WECHAT_APPID`` and
``WECHAT_APPSECRET`` are set.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

TOKEN_EXPIRED = {40001, 40014, 42001}  # invalid or expired access token: get a new one


class WeChatError(Exception):
    def __init__(self, message: str, errcode: int | None = None):
        super().__init__(message)
        self.errcode = errcode


def enabled() -> bool:
    return bool(settings.WECHAT_APPID and settings.WECHAT_APPSECRET)


def now() -> float:
    """The clock (a function, so tests can move it)."""
    return time.time()


@dataclass(frozen=True)
class Credential:
    name: str  # "token" or "ticket"

    @property
    def key(self) -> str:
        return f"wechat:{settings.WECHAT_APPID}:{self.name}"


TOKEN = Credential("token")
TICKET = Credential("ticket")
LOCK_KEY = "wechat:{appid}:refresh-lock"
FAILED_KEY = "wechat:{appid}:failed"


# --- The two API calls -----------------------------------------------------------------------


def _call(path: str, *, query: dict | None = None, body: dict | None = None) -> dict:
    url = settings.WECHAT_API_BASE.rstrip("/") + path
    if query:
        url += "?" + urllib.parse.urlencode(query)
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    if data:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=settings.WECHAT_TIMEOUT) as response:
            answer = json.loads(response.read(65536).decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise WeChatError(f"{path}: {exc}") from exc
    if not isinstance(answer, dict):
        raise WeChatError(f"{path}: unexpected answer")
    if answer.get("errcode"):
        errcode = answer.get("errcode")
        raise WeChatError(f"{path}: errcode {errcode} {answer.get('errmsg', '')}", errcode)
    return answer


def _fetch_token() -> tuple[str, int]:
    answer = _call(
        "/cgi-bin/stable_token",
        body={
            "grant_type": "client_credential",
            "appid": settings.WECHAT_APPID,
            "secret": settings.WECHAT_APPSECRET,
            "force_refresh": False,
        },
    )
    return answer["access_token"], int(answer.get("expires_in", 7200))


def _fetch_ticket(token: str) -> tuple[str, int]:
    answer = _call("/cgi-bin/ticket/getticket", query={"access_token": token, "type": "jsapi"})
    return answer["ticket"], int(answer.get("expires_in", 7200))


# --- Cached, refreshed before expiry, one refresh at a time --------------------------------


def _store(credential: Credential, value: str, expires_in: int) -> dict:
    entry = {"value": value, "expires_at": now() + expires_in}
    cache.set(credential.key, entry, max(expires_in, 1))
    return entry


def _valid(entry) -> bool:
    return bool(entry) and now() < entry["expires_at"]


def _fresh(entry) -> bool:
    return _valid(entry) and now() < entry["expires_at"] - settings.WECHAT_REFRESH_MARGIN


def _access_token(*, renew: bool = False) -> str:
    entry = None if renew else cache.get(TOKEN.key)
    if _fresh(entry):
        return entry["value"]
    token, expires_in = _fetch_token()
    _store(TOKEN, token, expires_in)
    return token


def _refresh_ticket() -> dict:
    token = _access_token()
    try:
        ticket, expires_in = _fetch_ticket(token)
    except WeChatError as exc:
        if exc.errcode not in TOKEN_EXPIRED:
            raise
        # The token went stale early (e.g. the AppSecret was reset): once more, anew.
        ticket, expires_in = _fetch_ticket(_access_token(renew=True))
    return _store(TICKET, ticket, expires_in)


def jsapi_ticket() -> str | None:
    """The current ticket, or ``None`` when WeChat can't be reached (the page then has no
    share card; the failure is logged)."""
    appid = settings.WECHAT_APPID
    entry = cache.get(TICKET.key)
    if _fresh(entry):
        return entry["value"]
    if cache.get(FAILED_KEY.format(appid=appid)):
        return entry["value"] if _valid(entry) else None
    lock = LOCK_KEY.format(appid=appid)
    if cache.add(lock, 1, settings.WECHAT_TIMEOUT * 3 + 1):
        try:
            return _refresh_ticket()["value"]
        except (WeChatError, KeyError, TypeError, ValueError) as exc:
            logger.warning("WeChat JS-SDK ticket could not be refreshed: %s", exc)
            cache.set(FAILED_KEY.format(appid=appid), 1, settings.WECHAT_RETRY_SECONDS)
            return entry["value"] if _valid(entry) else None
        finally:
            cache.delete(lock)
    if _valid(entry):
        return entry["value"]  # another worker is refreshing; this one is still good
    # No usable ticket and another worker is fetching one: wait for it, briefly.
    deadline = time.monotonic() + settings.WECHAT_LOCK_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        entry = cache.get(TICKET.key)
        if _valid(entry):
            return entry["value"]
    return None


# --- The page's configuration ------------------------------------------------------------------


def signature(*, ticket: str, nonce: str, timestamp: int, url: str) -> str:
    """WeChat's JS-SDK signature: SHA-1 of the four fields in this order (the URL without
    its ``#`` fragment)."""
    url = url.split("#", 1)[0]
    text = f"jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url}"
    return hashlib.sha1(text.encode()).hexdigest()  # noqa: S324 - WeChat's algorithm


def share_config(
    *, page_url: str, title: str, description: str, link: str, image: str
) -> dict | None:
    """What ``static/js/wechat-share.js`` needs, or ``None`` (not configured, or no ticket)."""
    if not enabled():
        return None
    ticket = jsapi_ticket()
    if not ticket:
        return None
    nonce = secrets.token_hex(8)
    timestamp = int(now())
    return {
        "appId": settings.WECHAT_APPID,
        "timestamp": timestamp,
        "nonceStr": nonce,
        "signature": signature(ticket=ticket, nonce=nonce, timestamp=timestamp, url=page_url),
        "url": page_url,
        "sdk": settings.WECHAT_JSSDK_URL,
        "title": title,
        "desc": description,
        "link": link,
        "imgUrl": image,
    }
