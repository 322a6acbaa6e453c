from realisasi.choices import JenisImpor

from ._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor APBD (baris anggaran dan pagu satu tahap) dari .xlsx/.csv. "
        "Format: docs/import-formats.md"
    )
    jenis = JenisImpor.APBD

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--stage",
            default="murni",
            help="kode tahap: murni (bawaan), pergeseran-1, pergeseran-2, ..., perubahan",
        )
        parser.add_argument(
            "--berlaku-mulai",
            type=int,
            dest="berlaku_mulai",
            help="bulan tahap ini mulai berlaku (bawaan: murni 1, perubahan 9; wajib untuk "
            "pergeseran baru)",
        )

    def options_for_import(self, options):
        return {"stage": options["stage"], "berlaku_mulai": options["berlaku_mulai"]}
