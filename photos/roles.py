from core.roles import EDITOR, REPORTER

ROLE_PERMISSIONS = {
    EDITOR: ["add_photo", "change_photo", "delete_photo", "view_photo"],
    REPORTER: ["add_photo", "change_photo", "view_photo"],
}
