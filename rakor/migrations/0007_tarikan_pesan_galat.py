"""Why a province pull failed is `pesan_galat`, as on a job and a briefing (was `pesan`, the
word a notification uses for its body); the column is renamed and keeps its text."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rakor", "0006_progressnote_field_names"),
    ]

    operations = [
        migrations.RenameField(model_name="tarikan", old_name="pesan", new_name="pesan_galat"),
    ]
