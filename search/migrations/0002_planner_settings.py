from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The search page reads "title hits, then body hits" from a UNION ALL that stops at
        # the page's LIMIT; a Parallel Append would interleave the two and scan everything.
        schema_editor.execute("ALTER TABLE search_searchdocument SET (parallel_workers = 0)")
        # Keep statistics for the 10,000 most common bigrams (default 1,000): the planner
        # then knows a common word from a rare one and picks the date index or GIN.
        for column in ("tsv", "title_tsv"):
            schema_editor.execute(
                f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET STATISTICS 1000"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument RESET (parallel_workers)")
        for column in ("tsv", "title_tsv"):
            schema_editor.execute(
                f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET STATISTICS -1"
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
