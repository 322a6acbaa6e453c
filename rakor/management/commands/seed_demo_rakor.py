"""`seed_demo_rakor`: two Rakor POK of the demo Kabupaten (2025) with arahan and follow-ups."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from opd.models import Opd, User
from rakor.choices import JenisRakor, StatusTindakLanjut
from rakor.models import Arahan, Rakor, TindakLanjut
from realisasi.models import FiscalYear

TAHUN = 2025

ARAHAN_TW3 = [
    (
        "Percepat proses pengadaan pekerjaan fisik agar kontrak ditandatangani paling lambat "
        "akhir Oktober.",
        "Menandatangani kontrak pekerjaan fisik yang tersisa",
        datetime.date(2025, 10, 31),
    ),
    (
        "Segera sampaikan SPJ kegiatan yang sudah selesai ke BPKAD agar realisasi keuangan "
        "tercatat.",
        "Menyampaikan SPJ triwulan III ke BPKAD",
        datetime.date(2025, 11, 30),
    ),
    (
        "OPD yang belum melapor tepat waktu agar menunjuk operator cadangan.",
        "Menetapkan operator cadangan dengan surat tugas",
        datetime.date(2026, 1, 15),
    ),
]
# (status, note) cycled over the OPDs of each arahan: mixed states for the demo.
PROGRESS = [
    (StatusTindakLanjut.SELESAI, "Sudah dilaksanakan seluruhnya."),
    (StatusTindakLanjut.PROSES, "Sedang berjalan, sebagian sudah selesai."),
    (StatusTindakLanjut.BELUM, ""),
]


class Command(BaseCommand):
    help = "Membuat Rakor POK TW III dan TW IV 2025 beserta arahan dan tindak lanjutnya (demo)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Tidak melakukan apa-apa bila sudah ada Rakor."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Rakor.objects.exists():
            self.stdout.write("Rakor sudah ada; tidak ada yang diubah.")
            return
        tahun = FiscalYear.objects.filter(tahun=TAHUN).first()
        if tahun is None:
            raise CommandError(f"Tahun anggaran {TAHUN} belum ada: jalankan seed_demo lebih dulu.")
        opds = list(Opd.objects.filter(aktif=True, budget_lines__tahun=tahun).distinct())
        if not opds:
            raise CommandError(f"Belum ada OPD dengan anggaran {TAHUN}: jalankan seed_demo.")
        with transaction.atomic():
            tw3, tw4 = self._meetings(tahun, opds)
            self._arahan(tw3, opds)
        self.stdout.write(f"Dibuat: {tw3.judul} dan {tw4.judul}.")

    def _meetings(self, tahun, opds):
        common = {
            "jenis": JenisRakor.POK,
            "tahun": tahun,
            "tempat": "Ruang Rapat Sekretaris Daerah",
            "pimpinan_rapat": "Sekretaris Daerah",
        }
        tw3 = Rakor.objects.create(
            **common,
            triwulan=3,
            bulan_data=9,
            tanggal=datetime.date(2025, 10, 14),
            agenda="Evaluasi realisasi triwulan III; kendala pengadaan; kepatuhan pelaporan.",
            notulen="Rapat dibuka oleh Sekretaris Daerah. Arahan pimpinan tercatat di bawah.",
        )
        tw4 = Rakor.objects.create(
            **common,
            triwulan=4,
            bulan_data=11,
            tanggal=datetime.date(2025, 12, 16),
            agenda="Realisasi hingga akhir November; percepatan akhir tahun; tindak lanjut TW III.",
        )
        for rakor in (tw3, tw4):
            rakor.opd_diundang.set(opds)
        tw3.opd_hadir.set(opds[3:])
        return tw3, tw4

    def _arahan(self, rakor, opds):
        reporter = User.objects.filter(role="verifikator").order_by("pk").first()
        for nomor, (isi, uraian, batas) in enumerate(ARAHAN_TW3, start=1):
            arahan = Arahan.objects.create(rakor=rakor, nomor=nomor, isi=isi)
            for index, opd in enumerate(opds[nomor * 4 : nomor * 4 + 4]):
                followup = TindakLanjut.objects.create(
                    arahan=arahan, opd=opd, uraian=uraian, batas_waktu=batas
                )
                status, note = PROGRESS[(index + nomor) % len(PROGRESS)]
                if note:
                    user = opd.users.order_by("pk").first() or reporter
                    followup.record_progress(user=user, status=status, catatan=note)
