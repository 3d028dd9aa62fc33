from core.roles import EDITOR, REPORTER

ROLE_PERMISSIONS = {
    EDITOR: [
        "add_article", "change_article", "delete_article", "view_article",
        "publish_article", "submit_article",
        "add_credit", "change_credit", "delete_credit", "view_credit",
        "add_articlephoto", "change_articlephoto", "delete_articlephoto", "view_articlephoto",
        "add_section", "change_section", "delete_section", "view_section",
        "add_series", "change_series", "delete_series", "view_series",
    ],
    REPORTER: [
        "add_article", "change_article", "view_article", "submit_article",
        "add_credit", "change_credit", "delete_credit", "view_credit",
        "add_articlephoto", "change_articlephoto", "delete_articlephoto", "view_articlephoto",
        "view_section", "view_series",
    ],
}  # fmt: skip
