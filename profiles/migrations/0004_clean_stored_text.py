# Rows stored before the text policy: control characters out, single lines on one line.
from django.db import migrations

from core.text_cleanup import migration


class Migration(migrations.Migration):
    dependencies = [("profiles", "0003_text_policy")]

    operations = [
        migrations.RunPython(
            migration("profiles", "Town", "ProfileKind", "Profile", "Honour"), reverse_code=migrations.RunPython.noop
        ),
    ]
