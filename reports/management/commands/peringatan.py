"""`manage.py peringatan --year 2026 --month 11 [--format json|csv] [--baris]`: warnings as data.

JSON: the method in use with its backtest error, the year-end projection of the Pemda, each
funding group and each OPD, every warning sorted by Rupiah at risk, and with `--baris` every
line's projection. CSV: one row per warning. Rupiah and percentages as decimal strings with
two places, rounded once (as `rekap`).
"""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from realisasi.period import Period, PeriodError
from reports.records import peringatan_data
from reports.tables import neutralise

CSV_KEYS = (
    "jenis",
    "kode_opd",
    "nama_opd",
    "baris_id",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "sumber_dana",
    "rupiah_berisiko",
    "keterangan",
)
TEXT_KEYS = ("nama_opd", "nama_sub_kegiatan", "sumber_dana", "keterangan")


class Command(BaseCommand):
    help = "Cetak proyeksi akhir tahun dan peringatan dini untuk satu bulan (JSON atau CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="Tahun anggaran (bawaan: bulan lengkap terakhir)"
        )
        parser.add_argument("--month", type=int, help="Bulan 1–12 (bawaan: bulan lengkap terakhir)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")
        parser.add_argument(
            "--baris", action="store_true", help="JSON: sertakan proyeksi setiap baris anggaran"
        )

    def handle(self, *args, year=None, month=None, format="json", baris=False, **options):
        try:
            tahun, bulan = Period.parse({"tahun": year, "bulan": month})
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        data = peringatan_data(tahun, bulan, lines=baris and format == "json")
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=CSV_KEYS, lineterminator="\n")
        writer.writeheader()
        for record in data["peringatan"]:
            writer.writerow(record | {key: neutralise(record[key]) for key in TEXT_KEYS})
