from realisasi.choices import JenisImpor, SumberRealisasi

from ._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor realisasi bulanan kumulatif dari .xlsx/.csv (sumber opd atau sp2d BPKAD). "
        "Format: docs/import-formats.md"
    )
    jenis = JenisImpor.REALISASI

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--sumber",
            choices=SumberRealisasi.values,
            default=SumberRealisasi.OPD,
            help="opd (bawaan): angka OPD; sp2d: hanya realisasi keuangan dari ekspor SP2D",
        )

    def options_for_import(self, options):
        return {"sumber": options["sumber"]}
