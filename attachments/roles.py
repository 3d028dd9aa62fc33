from core.roles import EDITOR, REPORTER

# Reporters attach files to their own drafts and may remove what they uploaded there
# (attachments.permissions); editors manage all, except on published articles.
ROLE_PERMISSIONS = {
    EDITOR: ["add_attachment", "change_attachment", "delete_attachment", "view_attachment"],
    REPORTER: ["add_attachment", "change_attachment", "delete_attachment", "view_attachment"],
}
