"""Proofreading an article: which texts are checked, the rule before publishing, and what
the site-wide check (巡查) reads of the articles.

Checked: kicker, headline, subheadline, summary, body (each block; headings as titles),
the captions and credits of the cover and the gallery photos, and the byline (署名). The
engine and the word lists are ``proofread``'s; this module only knows the article.
"""

from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.urls import reverse

from core.html import sanitize_html
from proofread import services as proofread
from proofread.engine import Report, Segment, html_segments, html_text
from proofread.sources import Source, register_source

from .models import Article, ArticlePhoto, Credit

_UNSET = object()


class _Text(NamedTuple):
    """The texts of a credit or a photo, without building a model instance (巡查)."""

    outlet: str = ""
    title: str = ""
    name: str = ""
    caption: str = ""
    credit: str = ""


def article_segments(
    article: Article, *, cover=_UNSET, credits=None, gallery=None, blocks: bool = True
) -> list:
    """The texts of ``article`` to check. ``cover``, ``credits`` (Credit objects) and
    ``gallery`` ((caption override, Photo) pairs) default to what is stored. With
    ``blocks=False`` the body is one segment (enough for the word lists alone)."""
    segments = [
        Segment("kicker", "引题", article.kicker, "title"),
        Segment("headline", "标题", article.headline, "title"),
        Segment("subheadline", "副题", article.subheadline, "title"),
        Segment("summary", "摘要", article.summary, "text"),
    ]
    if blocks:
        segments += html_segments("body", "正文", article.body)
    else:
        segments.append(Segment("body", "正文", html_text(article.body), "text"))
    if cover is _UNSET:
        cover = article.cover if article.cover_id else None
    if cover is not None:
        segments.append(Segment("cover", "封面图说明", cover.caption, "text"))
        segments.append(Segment("cover_credit", "封面图来源", cover.credit, "name"))
    if gallery is None:
        gallery = (
            [
                (item.caption_override, item.photo)
                for item in article.gallery_items.select_related("photo")
            ]
            if article.pk
            else []
        )
    for number, (override, photo) in enumerate(gallery, start=1):
        caption = override or (photo.caption if photo is not None else "")
        segments.append(Segment(f"gallery{number}", f"图集第 {number} 张说明", caption, "text"))
        if photo is not None:
            segments.append(
                Segment(f"gallery{number}_credit", f"图集第 {number} 张来源", photo.credit, "name")
            )
    if credits is None:
        credits = list(article.credits.all()) if article.pk else []
    for number, credit in enumerate(credits, start=1):
        text = f"{credit.outlet}{credit.title} {credit.name}".strip()
        segments.append(Segment(f"credit{number}", f"署名第 {number} 条", text, "name"))
    return [s for s in segments if s.text]


def article_report(article: Article, **parts) -> Report:
    """A live check of ``article`` (with the hits marked as intended for it)."""
    return proofread.report_for(
        obj=article if article.pk else None, segments=article_segments(article, **parts)
    )


def article_report_from_forms(article: Article | None, form, formsets) -> Report:
    """Check what the change form holds (unsaved), e.g. for the 校对 button."""
    data = getattr(form, "cleaned_data", {}) or {}

    def value(name):
        if name in data:
            return data[name] or ""
        return form.data.get(form.add_prefix(name), "") or ""

    draft = Article(
        kicker=value("kicker"),
        headline=value("headline"),
        subheadline=value("subheadline"),
        summary=value("summary"),
        body=sanitize_html(value("body")),
    )
    cover = (
        data.get("cover")
        if "cover" in data
        else (article.cover if article and article.cover_id else None)
    )
    credits, gallery = None, None
    for formset in formsets:
        rows = [
            f.cleaned_data
            for f in formset.forms
            if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")
        ]
        if formset.model is Credit:
            credits = [
                Credit(outlet=r.get("outlet", ""), title=r.get("title", ""), name=r.get("name", ""))
                for r in rows
                if r.get("name")
            ]
        elif formset.model is ArticlePhoto:
            gallery = [
                (r.get("caption_override", ""), r.get("photo")) for r in rows if r.get("photo")
            ]
    if article is not None and article.pk:
        draft.pk = article.pk
        credits = credits if credits is not None else list(article.credits.all())
        if gallery is None:
            gallery = [
                (i.caption_override, i.photo) for i in article.gallery_items.select_related("photo")
            ]
    segments = article_segments(draft, cover=cover, credits=credits or [], gallery=gallery or [])
    return proofread.report_for(obj=article if article and article.pk else None, segments=segments)


