"""`rakor_brief`: the Rakor briefing as PDF, for a year and month or a Rakor, or the render
job of an issued version (`--briefing ID`, started in the background by the web app)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rakor.choices import StatusBriefing
from rakor.models import Briefing, Rakor
from realisasi.models import FiscalYear
from reports.briefing import render_briefing_pdf, render_job
from reports.pdf import RenderError


class Command(BaseCommand):
    help = "Susun bahan Rakor (PDF) untuk satu tahun dan bulan, atau untuk satu Rakor."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Tahun anggaran, mis. 2025")
        parser.add_argument("--month", type=int, help="Data hingga akhir bulan (1-12)")
        parser.add_argument("--rakor", type=int, help="ID Rakor: tahun, bulan dan tindak lanjutnya")
        parser.add_argument("--output", help="Berkas PDF yang ditulis")
        parser.add_argument("--timeout", type=float, help="Batas waktu penyusunan (detik)")
        parser.add_argument("--briefing", type=int, help="ID versi terbit (tugas latar)")
        parser.add_argument(
            "--lampiran",
            action="store_true",
            help="Tambahkan lampiran per OPD (Form B dan Kurva S, satu halaman per OPD)",
        )

    def handle(self, *args, **options):
        if options["briefing"]:
            return self._render_issued(options["briefing"])
        rakor = None
        if options["rakor"]:
            rakor = Rakor.objects.select_related("fiscal_year").filter(pk=options["rakor"]).first()
            if rakor is None:
                raise CommandError(f"Rakor {options['rakor']} tidak ditemukan.")
        tahun = options["year"] or (rakor.fiscal_year.tahun if rakor else None)
        bulan = options["month"] or (rakor.bulan_data if rakor else None)
        if tahun is None or bulan is None:
            raise CommandError("Sebutkan --year dan --month, atau --rakor.")
        if not 1 <= bulan <= 12:
            raise CommandError(f"--month harus 1 sampai 12, bukan {bulan}.")
        if not FiscalYear.objects.filter(tahun=tahun).exists():
            raise CommandError(f"Tahun anggaran {tahun} tidak ada.")
        if not options["output"]:
            raise CommandError("Sebutkan --output, mis. --output bahan-rakor.pdf")
        try:
            content = render_briefing_pdf(
                tahun,
                bulan,
                rakor=rakor,
                timeout=options["timeout"],
                lampiran=options["lampiran"],
            )
        except RenderError as exc:
            raise CommandError(str(exc)) from exc
        output = Path(options["output"])
        output.write_bytes(content)
        self.stdout.write(f"{output} ({len(content)} bita)")

    def _render_issued(self, briefing_id):
        if not Briefing.objects.filter(pk=briefing_id).exists():
            raise CommandError(f"Bahan Rakor {briefing_id} tidak ditemukan.")
        issued = render_job(briefing_id)
        if issued.status == StatusBriefing.GAGAL:
            raise CommandError(issued.pesan_galat)
        self.stdout.write(f"{issued} {issued.status} {issued.sha256}")
