"""A backtest row's creation time is `created_at`, as on every other model (was
`dihitung_pada`); the column is renamed and keeps its values."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_projection_backtest"),
    ]

    operations = [
        migrations.RenameField(
            model_name="projectionbacktest", old_name="dihitung_pada", new_name="created_at"
        ),
    ]
