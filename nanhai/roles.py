"""Editorial roles (Groups) and what each may do.

Each app declares the permissions its models grant to each role in ``ROLE_PERMISSIONS``
(a dict on the app's ``roles`` module) and calls :func:`sync_roles` after migrating, so
the roles exist after ``migrate`` on a fresh database and stay in step with the code.
"""

from importlib import import_module

EDITOR = "编辑"
REPORTER = "记者"
ROLES = (EDITOR, REPORTER)


def grant(role_permissions: dict[str, list[str]], app_label: str) -> None:
    """Give each role exactly the listed permissions of ``app_label`` (idempotent)."""
    from django.contrib.auth.models import Group, Permission  # apps.py imports this module

    for role, codenames in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = set(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        current = set(group.permissions.filter(content_type__app_label=app_label))
        group.permissions.remove(*(current - wanted))
        group.permissions.add(*(wanted - current))


def sync_app_roles(sender, **kwargs) -> None:
    """``post_migrate`` receiver (and ``setup_site``'s step) for an app with a ``roles``
    module: give each role the permissions listed in its ``ROLE_PERMISSIONS``."""
    module = import_module(f"{sender.name}.roles")
    grant(module.ROLE_PERMISSIONS, sender.label)


def is_editor(user) -> bool:
    """Editors and superusers run the desk: publish, withdraw, delete, edit everything."""
    return bool(user.is_active and user.is_staff) and (
        user.is_superuser or user.has_perm("articles.publish_article")
    )
