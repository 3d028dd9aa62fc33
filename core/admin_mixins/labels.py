"""Accessible names for the inputs of an editable list (``list_editable``): Django puts
them in table cells without a label, which screen readers (and axe) can't name."""


class ListEditableLabelsMixin:
    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        for field in formset.form.base_fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))
        return formset
