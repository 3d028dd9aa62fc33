"""Seed the editable lists: Nanhai's seven towns and subdistricts, and the kinds of people."""

from django.db import migrations

TOWNS = ["桂城街道", "大沥镇", "里水镇", "狮山镇", "丹灶镇", "西樵镇", "九江镇"]
KINDS = ["村居干部", "工会干部", "劳动模范", "工匠人才", "先进职工"]


def seed(apps, schema_editor):
    Town = apps.get_model("profiles", "Town")
    ProfileKind = apps.get_model("profiles", "ProfileKind")
    for order, name in enumerate(TOWNS, start=1):
        Town.objects.get_or_create(name=name, defaults={"order": order * 10})
    for order, name in enumerate(KINDS, start=1):
        ProfileKind.objects.get_or_create(name=name, defaults={"order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(seed, reverse_code=migrations.RunPython.noop)]
