"""Accessible names for the inputs of an editable list (``list_editable``): Django puts
them in table cells without a label, which screen readers (and axe) can't name."""


class ListEditableLabelsMixin:
    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        for field in form.base_fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))
        return form
