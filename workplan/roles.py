from core.roles import EDITOR, REPORTER

# Editors manage plans; reporters may only link articles to tasks (and only on articles
# they may edit: see workplan.admin.TaskReportInline).
ROLE_PERMISSIONS = {
    EDITOR: [
        "add_workplan", "change_workplan", "delete_workplan", "view_workplan",
        "add_task", "change_task", "delete_task", "view_task",
        "add_category", "change_category", "delete_category", "view_category",
        "add_keyfigure", "change_keyfigure", "delete_keyfigure", "view_keyfigure",
        "add_taskreport", "change_taskreport", "delete_taskreport", "view_taskreport",
    ],
    REPORTER: [
        "add_taskreport", "change_taskreport", "delete_taskreport", "view_taskreport",
    ],
}  # fmt: skip
