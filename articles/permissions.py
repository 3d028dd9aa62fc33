"""Who may do what with articles: the one place these rules live.

The admin, the services, the public views (previews) and other apps' inlines (work-plan
task links) all ask here.
"""

from core.roles import is_editor


def can_publish_articles(user) -> bool:
    """Publish, schedule, withdraw, return, delete: editors (and superusers)."""
    return is_editor(user)


def can_edit_article(user, article=None) -> bool:
    """Editors edit every article; a reporter edits only their own drafts.

    ``article=None`` asks whether the user may edit articles at all (add, list)."""
    if not (user.is_active and user.is_staff):
        return False
    if is_editor(user):
        return user.is_superuser or user.has_perm("articles.change_article")
    if not user.has_perm("articles.change_article"):
        return False
    if article is None:
        return True
    return article.author_id == user.pk and article.status == article.Status.DRAFT


def can_submit_article(user, article) -> bool:
    """Send a draft for review: editors any, a reporter their own draft."""
    if is_editor(user):
        return True
    return (
        user.has_perm("articles.submit_article")
        and article.author_id == user.pk
        and can_edit_article(user, article)
    )


def can_preview_article(user, article) -> bool:
    """Who may see an unpublished article on its public page (a preview)."""
    if not (user.is_active and user.is_staff):
        return False
    if is_editor(user):
        return True
    return article.author_id == user.pk and user.has_perm("articles.view_article")


def can_confirm_proofreading(user) -> bool:
    """Confirm a serious (严重) proofreading hit with a reason, or mark a hit as intended:
    editors (reporters see the hits and fix them)."""
    return is_editor(user)


def can_import_word_into(user, article) -> bool:
    """从 Word 导入 into an existing article (replacing its texts): a reporter into their
    own draft only, an editor into any article that is not published."""
    if article.status == article.Status.PUBLISHED:
        return False
    if is_editor(user):
        return can_edit_article(user, article)
    return article.status == article.Status.DRAFT and can_edit_article(user, article)
