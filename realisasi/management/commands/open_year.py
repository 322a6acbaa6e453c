from django.core.management.base import BaseCommand, CommandError

from realisasi.years import YearError, open_year


class Command(BaseCommand):
    help = (
        "Buka tahun anggaran baru: OPD, pengelompokan, pengguna dan sumber dana tetap berlaku, "
        "batas hari lapor dibawa dari tahun asal; siap untuk impor APBD."
    )

    def add_arguments(self, parser):
        parser.add_argument("tahun", type=int, help="tahun anggaran baru, mis. 2026")
        parser.add_argument(
            "--from", dest="from_tahun", type=int, help="tahun asal (bawaan: tahun sebelumnya)"
        )

    def handle(self, *args, **options):
        try:
            opened = open_year(options["tahun"], options.get("from_tahun"))
        except YearError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(opened.summary()))
