"""`seed_demo`: load the demo Kabupaten Sukamaju (realisasi/demo/) into an empty database.

The demo follows the calendar: by default it builds the year of the month people report now
(realisasi/period.py: the month people report) through that month, and the year before, so
`make run` on any day shows a live month with reports due.
"""

from django.core.management.base import BaseCommand, CommandError

from realisasi.demo import DEMO_PASSWORD, DemoError, build_demo, demo_exists, demo_logins
from realisasi.period import Period


class Command(BaseCommand):
    help = "Membuat data demo Kabupaten Sukamaju (OPD, pengguna, APBD, target, realisasi)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Tidak melakukan apa-apa bila sudah ada baris anggaran.",
        )
        parser.add_argument("--opd", type=int, default=45, help="Jumlah OPD (bawaan 45).")
        parser.add_argument(
            "--lines", type=int, default=1500, help="Jumlah baris anggaran per tahun (1500)."
        )
        parser.add_argument(
            "--years",
            type=int,
            nargs="+",
            default=None,
            help="Tahun anggaran; tahun terakhir direalisasikan s.d. --through (bawaan: tahun "
            "bulan pelaporan sekarang dan tahun sebelumnya).",
        )
        parser.add_argument(
            "--through",
            type=int,
            default=None,
            help="Bulan realisasi terakhir (bawaan: bulan lengkap terakhir).",
        )
        parser.add_argument("--seed", type=int, default=2025, help="Benih acak (bawaan 2025).")
        parser.add_argument(
            "--pengelola", type=int, default=None, help="Jumlah pengelola/PPTK (±3,9 per OPD)."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and demo_exists():
            self.stdout.write("Data demo sudah ada; tidak ada yang diubah.")
            self.print_logins()
            return
        self.stdout.write("Membuat data demo Kabupaten Sukamaju ...")
        tahun, bulan = Period.reporting()
        years = options["years"] or [tahun - 1, tahun]
        through = options["through"] or (bulan if max(years) == tahun else 12)
        try:
            result = build_demo(
                opd_count=options["opd"],
                line_count=options["lines"],
                years=tuple(years),
                through_month=through,
                seed=options["seed"],
                pengelola_count=options["pengelola"],
                stdout=self.stdout,
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        rows = ", ".join(f"{count} {name.lower()}" for name, count in result.rows.items())
        self.stdout.write(rows)
        self.stdout.write(self.style.SUCCESS(f"Data demo dibuat dalam {result.seconds:.1f} detik."))
        if result.existing_users:
            self.stdout.write(
                "Pengguna yang sudah ada tidak diubah (kata sandinya tetap): "
                + ", ".join(result.existing_users)
            )
        self.print_logins(result.logins)

    def print_logins(self, logins=None):
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Login demo (kata sandi untuk semua):"))
        for role, usernames in logins or demo_logins():
            self.stdout.write(f"  {role:<16} {usernames}")
        self.stdout.write(f"  {'Kata sandi':<16} {DEMO_PASSWORD}")
