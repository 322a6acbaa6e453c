from realisasi.choices import JenisImpor

from ._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor indikator kinerja dan targetnya per triwulan dari .xlsx/.csv; dengan --realisasi: "
        "realisasi indikator per triwulan. Format: docs/import-formats.md, docs/indikator.md"
    )
    jenis = JenisImpor.INDIKATOR

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--realisasi",
            action="store_true",
            help="berkas berisi realisasi indikator per triwulan (bukan definisi indikator)",
        )

    def handle(self, *args, **options):
        if options["realisasi"]:
            self.jenis = JenisImpor.INDIKATOR_REALISASI
        return super().handle(*args, **options)
