"""The publishing workflow: every change of an article's status goes through here.

草稿 (draft) → 待审 (submitted) → 已发布 (published, possibly scheduled) → 已撤回 (withdrawn).
The admin's buttons and actions call these functions, so the rules live in one place and
hold for a crafted POST as much as for a click.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.roles import is_editor

from . import proofing
from .models import Article

Status = Article.Status


def can_edit(user, article: Article | None) -> bool:
    """Editors edit everything; a reporter edits only their own drafts."""
    if not (user.is_active and user.is_staff):
        return False
    if is_editor(user):
        return user.is_superuser or user.has_perm("articles.change_article")
    if not user.has_perm("articles.change_article"):
        return False
    if article is None:
        return True
    return article.author_id == user.pk and article.status == Status.DRAFT


def can_preview(user, article: Article) -> bool:
    """Who may see an unpublished article on the public page (a preview)."""
    if not (user.is_active and user.is_staff):
        return False
    if is_editor(user):
        return True
    return article.author_id == user.pk and user.has_perm("articles.view_article")


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    """A reporter (or editor) sends a draft for review."""
    if article.status != Status.DRAFT:
        raise ValidationError("只有草稿可以提交审核。")
    if not (is_editor(user) or (article.author_id == user.pk and can_edit(user, article))):
        raise PermissionDenied("您不能提交他人的稿件。")
    article.status = Status.SUBMITTED
    article.submitted_at = timezone.now()
    article.save(update_fields=["status", "submitted_at", "updated_at"])
    proofing.article_check(article=article, trigger="submit", user=user)
    return article


@transaction.atomic
def article_publish(
    *, article: Article, user, at: datetime | None = None, confirm_reason: str = ""
) -> Article:
    """An editor publishes now, or at ``at`` (a future time schedules it). Serious
    proofreading hits need ``confirm_reason`` (articles.proofing.confirm_before_publish)."""
    if not is_editor(user):
        raise PermissionDenied("只有编辑可以发布文章。")
    if not article.headline:
        raise ValidationError("标题不能为空,不能发布。")
    proofing.confirm_before_publish(article=article, user=user, confirm_reason=confirm_reason)
    article.status = Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    article.published_by = user
    article.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return article


@transaction.atomic
def article_withdraw(*, article: Article, user) -> Article:
    """An editor takes a published (or scheduled) article off the public site."""
    if not is_editor(user):
        raise PermissionDenied("只有编辑可以撤回文章。")
    if article.status != Status.PUBLISHED:
        raise ValidationError("只有已发布的文章可以撤回。")
    article.status = Status.WITHDRAWN
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def article_return_to_draft(*, article: Article, user) -> Article:
    """An editor sends a submitted or withdrawn article back to its author as a draft."""
    if not is_editor(user):
        raise PermissionDenied("只有编辑可以退回稿件。")
    if article.status not in (Status.SUBMITTED, Status.WITHDRAWN):
        raise ValidationError("只有待审或已撤回的文章可以退回修改。")
    article.status = Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


def _apply_many(func, *, articles, user, **kwargs) -> tuple[int, list[str]]:
    done, errors = 0, []
    for article in articles:
        try:
            func(article=article, user=user, **kwargs)
        except ValidationError as exc:
            errors.append(f"《{article.headline}》:{'；'.join(exc.messages)}")
        else:
            done += 1
    return done, errors


def article_publish_many(*, articles, user, confirm_reason: str = "") -> tuple[int, list[str]]:
    return _apply_many(article_publish, articles=articles, user=user, confirm_reason=confirm_reason)


def article_submit_many(*, articles, user) -> tuple[int, list[str]]:
    return _apply_many(article_submit, articles=articles, user=user)


def article_withdraw_many(*, articles, user) -> tuple[int, list[str]]:
    return _apply_many(article_withdraw, articles=articles, user=user)


def article_return_many(*, articles, user) -> tuple[int, list[str]]:
    return _apply_many(article_return_to_draft, articles=articles, user=user)
