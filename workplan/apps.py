from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.roles import sync_app_roles


class WorkplanConfig(AppConfig):
    name = "workplan"
    verbose_name = "工作计划"

    def ready(self):
        from articles import admin_extensions, panels

        from .admin import TaskReportInline
        from .panels import article_has_tasks_sql, article_tasks

        post_migrate.connect(sync_app_roles, sender=self)
        panels.register(
            panels.ArticlePanel(
                name="workplan-tasks",
                template="workplan/_article_panel.html",
                context=article_tasks,
                placement="after_body",
                probe=article_has_tasks_sql,
            )
        )
        # The article form gets a "related tasks" inline without articles importing us.
        admin_extensions.register_inline(TaskReportInline)
