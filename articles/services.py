"""The publishing workflow: every change of an article's status goes through here.

草稿 (draft) → 待审 (submitted) → 已发布 (published, possibly scheduled) → 已撤回 (withdrawn).
The admin's buttons and actions, commands and the shell call these functions, so the rules
hold for a crafted POST as much as for a click, and each change is written to the audit
log here, whichever page or command made it.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import audit_transition

from . import proofing
from .models import Article, ReviewNote
from .permissions import can_publish_articles, can_submit_article

Status = Article.Status


def _transition(article: Article, user, new_status: str, fields: list[str], note: str = ""):
    """Save ``article`` in ``new_status`` and record the change in the audit log."""
    old_status = article.status
    article.status = new_status
    article.save(update_fields=["status", *fields, "updated_at"])
    audit_transition(
        obj=article, user=user, old_status=old_status, new_status=new_status, note=note
    )
    return article


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """A reporter (or editor) sends a draft for review."""
    if article.status != Status.DRAFT:
        raise ValidationError("只有草稿可以提交审核。")
    if not can_submit_article(user, article):
        raise PermissionDenied("您不能提交他人的稿件。")
    article.submitted_at = timezone.now()
    _transition(article, user, Status.SUBMITTED, ["submitted_at"])
    proofing.article_check(article=article, trigger="submit", user=user)
    return article


@transaction.atomic
def article_publish(
    *, article: Article, user, at: datetime | None = None, confirm_reason: str = ""
) -> Article:
    """An editor publishes now, or at ``at`` (a future time schedules it). Serious
    proofreading hits need ``confirm_reason`` (articles.proofing.confirm_before_publish)."""
    if not can_publish_articles(user):
        raise PermissionDenied("只有编辑可以发布文章。")
    if not article.headline:
        raise ValidationError("标题不能为空，不能发布。")
    proofing.confirm_before_publish(article=article, user=user, confirm_reason=confirm_reason)
    article.published_at = at or article.published_at or timezone.now()
    article.published_by = user
    note = ""
    if article.published_at > timezone.now():
        note = f"定时发布：{timezone.localtime(article.published_at):%Y-%m-%d %H:%M}"
    return _transition(article, user, Status.PUBLISHED, ["published_at", "published_by"], note)


@transaction.atomic
def article_withdraw(*, article: Article, user) -> Article:
    """An editor takes a published (or scheduled) article off the public site."""
    if not can_publish_articles(user):
        raise PermissionDenied("只有编辑可以撤回文章。")
    if article.status != Status.PUBLISHED:
        raise ValidationError("只有已发布的文章可以撤回。")
    return _transition(article, user, Status.WITHDRAWN, [])


REVIEW_NOTE_MAX_LENGTH = ReviewNote._meta.get_field("text").max_length


def clean_review_note(reason: str) -> str:
    """The editor's reason, trimmed; refused when empty or too long (a Chinese message)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写审稿意见：告诉作者要改什么，再退回。", code="reason_required")
    if len(reason) > REVIEW_NOTE_MAX_LENGTH:
        raise ValidationError(
            f"审稿意见最多 {REVIEW_NOTE_MAX_LENGTH} 个字（现在有 {len(reason)} 个字）。",
            code="reason_too_long",
        )
    return reason


@transaction.atomic
def article_return_to_draft(*, article: Article, user, reason: str) -> Article:
    """An editor sends a submitted or withdrawn article back to its author as a draft,
    with the reason (审稿意见): kept as a :class:`ReviewNote` the author reads on the form
    and the start page, and written into the audit entry."""
    if not can_publish_articles(user):
        raise PermissionDenied("只有编辑可以退回稿件。")
    reason = clean_review_note(reason)
    if article.status not in (Status.SUBMITTED, Status.WITHDRAWN):
        raise ValidationError("只有待审或已撤回的文章可以退回修改。")
    ReviewNote.objects.create(article=article, author=user, text=reason)
    return _transition(article, user, Status.DRAFT, [], note=f"审稿意见：{reason}")


def _apply_many(func, *, articles, user, **kwargs) -> tuple[int, list[str]]:
    done, errors = 0, []
    for article in articles:
        try:
            func(article=article, user=user, **kwargs)
        except ValidationError as exc:
            errors.append(f"《{article.headline}》：{'；'.join(exc.messages)}")
        else:
            done += 1
    return done, errors


def article_publish_many(*, articles, user, confirm_reason: str = "") -> tuple[int, list[str]]:
    return _apply_many(article_publish, articles=articles, user=user, confirm_reason=confirm_reason)


def article_submit_many(*, articles, user) -> tuple[int, list[str]]:
    return _apply_many(article_submit, articles=articles, user=user)


def article_withdraw_many(*, articles, user) -> tuple[int, list[str]]:
    return _apply_many(article_withdraw, articles=articles, user=user)


def article_return_many(*, articles, user, reason: str) -> tuple[int, list[str]]:
    reason = clean_review_note(reason)  # one refusal for the batch, not one per article
    return _apply_many(article_return_to_draft, articles=articles, user=user, reason=reason)
