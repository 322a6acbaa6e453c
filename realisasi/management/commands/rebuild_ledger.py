"""`manage.py rebuild_ledger [--year]`: recompute the ledger from the history."""

import time

from django.core.management.base import BaseCommand, CommandError

from realisasi import ledger
from realisasi.models import FiscalYear


class Command(BaseCommand):
    help = "Menghitung ulang buku besar bulanan (baris anggaran × bulan) dari riwayat."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="hanya tahun anggaran ini, mis. 2025")

    def handle(self, *args, **options):
        tahun = options.get("year")
        if tahun is not None and not FiscalYear.objects.filter(tahun=tahun).exists():
            raise CommandError(f"Tahun anggaran {tahun} tidak ada.")
        started = time.monotonic()
        rows = ledger.rebuild(tahun)
        scope = f"tahun {tahun}" if tahun is not None else "semua tahun"
        seconds = time.monotonic() - started
        self.stdout.write(f"Buku besar {scope}: {rows} baris ditulis dalam {seconds:.1f} detik.")
