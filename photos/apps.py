from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.urls import reverse

from core.roles import sync_app_roles


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "图片库"

    def ready(self):
        from core import dashboard
        from core.fields import register_rich_text_enricher

        from .body import enrich_body
        from .permissions import can_upload_photos

        post_migrate.connect(sync_app_roles, sender=self)
        # Library images in any rich text become responsive <picture>s with caption and
        # credit, wherever the text is saved (admin, services, imports, shell).
        register_rich_text_enricher(enrich_body)
        # 传图 on the admin's start page, for whoever may upload.
        dashboard.register_shortcut(
            dashboard.Shortcut(
                key="upload",
                label="传图",
                url=lambda request: (
                    reverse("admin:photos_photo_upload")
                    if can_upload_photos(request.user)
                    else None
                ),
                description="把照片传到图片库",
                order=20,
            )
        )
