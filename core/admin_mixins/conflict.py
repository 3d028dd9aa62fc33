"""Edit-conflict protection for an admin change form.

The form carries the version the editor opened (``_edit_token``: the row's
``updated_at``, or the newest django-reversion version when the model has no such
field). If someone else saved in between, the save is refused, the editor is told who
saved and when, and the form is shown again with the editor's own text, so nothing is
lost; saving again replaces the other version on purpose.
"""

from datetime import timedelta

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone

from core.people import display_name

EDIT_TOKEN_FIELD = "_edit_token"


class EditConflictMixin:
    def get_edit_token(self, obj, *, loaded: bool = False) -> str:
        """What identifies the version of ``obj`` an editor opened. ``loaded``: ``obj`` was
        just read for this page, so its own ``updated_at`` is current (no query, no lock)."""
        if obj is None or obj.pk is None:
            return ""
        if loaded and self._has_updated_at() and obj.updated_at is not None:
            return obj.updated_at.isoformat()
        updated_at = self._current_updated_at(obj)
        if updated_at is not None:
            return updated_at.isoformat()
        latest = self._latest_version(obj)
        return f"v{latest.pk if latest else 0}"

    def _has_updated_at(self) -> bool:
        try:
            self.model._meta.get_field("updated_at")
        except FieldDoesNotExist:
            return False
        return True

    def _current_updated_at(self, obj):
        if not self._has_updated_at():
            return None
        rows = self.model._default_manager.filter(pk=obj.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            # While saving: lock the row until this request's transaction ends, so two
            # saves at the same instant are serialised and the second sees the first.
            rows = rows.select_for_update()
        return rows.values_list("updated_at", flat=True).first()

    def _latest_version(self, obj):
        """The newest django-reversion version of ``obj``, if the model keeps versions."""
        import reversion
        from reversion.models import Version

        if not reversion.is_registered(self.model):
            return None
        return (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by("-pk")
            .first()
        )

    def conflict_message(self, obj) -> str:
        latest = self._latest_version(obj)
        who, when = "其他同事", ""
        updated_at = self._current_updated_at(obj)
        saved_at = updated_at
        # The newest version names who saved, unless the last save came from outside the
        # admin (a script, an import), which keeps no version: then only the time is known.
        if latest is not None and (
            updated_at is None or latest.revision.date_created >= updated_at - timedelta(seconds=5)
        ):
            if latest.revision.user is not None:
                who = display_name(latest.revision.user)
            saved_at = latest.revision.date_created
        if saved_at is not None:
            when = timezone.localtime(saved_at).strftime(" %m月%d日 %H:%M")
        return (
            f"保存未成功：您打开《{obj}》之后，{who}已于{when} 保存了新的内容。"
            "为避免覆盖对方的修改，您这次的修改没有保存；下面保留的是您填写的内容，"
            "可复制备用，或在“历史”中查看对方保存的版本。"
            "确认要用您的内容替换对方的版本，请再次点击保存。"
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not (change and obj is not None and request.method == "POST"):
            return form
        posted = request.POST.get(EDIT_TOKEN_FIELD)
        if posted is None:
            return form  # not submitted from our change form (e.g. a script); no token to check
        if posted == self.get_edit_token(obj):
            return form
        message = self.conflict_message(obj)

        class EditConflictForm(form):
            def clean(self):
                super().clean()
                raise ValidationError(message, code="edit_conflict")

        EditConflictForm.__name__ = form.__name__
        return EditConflictForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The form carries the version it shows: the object was read for this very page
        # (after a refused save, the version that is current now, so saving again replaces
        # it on purpose).
        if change and obj is not None:
            context["edit_token"] = self.get_edit_token(obj, loaded=True)
        return super().render_change_form(request, context, add, change, form_url, obj)
