"""`seed_demo_rakor`: the demo Kabupaten's Rakor POK, following the calendar as seed_demo does.

The last complete year (the demo's first) gets its TW III and TW IV meetings, the TW III one with
arahan and follow-ups in mixed states; the current year, when the demo has it, gets its TW III
meeting (data to September) once September is reported and its TW IV (data to November) once
November is, on the dates Pemda usually hold them (14 October, 16 December), held or planned.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from opd.models import Opd, User
from rakor.choices import JenisRakor, StatusTindakLanjut
from rakor.models import Arahan, Rakor, TindakLanjut
from realisasi.models import FiscalYear
from realisasi.period import Period

# (arahan, the follow-up asked of each OPD, its due date as (years after the meeting's, month,
# day)).
ARAHAN_TW3 = [
    (
        "Percepat proses pengadaan pekerjaan fisik agar kontrak ditandatangani paling lambat "
        "akhir Oktober.",
        "Menandatangani kontrak pekerjaan fisik yang tersisa",
        (0, 10, 31),
    ),
    (
        "Segera sampaikan SPJ kegiatan yang sudah selesai ke BPKAD agar realisasi keuangan "
        "tercatat.",
        "Menyampaikan SPJ triwulan III ke BPKAD",
        (0, 11, 30),
    ),
    (
        "OPD yang belum melapor tepat waktu agar menunjuk operator cadangan.",
        "Menetapkan operator cadangan dengan surat tugas",
        (1, 1, 15),
    ),
]
# (status, note) cycled over the OPDs of each arahan: mixed states for the demo.
PROGRESS = [
    (StatusTindakLanjut.SELESAI, "Sudah dilaksanakan seluruhnya."),
    (StatusTindakLanjut.PROSES, "Sedang berjalan, sebagian sudah selesai."),
    (StatusTindakLanjut.BELUM, ""),
]


class Command(BaseCommand):
    help = (
        "Membuat Rakor POK TW III dan TW IV tahun lalu (dengan arahan dan tindak lanjutnya) dan "
        "Rakor POK tahun berjalan yang datanya sudah ada (demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Tidak melakukan apa-apa bila sudah ada Rakor."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Rakor.objects.exists():
            self.stdout.write("Rakor sudah ada; tidak ada yang diubah.")
            return
        tahun, bulan = Period.reporting()
        complete = FiscalYear.objects.filter(tahun=tahun - 1).first()
        if complete is None:
            raise CommandError(
                f"Tahun anggaran {tahun - 1} belum ada: jalankan seed_demo lebih dulu."
            )
        opds = list(Opd.objects.filter(aktif=True, budget_lines__fiscal_year=complete).distinct())
        if not opds:
            raise CommandError(f"Belum ada OPD dengan anggaran {tahun - 1}: jalankan seed_demo.")
        current = FiscalYear.objects.filter(tahun=tahun).first()
        with transaction.atomic():
            made = self._meetings(complete, opds, through=12)
            self._arahan(made[0], opds)
            if current is not None:
                made += self._meetings(current, opds, through=bulan)
        self.stdout.write("Dibuat: " + ", ".join(rakor.judul for rakor in made) + ".")

    def _meetings(self, tahun, opds, through: int) -> list:
        """The year's TW III and TW IV meetings whose data month has been reported."""
        common = {
            "jenis": JenisRakor.POK,
            "fiscal_year": tahun,
            "tempat": "Ruang Rapat Sekretaris Daerah",
            "pimpinan_rapat": "Sekretaris Daerah",
        }
        made = []
        if through >= 9:
            tw3 = Rakor.objects.create(
                **common,
                triwulan=3,
                bulan_data=9,
                tanggal=datetime.date(tahun.tahun, 10, 14),
                agenda="Evaluasi realisasi triwulan III; kendala pengadaan; kepatuhan pelaporan.",
                notulen="Rapat dibuka oleh Sekretaris Daerah. Arahan pimpinan tercatat di bawah.",
            )
            tw3.opd_diundang.set(opds)
            tw3.opd_hadir.set(opds[3:])
            made.append(tw3)
        if through >= 11:
            tw4 = Rakor.objects.create(
                **common,
                triwulan=4,
                bulan_data=11,
                tanggal=datetime.date(tahun.tahun, 12, 16),
                agenda="Realisasi hingga akhir November; percepatan akhir tahun; "
                "tindak lanjut TW III.",
            )
            tw4.opd_diundang.set(opds)
            made.append(tw4)
        return made

    def _arahan(self, rakor, opds):
        reporter = User.objects.filter(role="verifikator").order_by("pk").first()
        for nomor, (isi, uraian, (later, month, day)) in enumerate(ARAHAN_TW3, start=1):
            batas = datetime.date(rakor.tanggal.year + later, month, day)
            arahan = Arahan.objects.create(rakor=rakor, nomor=nomor, isi=isi)
            for index, opd in enumerate(opds[nomor * 4 : nomor * 4 + 4]):
                followup = TindakLanjut.objects.create(
                    arahan=arahan, opd=opd, uraian=uraian, batas_waktu=batas
                )
                status, note = PROGRESS[(index + nomor) % len(PROGRESS)]
                if note:
                    user = opd.users.order_by("pk").first() or reporter
                    followup.record_progress(user=user, status=status, catatan=note)
