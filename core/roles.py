"""Editorial roles (Groups) and what each may do.

Each app declares the permissions its models grant to each role in ``ROLE_PERMISSIONS``
(a dict on the app's ``roles`` module) and connects :func:`sync_app_roles` to
``post_migrate``, so the roles exist after ``migrate`` on a fresh database and stay in
step with the code. A codename may name another app (``"audit.view_auditentry"``).

A role is a group: a user is an editor because they are in the 编辑 group (or a
superuser), not because of one app's permission.
"""

from importlib import import_module

EDITOR = "编辑"
REPORTER = "记者"
ROLES = (EDITOR, REPORTER)

# The site's own grants: editors read the audit log (nobody edits it) and keep the site
# information (the footer's 主办单位, 备案号, ...).
ROLE_PERMISSIONS = {EDITOR: ["audit.view_auditentry", "view_siteinfo", "change_siteinfo"]}


def grant(role_permissions: dict[str, list[str]], app_label: str) -> None:
    """Give each role exactly the listed permissions of ``app_label`` (idempotent); a
    qualified ``"other_app.codename"`` is granted as listed and never taken away here."""
    from django.contrib.auth.models import Group, Permission  # apps.py imports this module

    for role, codenames in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=role)
        own = [c for c in codenames if "." not in c]
        wanted = set(Permission.objects.filter(content_type__app_label=app_label, codename__in=own))
        current = set(group.permissions.filter(content_type__app_label=app_label))
        group.permissions.remove(*(current - wanted))
        group.permissions.add(*(wanted - current))
        for qualified in (c for c in codenames if "." in c):
            label, codename = qualified.split(".", 1)
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=label, codename=codename)
            )


def sync_app_roles(sender, **kwargs) -> None:
    """``post_migrate`` receiver (and ``setup_site``'s step) for an app with a ``roles``
    module: give each role the permissions listed in its ``ROLE_PERMISSIONS``."""
    module = import_module(f"{sender.name}.roles")
    grant(module.ROLE_PERMISSIONS, sender.label)


def role_names(user) -> frozenset[str]:
    """The user's roles (group names), read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_editor(user) -> bool:
    """Editors and superusers run the desk: publish, withdraw, delete, edit everything."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or EDITOR in role_names(user)
