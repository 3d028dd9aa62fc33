from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate

from core.roles import sync_app_roles


class AttachmentsConfig(AppConfig):
    name = "attachments"
    verbose_name = "附件"

    def ready(self):
        from articles import admin_extensions, panels

        from .admin import AttachmentInline
        from .panels import ATTACHMENTS_PANEL
        from .services import delete_stored_file

        post_migrate.connect(sync_app_roles, sender=self)
        # The article page lists the attachments after the body; the article form edits
        # them; articles imports nothing of ours.
        panels.register(ATTACHMENTS_PANEL)
        admin_extensions.register_inline(AttachmentInline)
        # Files follow their rows (also when a deleted article takes its attachments).
        post_delete.connect(
            delete_stored_file, sender="attachments.Attachment", dispatch_uid="attachments-file"
        )
