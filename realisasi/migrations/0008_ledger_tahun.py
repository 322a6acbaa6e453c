"""The ledger's year: rows of one year found on their own (tahun, bulan) index."""

import django.db.models.deletion
from django.db import migrations, models

FILL = (
    "UPDATE realisasi_ledger SET tahun_id = (SELECT b.tahun_id FROM realisasi_budgetline b"
    " WHERE b.id = realisasi_ledger.line_id)"
)


def fill_ledger(apps, schema_editor):
    """Every line's twelve rows from its history (realisasi.ledger.refresh)."""
    from realisasi import ledger

    BudgetLine = apps.get_model("realisasi", "BudgetLine")  # noqa: N806
    ledger.refresh(BudgetLine.objects.values_list("pk", flat=True), apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("realisasi", "0007_merge_0004_kategori_kendala_0006_merge_20261202_1149"),
    ]

    operations = [
        migrations.AddField(
            model_name="ledger",
            name="tahun",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="realisasi.fiscalyear",
                verbose_name="tahun anggaran",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="ledger",
            name="tahun",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="realisasi.fiscalyear",
                verbose_name="tahun anggaran",
            ),
        ),
        migrations.RemoveIndex(model_name="ledger", name="ledger_month_line"),
        migrations.AddIndex(
            model_name="ledger",
            index=models.Index(fields=["tahun", "bulan"], name="ledger_year_month"),
        ),
        migrations.RunPython(fill_ledger, migrations.RunPython.noop),
    ]
