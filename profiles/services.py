"""Who may do what with a profile, and publishing (the admin's checkbox and actions use these).

Editors publish; a reporter drafts profiles for their own reports and edits them only
while they are unpublished.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import Profile


def can_publish(user) -> bool:
    return bool(user.is_active and user.is_staff) and (
        user.is_superuser or user.has_perm("profiles.publish_profile")
    )


def can_edit(user, profile: Profile | None) -> bool:
    """Editors edit every profile; a reporter edits only their own unpublished drafts."""
    if not (user.is_active and user.is_staff and user.has_perm("profiles.change_profile")):
        return False
    if can_publish(user) or profile is None:
        return True
    return profile.created_by_id == user.pk and not profile.is_published


def can_preview(user, profile: Profile) -> bool:
    """Who may see an unpublished profile on the public page."""
    if not (user.is_active and user.is_staff):
        return False
    return can_publish(user) or (
        profile.created_by_id == user.pk and user.has_perm("profiles.view_profile")
    )


@transaction.atomic
def profile_set_published(*, profiles, user, published: bool) -> int:
    """Publish (or take down) ``profiles``; returns how many changed."""
    if not can_publish(user):
        raise PermissionDenied("只有编辑可以发布或撤下人物档案。")
    ids = [p.pk for p in profiles if p.is_published != published]
    return Profile.objects.filter(pk__in=ids).update(is_published=published)
