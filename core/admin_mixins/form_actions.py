"""The action bar of a change form: the next steps for this person and this item (提交审核,
发布, 退回修改 …) first, kept in view while scrolling, declared as a list.

A model admin returns :class:`FormAction` objects from ``get_form_actions(request, obj)``;
the change form template (templates/admin/change_form.html, block ``action_bar``) shows
them above the fields, with the save button. A submit action's ``handler`` runs after the
form (and its inlines) saved successfully, and the page then shows one message: the
handler's, not Django's "已修改" for the save before it.

Only what is offered can run: a POST naming an action the bar would not offer this user
for this item runs nothing (the admin checks roles itself and refuses a crafted POST with
403 before saving, as ``ArticleAdmin.changeform_view`` does).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages


@dataclass(frozen=True)
class FormAction:
    name: str
    """The submit button's name in the POST, e.g. ``"_publish"``."""
    label: str
    style: str = ""
    """``"primary"`` for the role's next step, ``"danger"`` for one that takes something
    away (撤回), else plain."""
    handler: Callable | None = None
    """``(request, obj) -> (level, message)``, run after a successful save."""
    url: str = ""
    """A link to another page (e.g. a check or an import) instead of a submit button."""
    help: str = ""
    """What the button does, in one line (its tooltip and accessible description)."""
    note_label: str = ""
    """A text that must be written first (e.g. 审稿意见): the button then sits in a fold
    with a required text area, named ``note_name``."""
    note_name: str = ""
    note_help: str = ""


class FormActionsMixin:
    def get_form_actions(self, request, obj) -> list[FormAction]:
        return []

    def get_form_facts(self, request, obj) -> list[str]:
        """Short facts shown in the bar (状态、作者、更新时间 …), instead of read-only fields."""
        return []

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_save = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        context["form_actions"] = self.get_form_actions(request, obj) if may_save else []
        context["form_facts"] = self.get_form_facts(request, obj)
        context["action_bar"] = True
        context["may_save"] = may_save
        return super().render_change_form(request, context, add, change, form_url, obj)

    def pressed_form_action(self, request, obj) -> FormAction | None:
        if request.method != "POST":
            return None
        for action in self.get_form_actions(request, obj):
            if action.handler is not None and action.name in request.POST:
                return action
        return None

    def run_form_action(self, request, obj) -> None:
        action = self.pressed_form_action(request, obj)
        if action is None:
            return
        level, message = action.handler(request, obj)
        self.message_user(request, message, level)
        # One message per action: Django's own "…已修改" for the save is left out.
        request._form_action_reported = True

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_form_action_reported", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        self.run_form_action(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self.run_form_action(request, obj)
        return super().response_change(request, obj)
