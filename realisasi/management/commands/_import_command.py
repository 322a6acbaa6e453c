"""What the import commands share: reading the file, progress on stderr, errors."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from realisasi.importers import ImportRejected, check_name_and_size, run_import


class ImportCommand(BaseCommand):
    jenis: str

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx atau .csv")
        parser.add_argument("--year", type=int, required=True, help="tahun anggaran, mis. 2025")
        parser.add_argument("--user", help="nama pengguna yang dicatat sebagai pengimpor")

    def options_for_import(self, options) -> dict:
        return {}

    def before_import(self, options) -> None:
        """Refuse, with a CommandError, what would fail only after the import was written."""

    def after_import(self, result, options) -> None:
        """What the command does with a successful result besides printing its summary."""

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File tidak ditemukan: {path}")
        user = None
        if options.get("user"):
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Pengguna '{options['user']}' tidak ada.")
        self.before_import(options)
        try:
            check_name_and_size(path.name, path.stat().st_size)
            data = path.read_bytes()
            result = run_import(
                self.jenis,
                path.name,
                data,
                tahun=options.get("year"),
                user=user,
                progress=self.progress,
                **self.options_for_import(options),
            )
        except ImportRejected as exc:
            lines = [str(problem) for problem in exc.problems]
            raise CommandError(
                f"Impor ditolak, tidak ada yang disimpan ({len(lines)} masalah):\n"
                + "\n".join(lines)
            ) from None
        self.after_import(result, options)
        self.stdout.write(self.style.SUCCESS(result.summary()))

    def progress(self, phase: str, done: int, total: int) -> None:
        label = {"periksa": "Memeriksa", "tulis": "Menyimpan"}.get(phase, phase)
        self.stderr.write(f"{label}: {done}/{total}")
