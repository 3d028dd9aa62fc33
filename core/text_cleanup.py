"""Bring rows stored before the text policy into line with it (``core/text.py``).

Used by each app's ``clean_stored_text`` data migration (with historical models) and by
``manage.py clean_stored_text`` (every installed model, e.g. after a raw import). Rows are
read in batches and only those that break the policy are written, with ``update()`` (no
``save()``, no signals: a version or an audit entry would be wrong for a repair).

What is done to a stored value:

- single-line fields: control characters removed, line breaks and tabs become a space,
  leading/trailing spaces removed; an emptied required value becomes “未命名”;
- multi-line fields: control characters removed (line breaks and tabs kept);
- rich text: run through the sanitizer again (which removes control characters);
- a value of only spaces becomes empty (or “未命名” when required).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from .fields import MultiLineTextField, SanitizedRichTextField, SingleLineTextField
from .html import sanitize_html
from .text import has_control, is_blank, one_line, strip_control

PLACEHOLDER = "未命名"
BATCH = 2000


@dataclass
class Repair:
    model: str
    pk: object
    field: str
    old: str
    new: str
    saved: bool = True


def _clean_value(field, value: str) -> str:
    if isinstance(field, SanitizedRichTextField):
        return sanitize_html(value) if has_control(value) else value
    if isinstance(field, SingleLineTextField):
        cleaned = one_line(value)
        cleaned = "" if is_blank(cleaned) else cleaned.strip()
    else:
        cleaned = strip_control(value)
        cleaned = "" if is_blank(cleaned) else cleaned
    if not cleaned and value and not field.blank:
        cleaned = PLACEHOLDER
    return cleaned


def policy_fields(model) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, SingleLineTextField | MultiLineTextField | SanitizedRichTextField)
    ]


def clean_stored_text(models, *, dry_run: bool = False, using: str = "default") -> list[Repair]:
    """Repair the rows of ``models`` whose text breaks the policy; return what was (or, with
    ``dry_run``, would be) changed."""
    repairs: list[Repair] = []
    for model in models:
        fields = policy_fields(model)
        if not fields:
            continue
        names = [field.attname for field in fields]
        manager = model._base_manager.using(using)
        rows = manager.order_by("pk").values_list("pk", *names)
        for pk, *values in rows.iterator(chunk_size=BATCH):
            changes = {}
            for field, value in zip(fields, values, strict=True):
                if isinstance(value, str) and value:
                    cleaned = _clean_value(field, value)
                    if cleaned != value:
                        changes[field.attname] = cleaned
            if not changes:
                continue
            saved = not dry_run
            if saved:
                try:
                    with transaction.atomic(using=using):
                        manager.filter(pk=pk).update(**changes)
                except IntegrityError:  # a cleaned unique name equals another row's
                    saved = False
            for name, new in changes.items():
                old = values[names.index(name)]
                repairs.append(Repair(model._meta.label, pk, name, old, new, saved))
    return repairs


def migration(app_label: str, *model_names: str):
    """A ``RunPython`` forward function cleaning ``model_names`` of ``app_label``."""

    def forward(apps, schema_editor):
        models = [apps.get_model(app_label, name) for name in model_names]
        clean_stored_text(models, using=schema_editor.connection.alias)

    return forward
