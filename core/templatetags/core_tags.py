from django import template
from django.utils.safestring import mark_safe

from core.html import sanitize_html

register = template.Library()


@register.filter
def sanitized(value):
    """Render rich text: sanitized again at output, the only way rich text reaches a page."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - the output of the sanitizer


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute URL for share tags, feeds and canonical links."""
    return _absolute(context.get("request"), path)


def _absolute(request, path: str) -> str:
    from django.conf import settings

    if not path:
        return ""
    if settings.SITE_URL:
        return settings.SITE_URL + path if path.startswith("/") else path
    if request is None or path.startswith(("http://", "https://")):
        return path
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def qr_code(context, path, title=""):
    """An inline SVG QR code of the absolute URL of ``path`` (core.qr)."""
    from core.qr import qr_svg

    return mark_safe(qr_svg(_absolute(context.get("request"), path), title=title))  # noqa: S308


@register.inclusion_tag("core/_wechat_share.html", takes_context=True)
def wechat_share(context, *, title, description="", link="", image=""):
    """WeChat's share card for this page (core.wechat), when WECHAT_APPID and
    WECHAT_APPSECRET are set; nothing otherwise. The signed URL is the one the page was
    requested at (WeChat checks it); the card links to ``link`` (the canonical URL)."""
    from django.conf import settings

    from core import wechat
    from core.html import summarize_text

    request = context.get("request")
    if request is None or not wechat.enabled():
        return {"config": None}
    page_url = (
        settings.SITE_URL + request.get_full_path()
        if settings.SITE_URL
        else request.build_absolute_uri()
    )
    config = wechat.share_config(
        page_url=page_url,
        title=str(title),
        description=summarize_text(str(description), 120),
        link=_absolute(request, link or request.path),
        image=_absolute(request, image),
    )
    if config:
        request.wechat_share = True  # SiteCSPMiddleware allows WeChat's script here only
    else:
        # WeChat is configured but could not sign just now: serve this page without the
        # card, and don't keep that version in the page cache for the readers after.
        from core import pagecache

        pagecache.do_not_store(request)
    return {"config": config}


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


@register.simple_tag
def person_name(family_name, given_name):
    """A person's full name from Django's last/first name: 包杰 (family name first, no
    space) for Chinese names, "Given Family" otherwise; never the user name."""
    family, given = (family_name or "").strip(), (given_name or "").strip()
    if family and given:
        return f"{family}{given}" if _has_cjk(family + given) else f"{given} {family}"
    return family or given


@register.filter
def list_date(value):
    """The date of an item in a list: 10月8日 this year, 2020年10月8日 for other years."""
    if not value:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if local.year == timezone.localdate().year:
        return f"{local.month}月{local.day}日"
    return f"{local.year}年{local.month}月{local.day}日"


@register.filter
def person(user):
    """A staff member as the admin names them: 姓名, else the user name."""
    from core.people import display_name

    return display_name(user)


@register.filter
def summary(value, limit=120):
    """An automatic summary of plain text (a profile's deeds, a series' or a plan's
    introduction): whole sentences up to ``limit`` characters (``core.html.summarize_text``),
    for meta descriptions and share cards. ``|truncatechars`` would cut mid-sentence."""
    from core.html import summarize_text

    return summarize_text(str(value or ""), int(limit))
