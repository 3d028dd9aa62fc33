from django.db import migrations

# The five headings of the union's annual key tasks, in the order the plan lists them.
CATEGORIES = ["思想引领", "立功竞赛", "维权维稳", "精准服务", "工会建设"]


def create_categories(apps, schema_editor):
    Category = apps.get_model("workplan", "Category")
    for position, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"order": position * 10})


class Migration(migrations.Migration):
    dependencies = [
        ("workplan", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_categories, reverse_code=migrations.RunPython.noop),
    ]
