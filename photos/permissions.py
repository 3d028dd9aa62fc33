"""Who may do what with the photo library: the one place these rules live."""

from core.roles import is_editor


def sees_whole_library(user) -> bool:
    """Editors see, change and delete every photo; reporters only those they uploaded."""
    return is_editor(user)


def can_manage_photo(user, photo=None) -> bool:
    """May ``user`` see, change or delete ``photo`` (``None``: photos in general)?
    The model permissions (view/change/delete_photo) are checked by the admin as well."""
    return photo is None or sees_whole_library(user) or photo.uploaded_by_id == user.pk


def can_upload_photos(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("photos.add_photo"))
