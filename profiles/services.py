"""Publishing profiles: the admin's checkbox and list actions, commands and the shell call
this, and each change is written to the audit log here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.services import audit_transition

from .models import Profile
from .permissions import can_publish_profiles


@transaction.atomic
def profile_set_published(*, profiles, user, published: bool) -> int:
    """Publish (or take down) ``profiles``; returns how many changed."""
    if not can_publish_profiles(user):
        raise PermissionDenied("只有编辑可以发布或撤下人物档案。")
    changed = [p for p in profiles if p.is_published != published]
    Profile.objects.filter(pk__in=[p.pk for p in changed]).update(is_published=published)
    for profile in changed:
        audit_transition(
            obj=profile,
            user=user,
            old_status=profile.is_published,
            new_status=published,
            field="is_published",
        )
        profile.is_published = published
    return len(changed)
