"""A briefing's version is `version`, as on the monthly and quarterly reports (was `versi`);
the column is renamed in place and keeps every issued version's number."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rakor", "0007_tarikan_pesan_galat"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="briefing", name="briefing_unique_version"),
        migrations.RenameField(model_name="briefing", old_name="versi", new_name="version"),
        migrations.AlterModelOptions(
            name="briefing",
            options={
                "ordering": ["rakor", "-version"],
                "verbose_name": "bahan Rakor",
                "verbose_name_plural": "bahan Rakor",
            },
        ),
        migrations.AddConstraint(
            model_name="briefing",
            constraint=models.UniqueConstraint(
                fields=("rakor", "version"),
                name="briefing_unique_version",
                violation_error_message="Versi bahan Rakor ini sudah ada.",
            ),
        ),
    ]
