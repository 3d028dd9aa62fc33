"""Build the POST data of a Django admin change form the way a browser would submit it.

Reads the form and every inline formset from the GET response, so the helper keeps working
when apps add inlines to a model admin.
"""

import datetime as dt

from django.forms import MultiWidget


def _field_values(form, prefix=""):
    data = {}
    for name, field in form.fields.items():
        key = f"{prefix}{name}" if not form.prefix else f"{form.prefix}-{name}"
        value = form[name].value()
        widget = field.widget
        if isinstance(widget, MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for i, part in enumerate(parts):
                if isinstance(part, dt.date | dt.time):
                    part = part.strftime("%Y-%m-%d" if isinstance(part, dt.date) else "%H:%M:%S")
                data[f"{key}_{i}"] = "" if part is None else part
            continue
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
            continue
        data[key] = value
    return data


def admin_form_data(response, **overrides):
    """POST data equal to what the admin page in ``response`` would submit unchanged."""
    context = response.context
    data = _field_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for form in formset.forms:
            data.update(_field_values(form))
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
