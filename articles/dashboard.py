"""What articles add to the admin's start page (``core.dashboard``), per role.

Editors: 待审 (count and the oldest first), 定时发布 coming up, 最近发布. Reporters: what
came back with the editor's reason (退回修改), their drafts, what they submitted and what
went live. Each box is one query (the returned drafts two: their notes); a box returns
``None`` for the other role, so it is not shown.
"""

from django.db.models import Count, Prefetch, Window
from django.urls import reverse
from django.utils import timezone

from core import dashboard
from core.people import display_name

from .models import Article, ReviewNote
from .permissions import can_edit_article, can_publish_articles

Status = Article.Status
LIST_LENGTH = 8


def _when(value) -> str:
    return f"{timezone.localtime(value):%m-%d %H:%M}" if value else ""


def _change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _list_url(**filters) -> str:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return reverse("admin:articles_article_changelist") + (f"?{query}" if query else "")


def _rows(queryset):
    return queryset.select_related("author", "section").defer("body")


def _is_reporter(user) -> bool:
    return not can_publish_articles(user) and can_edit_article(user)


# --- Editors ---------------------------------------------------------------------------


def review_queue(request) -> dict | None:
    """Submitted articles, the longest waiting first, with their total (one query)."""
    if not can_publish_articles(request.user):
        return None
    waiting = list(
        _rows(Article.objects.filter(status=Status.SUBMITTED))
        .annotate(total=Window(Count("pk")))
        .order_by("submitted_at", "pk")[:LIST_LENGTH]
    )
    return {
        "count": waiting[0].total if waiting else 0,
        "items": [
            {
                "title": a.headline,
                "url": _change_url(a),
                "meta": " · ".join(
                    [display_name(a.author, "—"), str(a.section)]
                    + ([f"提交于 {_when(a.submitted_at)}"] if a.submitted_at else [])
                ),
            }
            for a in waiting
        ],
        "more_url": _list_url(status__exact=Status.SUBMITTED),
        "more_label": "全部待审稿件",
        "empty": "没有等待审核的稿件。",
    }


def scheduled(request) -> dict | None:
    if not can_publish_articles(request.user):
        return None
    coming = _rows(
        Article.objects.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
    ).order_by("published_at", "pk")[:LIST_LENGTH]
    return {
        "items": [
            {
                "title": a.headline,
                "url": _change_url(a),
                "meta": f"将于 {_when(a.published_at)} 公开 · {a.section}",
            }
            for a in coming
        ],
        "empty": "没有定时发布的稿件。",
    }


def recently_published(request) -> dict | None:
    if not can_publish_articles(request.user):
        return None
    live = (
        Article.objects.published()
        .select_related("section", "published_by")
        .defer("body")
        .order_by("-published_at", "-pk")[:LIST_LENGTH]
    )
    return {
        "items": [
            {
                "title": a.headline,
                "url": _change_url(a),
                "meta": " · ".join(
                    [_when(a.published_at), str(a.section)]
                    + ([f"{display_name(a.published_by)}发布"] if a.published_by_id else [])
                ),
            }
            for a in live
        ],
        "more_url": _list_url(status__exact=Status.PUBLISHED),
        "empty": "还没有发布的稿件。",
    }


# --- Reporters -------------------------------------------------------------------------


def returned(request) -> dict | None:
    """The reporter's drafts an editor sent back, each with the latest reason."""
    if not _is_reporter(request.user):
        return None
    notes = ReviewNote.objects.select_related("author").order_by("-created_at", "-pk")
    drafts = (
        _rows(Article.objects.filter(author=request.user, status=Status.DRAFT))
        .filter(review_notes__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("review_notes", queryset=notes))
        .order_by("-updated_at", "-pk")[:LIST_LENGTH]
    )
    items = []
    for article in drafts:
        note = article.review_notes.all()[0]
        items.append(
            {
                "title": article.headline,
                "url": _change_url(article),
                "meta": f"{_when(note.created_at)} 退回",
                "note": note.text,
                "note_by": f"审稿意见 · {display_name(note.author, '编辑')}",
            }
        )
    return {"items": items, "empty": "没有退回的稿件。"}


def my_drafts(request) -> dict | None:
    if not _is_reporter(request.user):
        return None
    drafts = _rows(
        Article.objects.filter(author=request.user, status=Status.DRAFT, review_notes__isnull=True)
    ).order_by("-updated_at", "-pk")[:LIST_LENGTH]
    return {
        "items": [
            {"title": a.headline, "url": _change_url(a), "meta": f"{_when(a.updated_at)} 修改"}
            for a in drafts
        ],
        "more_url": _list_url(status__exact=Status.DRAFT),
        "empty": "没有草稿。点上面的“写稿”开始写一篇。",
    }


def my_submitted(request) -> dict | None:
    if not _is_reporter(request.user):
        return None
    waiting = _rows(Article.objects.filter(author=request.user, status=Status.SUBMITTED)).order_by(
        "-submitted_at", "-pk"
    )[:LIST_LENGTH]
    return {
        "items": [
            {"title": a.headline, "url": _change_url(a), "meta": f"{_when(a.submitted_at)} 提交"}
            for a in waiting
        ],
        "empty": "没有等待审核的稿件。",
    }


def my_published(request) -> dict | None:
    if not _is_reporter(request.user):
        return None
    live = _rows(Article.objects.filter(author=request.user, status=Status.PUBLISHED)).order_by(
        "-published_at", "-pk"
    )[:LIST_LENGTH]
    items = []
    for article in live:
        verb = "将于" if article.is_scheduled else ""
        meta = f"{verb}{_when(article.published_at)} " + (
            "公开" if article.is_scheduled else "发布"
        )
        items.append({"title": article.headline, "url": article.get_absolute_url(), "meta": meta})
    return {
        "items": items,
        "more_url": _list_url(status__exact=Status.PUBLISHED),
        "empty": "还没有发布的稿件。",
    }


def write_url(request) -> str | None:
    if request.user.has_perm("articles.add_article"):
        return reverse("admin:articles_article_add")
    return None


def register() -> None:
    """Called from ``ArticlesConfig.ready()``."""
    Panel = dashboard.Panel
    dashboard.register_shortcut(
        dashboard.Shortcut(
            key="write", label="写稿", url=write_url, description="新建一篇稿件", order=10
        )
    )
    for panel in (
        Panel(key="review-queue", title="待审", context=review_queue, order=10),
        Panel(key="scheduled", title="定时发布", context=scheduled, order=20),
        Panel(key="recently-published", title="最近发布", context=recently_published, order=30),
        Panel(key="returned", title="退回修改", context=returned, order=10),
        Panel(key="my-drafts", title="我的草稿", context=my_drafts, order=20),
        Panel(key="my-submitted", title="已提交，待审核", context=my_submitted, order=30),
        Panel(key="my-published", title="已发布", context=my_published, order=40),
    ):
        dashboard.register_panel(panel)
