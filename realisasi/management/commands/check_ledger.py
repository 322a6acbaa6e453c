"""`manage.py check_ledger [--year]`: compare every ledger row with the history, and the
ledger's sums per OPD (LedgerTotal) with the ledger rows they sum.

Exits with status 1 and names the first differing rows when any disagree (a write that
bypassed realisasi.ledger.refresh); `rebuild_ledger` repairs them.
"""

from django.core.management.base import BaseCommand, CommandError

from realisasi.ledger_check import differences, total_differences
from realisasi.models import FiscalYear


class Command(BaseCommand):
    help = "Memeriksa buku besar bulanan terhadap riwayat pagu, target dan realisasi."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="hanya tahun anggaran ini, mis. 2025")
        parser.add_argument("--limit", type=int, default=20, help="baris berbeda yang ditampilkan")

    def handle(self, *args, **options):
        tahun = options.get("year")
        if tahun is not None and not FiscalYear.objects.filter(tahun=tahun).exists():
            raise CommandError(f"Tahun anggaran {tahun} tidak ada.")
        limit = options["limit"]
        found = [*differences(tahun, limit=limit), *total_differences(tahun)][:limit]
        if found:
            for difference in found:
                self.stderr.write(str(difference))
            raise CommandError(
                f"Buku besar berbeda dari riwayat ({len(found)} perbedaan pertama di atas); "
                "jalankan manage.py rebuild_ledger."
            )
        self.stdout.write("Buku besar sesuai dengan riwayat.")
