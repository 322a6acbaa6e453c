"""`python manage.py tarik_provinsi [--year 2025 --month 11]`: pull every kabupaten/kota once.

For a scheduled task (cron, or the task queue): each pull is kept, good or failed
(rakor.province). Exit status 0 even when some Pemda are unreachable: that is news for the
dashboard, not a failure of the command; 1 when the installation is not in province mode.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rakor.province import pull_all


class Command(BaseCommand):
    help = "Tarik ringkasan dan rekap setiap kabupaten/kota (mode provinsi)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Tahun (bawaan: bulan lengkap terakhir Pemda)")
        parser.add_argument("--month", type=int, help="Bulan 1–12")

    def handle(self, *args, year=None, month=None, **options):
        if not settings.RAKOR_PROVINCE_MODE:
            raise CommandError("Instalasi ini tidak dalam mode provinsi (RAKOR_PROVINCE_MODE).")
        if month is not None and not 1 <= month <= 12:
            raise CommandError(f"--month harus antara 1 dan 12, bukan {month}.")
        for tarikan in pull_all(year, month):
            if tarikan.ok:
                self.stdout.write(f"{tarikan.kabupaten}: {tarikan.tahun}/{tarikan.bulan} OK")
            else:
                self.stdout.write(f"{tarikan.kabupaten}: GAGAL {tarikan.pesan_galat}")
