"""Build an admin form POST from the form the admin itself rendered (GET), so tests send
what a browser would, including every inline's management form, then change a few fields."""

import datetime as dt

from django.forms import MultiWidget


def _flat(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    return value


def _form_fields(form, prefix_name, data):
    for name, field in form.fields.items():
        key = form.add_prefix(name) if prefix_name else name
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(field.widget, MultiWidget):
            for i, part in enumerate(field.widget.decompress(value)):
                if part is not None:
                    data[f"{key}_{i}"] = _flat(part)
        elif isinstance(value, list | tuple):
            data[key] = [_flat(v) for v in value]
        else:
            data[key] = _flat(value)


def admin_post_data(response) -> dict:
    """Data for POSTing back the admin change form in ``response`` unchanged (no extra rows)."""
    data = {}
    _form_fields(response.context["adminform"].form, False, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
        for form in formset.initial_forms:
            _form_fields(form, True, data)
    return data


def add_inline_row(data: dict, prefix: str, **fields) -> dict:
    """Append one new row to the inline formset ``prefix``."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    return data
