# Rows stored before the text policy: control characters out, single lines on one line.
from django.db import migrations

from core.text_cleanup import migration


class Migration(migrations.Migration):
    dependencies = [("photos", "0003_text_policy")]

    operations = [
        migrations.RunPython(
            migration("photos", "Photo"), reverse_code=migrations.RunPython.noop
        ),
    ]
