"""A delivery's last error is `pesan_galat`, as on a job and a briefing (was `galat`); the
column is renamed and keeps its text."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("opd", "0004_background_job"),
    ]

    operations = [
        migrations.RenameField(model_name="delivery", old_name="galat", new_name="pesan_galat"),
    ]
