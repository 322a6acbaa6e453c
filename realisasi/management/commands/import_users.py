import os
from pathlib import Path

from django.core.management.base import CommandError

from realisasi.choices import JenisImpor
from realisasi.importers.template_files import csv_bytes

from ._import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Impor akun pengguna dari .xlsx/.csv (username, nama, peran, kode_opd, nip, email, "
        "jabatan, aktif). Kata sandi sekali pakai akun baru ditulis ke file --passwords (baru, "
        "hanya dapat dibaca pemiliknya); pemiliknya wajib menggantinya saat pertama masuk."
    )
    jenis = JenisImpor.PENGGUNA

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx atau .csv")
        parser.add_argument(
            "--passwords",
            required=True,
            help="file CSV yang dibuat untuk kata sandi sekali pakai; tidak boleh sudah ada",
        )
        parser.add_argument("--user", help="nama pengguna yang dicatat sebagai pengimpor")

    def before_import(self, options):
        target = Path(options["passwords"])
        if target.exists():
            raise CommandError(f"File {target} sudah ada: pilih nama lain.")
        if not os.access(target.parent if str(target.parent) else ".", os.W_OK):
            raise CommandError(f"Folder {target.parent} tidak dapat ditulisi.")

    def after_import(self, result, options):
        target = Path(options["passwords"])
        rows = [["username", "nama", "kata_sandi_sekali_pakai"], *map(list, result.passwords)]
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(csv_bytes(rows))
        self.stdout.write(
            f"{len(result.passwords)} kata sandi sekali pakai ditulis ke {target} (izin 0600)."
        )
