from core.roles import EDITOR, REPORTER

ROLE_PERMISSIONS = {
    EDITOR: [
        "add_profile", "change_profile", "delete_profile", "view_profile", "publish_profile",
        "add_honour", "change_honour", "delete_honour", "view_honour",
        "add_town", "change_town", "delete_town", "view_town",
        "add_profilekind", "change_profilekind", "delete_profilekind", "view_profilekind",
    ],
    REPORTER: [
        "add_profile", "change_profile", "view_profile",
        "add_honour", "change_honour", "delete_honour", "view_honour",
        "view_town", "view_profilekind",
    ],
}  # fmt: skip
