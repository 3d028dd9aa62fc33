"""Who may do what with work plans: the one place these rules live.

Editors manage plans (publish, edit, copy); reporters may only link their articles to
tasks, on articles they may edit.
"""

from articles.permissions import can_edit_article


def can_manage_plans(user) -> bool:
    """Publish, edit, copy and delete plans and tasks; see unpublished plans."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("workplan.change_workplan")
    )


def can_preview_plan(user, plan) -> bool:
    """Staff who manage plans see unpublished ones (marked as a preview)."""
    return can_manage_plans(user)


def can_link_tasks(user, article) -> bool:
    """Whoever may edit the article may link it to plan tasks."""
    return can_edit_article(user, article)
