"""Admin mixins for editorial safety, one job each, each usable alone:

- :class:`EditConflictMixin` (``conflict.py``): refuses a save that would overwrite what
  someone else saved after the form was opened, keeping the editor's text;
- :class:`VersionHistoryMixin` (``history.py``): a version (django-reversion) on every save
  with the editor's 修改说明, the history page, a readable comparison of two versions,
  restoring one, and 恢复已删除 for editors; restores and recoveries are audited;
- :class:`DeleteAuditMixin` (``deletion.py``): every delete from the admin is audited.

:class:`SafeEditAdmin` is the three together, for the editorial models (articles, plans,
tasks, profiles). Publishing and withdrawing are audited by the apps' services, not here.
:class:`FormActionsMixin` (``form_actions.py``) puts an admin's next steps
(:class:`FormAction`) in an action bar at the top of its change form;
:class:`ListEditableLabelsMixin` (``labels.py``) names the inputs of an editable list.
Object-level rights stay the admin's own (``get_queryset``/``has_*_permission``); the
history, comparison and restore views check them for the object in the URL.
"""

from .conflict import EditConflictMixin
from .deletion import DeleteAuditMixin
from .form_actions import FormAction, FormActionsMixin
from .history import VersionHistoryMixin
from .labels import ListEditableLabelsMixin


class SafeEditAdmin(EditConflictMixin, DeleteAuditMixin, VersionHistoryMixin):
    pass


__all__ = [
    "DeleteAuditMixin",
    "EditConflictMixin",
    "FormAction",
    "FormActionsMixin",
    "ListEditableLabelsMixin",
    "SafeEditAdmin",
    "VersionHistoryMixin",
]
