"""`python manage.py rekap --year 2025 --month 11 [--format json|csv]`: the rekap as data.

The interface is documented in docs/rekap.md and kept stable: Rupiah as decimal strings with
two places ("984959704911.00"), percentages as decimal strings rounded half-up to two places
("84.80"), null (JSON) or empty (CSV) when a figure has no denominator. The records are
reports.records' (the API and the open data write the same ones).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from realisasi.period import Period, PeriodError
from reports.records import rekap_data, write_rekap_csv


class Command(BaseCommand):
    help = "Cetak rekap realisasi Pemda dan per OPD untuk satu bulan (JSON atau CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="Tahun anggaran (bawaan: bulan lengkap terakhir)"
        )
        parser.add_argument("--month", type=int, help="Bulan 1–12 (bawaan: bulan lengkap terakhir)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args, year=None, month=None, format="json", **options):
        try:
            tahun, bulan = Period.parse({"tahun": year, "bulan": month})
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        data = rekap_data(tahun, bulan)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        write_rekap_csv(data, self.stdout)