def article_check(*, article: Article, trigger: str, user=None) -> Report:
    """Check the stored article and keep the result (on submit, publish, import)."""
    report = article_report(article)
    proofread.check_result_save(obj=article, report=report, trigger=trigger, user=user)
    return report


def confirm_before_publish(*, article: Article, user, confirm_reason: str = "") -> Report:
    """The rule before publishing: serious hits (严重) that nobody marked as intended need
    an editor's confirmation with a reason, which goes into the audit log with the hits."""
    report = article_check(article=article, trigger="publish", user=user)
    serious = report.serious
    if serious and not (confirm_reason or "").strip():
        raise ValidationError(
            f"校对发现 {len(serious)} 处严重问题：{proofread.describe_hits(serious)}。"
            "请修改，或把确属有意的写法标为“有意使用”，或由编辑填写确认理由后再发布。",
            code="proofread_unconfirmed",
        )
    if serious:
        proofread.confirm_serious(obj=article, report=report, user=user, reason=confirm_reason)
    return report


# --- What the site-wide check reads ---------------------------------------------------------


def _batch_segments(batch: list[Article]) -> dict:
    """Segments of a batch of articles in three queries (byline, gallery, covers), with
    plain tuples instead of model instances: the sweep reads 100,000 articles."""
    ids = [a.pk for a in batch]
    # The batch is a run of primary keys: a range is cheaper to send and plan than 1,000 ids.
    span = {"article_id__gte": min(ids), "article_id__lte": max(ids)}
    credits: dict[int, list] = {}
    for article_id, outlet, title, name in Credit.objects.filter(**span).values_list(
        "article_id", "outlet", "title", "name"
    ):
        credits.setdefault(article_id, []).append(_Text(outlet=outlet, title=title, name=name))
    gallery: dict[int, list] = {}
    rows = ArticlePhoto.objects.filter(**span).values_list(
        "article_id", "caption_override", "photo__caption", "photo__credit"
    )
    for article_id, override, caption, credit in rows:
        gallery.setdefault(article_id, []).append((override, _Text(caption=caption, credit=credit)))
    cover_ids = {a.cover_id for a in batch if a.cover_id}
    covers = {}
    if cover_ids:
        from photos.models import Photo

        covers = {
            pk: _Text(caption=caption, credit=credit)
            for pk, caption, credit in Photo.objects.filter(pk__in=cover_ids).values_list(
                "pk", "caption", "credit"
            )
        }
    return {
        a.pk: article_segments(
            a,
            cover=covers.get(a.cover_id),
            credits=credits.get(a.pk, []),
            gallery=gallery.get(a.pk, []),
            blocks=False,
        )
        for a in batch
    }


def register_sources() -> None:
    """Published articles, for the site-wide check (called in ArticlesConfig.ready())."""
    register_source(
        Source(
            key="articles.article",
            label="文章",
            # Published and scheduled: a scheduled article goes public by itself.
            queryset=lambda: Article.objects.filter(status=Article.Status.PUBLISHED).only(
                "pk", "kicker", "headline", "subheadline", "summary", "body", "cover_id"
            ),
            segments=_batch_segments,
            title=lambda a: a.headline,
            admin_url=lambda a: reverse("admin:articles_article_proofread", args=[a.pk]),
        )
    )
