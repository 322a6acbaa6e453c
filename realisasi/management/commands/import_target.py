from realisasi.choices import JenisImpor

from ._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor target bulanan kumulatif (keuangan dan fisik) dari .xlsx/.csv; bulan yang tidak "
        "diberikan diinterpolasi. Format: docs/import-formats.md"
    )
    jenis = JenisImpor.TARGET
