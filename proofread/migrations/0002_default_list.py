"""The default word list (proofread/data/default_list.tsv, version 1) and the version row."""

from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "default_list.tsv"


def read_default_list():
    entries = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        wrong, right, kind, severity, note, exceptions = (line.split("\t") + [""] * 6)[:6]
        entries.append(
            {
                "wrong": wrong.strip(),
                "right": right.strip(),
                "kind": kind.strip(),
                "severity": severity.strip(),
                "note": note.strip(),
                "exceptions": "\n".join(e.strip() for e in exceptions.split("|") if e.strip()),
            }
        )
    return entries


def forward(apps, schema_editor):
    Entry = apps.get_model("proofread", "Entry")
    ListVersion = apps.get_model("proofread", "ListVersion")
    existing = set(Entry.objects.values_list("wrong", flat=True))
    Entry.objects.bulk_create(
        Entry(**values) for values in read_default_list() if values["wrong"] not in existing
    )
    version, created = ListVersion.objects.get_or_create(pk=1, defaults={"version": 1})
    if not created:
        version.version += 1
        version.save()


class Migration(migrations.Migration):
    dependencies = [("proofread", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse_code=migrations.RunPython.noop)]
