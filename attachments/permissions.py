"""Who may do what with attachments: the one place these rules live.

The same ownership rules as photos: whoever may edit the article attaches files to it
(editors any article, a reporter only their own drafts). Deleting follows the photo
library's rule that nothing the public site shows is deleted: no attachment of a
published (or scheduled) article; editors delete the others, a reporter only what they
uploaded to their own draft.
"""

from articles.permissions import can_edit_article
from core.roles import is_editor


def can_attach(user, article=None) -> bool:
    return can_edit_article(user, article) and user.has_perm("attachments.add_attachment")


def sees_all_attachments(user) -> bool:
    return is_editor(user)


def can_see_attachment(user, attachment) -> bool:
    return (
        sees_all_attachments(user)
        or attachment.uploaded_by_id == user.pk
        or attachment.article.author_id == user.pk
    )


def delete_refusal(user, attachment) -> str:
    """Why ``user`` may not delete ``attachment`` (Chinese), or ``""`` if they may."""
    article = attachment.article
    if article.status == article.Status.PUBLISHED:
        return (
            f"《{article.headline}》已发布（或定时发布），附件“{attachment.original_name}”"
            "正在公开使用，不能删除。请先撤回文章，再删除附件。"
        )
    if is_editor(user) and user.has_perm("attachments.delete_attachment"):
        return ""
    if can_edit_article(user, article) and attachment.uploaded_by_id == user.pk:
        return ""
    return f"您不能删除附件“{attachment.original_name}”。"
