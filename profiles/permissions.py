"""Who may do what with profiles: the one place these rules live.

Editors publish; a reporter drafts profiles for their own reports and edits them only
while they are unpublished.
"""


def can_publish_profiles(user) -> bool:
    return bool(user.is_active and user.is_staff) and (
        user.is_superuser or user.has_perm("profiles.publish_profile")
    )


def can_edit_profile(user, profile=None) -> bool:
    """Editors edit every profile; a reporter edits only their own unpublished drafts."""
    if not (user.is_active and user.is_staff and user.has_perm("profiles.change_profile")):
        return False
    if can_publish_profiles(user) or profile is None:
        return True
    return profile.created_by_id == user.pk and not profile.is_published


def can_preview_profile(user, profile) -> bool:
    """Who may see an unpublished profile on the public page."""
    if not (user.is_active and user.is_staff):
        return False
    return can_publish_profiles(user) or (
        profile.created_by_id == user.pk and user.has_perm("profiles.view_profile")
    )
