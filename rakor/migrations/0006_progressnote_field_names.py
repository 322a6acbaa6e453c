"""ProgressNote's fields take the names StatusChange uses for the same things: from_status,
to_status, catatan. The columns are renamed; every note keeps its data."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rakor", "0005_province"),
    ]

    operations = [
        migrations.RenameField(
            model_name="progressnote", old_name="status_lama", new_name="from_status"
        ),
        migrations.RenameField(
            model_name="progressnote", old_name="status_baru", new_name="to_status"
        ),
        migrations.RenameField(model_name="progressnote", old_name="isi", new_name="catatan"),
    ]
