"""Readable differences between two versions: character-level for Chinese text."""

import difflib
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.html import html_to_text


def display_value(field, value) -> str:
    if value is None:
        return ""
    if isinstance(field, models.TextField) or "RichText" in type(field).__name__:
        return html_to_text(str(value)) if "<" in str(value) else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return str(value)


def inline_diff(old: str, new: str):
    """Character-level diff (Chinese has no spaces), as HTML with <del> and <ins>."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", old[i1:i2]))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", old[i1:i2]))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", new[j1:j2]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


def related_summary(old, new):
    """Followed rows (credits, gallery photos) that differ between the two revisions."""

    def rows(version):
        return {
            (v.content_type_id, v.object_id): v.object_repr
            for v in version.revision.version_set.all()
            if (v.content_type_id, v.object_id) != (version.content_type_id, version.object_id)
        }

    before, after = rows(old), rows(new)
    removed = [before[k] for k in before if k not in after]
    added = [after[k] for k in after if k not in before]
    changed = [after[k] for k in after if k in before and before[k] != after[k]]
    items = [("去掉", r) for r in removed] + [("增加", r) for r in added]
    items += [("修改", r) for r in changed]
    return format_html_join("", "<li>{}:{}</li>", items) if items else ""
