"""`python manage.py uji_proyeksi [--year 2024 ...] [--no-save] [--if-empty]`: the backtest.

Projects every past year with December realization from the end of June and of September by
each method (reports.projection), prints the error table of docs/peringatan.md (Markdown) and
stores it (reports.models.ProjectionBacktest): the pages then use the method with the lower
error and quote it (reports.backtest).
"""

from django.core.management.base import BaseCommand, CommandError

from opd.formatting import format_number
from reports import backtest
from reports.choices import MetodeProyeksi
from reports.models import ProjectionBacktest


class Command(BaseCommand):
    help = "Uji balik proyeksi akhir tahun: galat tiap metode terhadap realisasi Desember."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="Tahun diuji (berulang)")
        parser.add_argument(
            "--no-save", action="store_true", help="Hanya cetak, jangan simpan hasilnya"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Tidak melakukan apa-apa bila hasil uji sudah tersimpan atau belum ada tahun "
            "yang dapat diuji (untuk make run)",
        )

    def handle(self, *args, year=None, no_save=False, if_empty=False, **options):
        if if_empty and ProjectionBacktest.objects.exists():
            self.stdout.write("Hasil uji balik proyeksi sudah ada; tidak ada yang diubah.")
            return
        years = year or backtest.complete_years()
        if not years:
            message = "Belum ada tahun dengan realisasi Desember untuk diuji."
            if if_empty:
                self.stdout.write(message)
                return
            raise CommandError(message)
        results = backtest.run(years)
        write = self.stdout.write
        write(
            "| metode | tahun | data s.d. | galat Pemda keu | galat OPD keu (rata-rata) "
            "| galat Pemda fisik | galat OPD fisik | OPD |"
        )
        write("|---|---|---|---|---|---|---|---|")
        for row in results:
            write(
                f"| {row.metode} | {row.tahun} | {row.bulan} "
                f"| {format_number(row.galat_pemda_keuangan, 2)} "
                f"| {format_number(row.galat_opd_keuangan, 2)} "
                f"| {format_number(row.galat_pemda_fisik, 2)} "
                f"| {format_number(row.galat_opd_fisik, 2)} | {row.jumlah_opd} |"
            )
        write("")
        for error in backtest.summarize([vars(row) for row in results]):
            write(
                f"{error.metode}: rata-rata galat OPD keuangan "
                f"{format_number(error.opd_keuangan, 2)} poin, Pemda "
                f"{format_number(error.pemda_keuangan, 2)} poin ({error.rows} uji)"
            )
        best = backtest.summarize([vars(row) for row in results])[0]
        write(f"Metode terpilih: {best.metode} ({MetodeProyeksi(best.metode).label})")
        if not no_save:
            backtest.store(results)
            write("Hasil disimpan; halaman Peringatan dini memakai metode terpilih.")
