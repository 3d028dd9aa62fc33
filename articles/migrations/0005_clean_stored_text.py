# Rows stored before the text policy: control characters out, single lines on one line.
from django.db import migrations

from core.text_cleanup import migration


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_text_policy")]

    operations = [
        migrations.RunPython(
            migration("articles", "Section", "Series", "Article", "Credit", "ArticlePhoto"), reverse_code=migrations.RunPython.noop
        ),
    ]
