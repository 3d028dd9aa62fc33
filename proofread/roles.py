from core.roles import EDITOR, REPORTER

ROLE_PERMISSIONS = {
    EDITOR: [
        "add_entry", "change_entry", "delete_entry", "view_entry",
        "add_sweep", "change_sweep", "view_sweep", "view_sweepfinding",
    ],
    REPORTER: ["view_entry"],
}  # fmt: skip
