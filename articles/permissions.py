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
