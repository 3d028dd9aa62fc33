from nanhai.roles import EDITOR

# Editors read the log; nobody edits it (the admin refuses add/change/delete to all).
ROLE_PERMISSIONS = {EDITOR: ["view_auditentry"]}
