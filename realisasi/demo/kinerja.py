"""The demo's performance indicators (capaian kinerja, docs/indikator.md).

Every OPD gets an outcome indicator for each program it runs, an output indicator for each
kegiatan and one for each sub-kegiatan (its budget line's own output: wording, unit, annual
target), with targets per triwulan along the year's S-curve. Dinas Kesehatan carries the
Pemda's priority outcomes, among them prevalensi stunting and the number of stunted children
(negative polarity: lower is better), Dinas Sosial the share of poor people. Realization is
entered through the last complete triwulan of the current year (all four in earlier years),
a few OPDs behind; indicators below Tinggi carry a faktor penghambat. The quarterly reports of
earlier triwulan are verified; the last one is in every state an operator leaves it in.
"""

import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from opd.choices import Role
from opd.models import User

from ..choices import Polaritas, SifatIndikator, StatusLaporan, TingkatIndikator
from ..kinerja import indikator_figures
from ..models import BudgetLine, FiscalYear, Indikator, IndikatorRealisasi, LaporanKinerja
from ..workflow_kinerja import needs_penghambat

CENT = Decimal("0.01")
# Share of an annual cumulative target per triwulan (slow start, as the money's S-curve).
QUARTER_SHARE = (Decimal("0.15"), Decimal("0.25"), Decimal("0.30"), Decimal("0.30"))
LEVEL_PATH = (Decimal("25"), Decimal("50"), Decimal("75"), Decimal("100"))
# (OPD short name, uraian, satuan, polaritas, sifat, target per TW I..IV, realized TW I..IV)
PRIORITY = {
    "dinkes": [
        ("Prevalensi stunting pada balita", "%", Polaritas.NEGATIF, SifatIndikator.TINGKAT,
         ("17,50", "16,80", "16,00", "15,20"), ("18,40", "17,90", "17,60", "16,90")),
        ("Jumlah balita stunting", "balita", Polaritas.NEGATIF, SifatIndikator.TINGKAT,
         ("1.000", "960", "920", "880"), ("1.094", "1.071", "1.058", "1.002")),
        ("Angka kematian ibu", "per 100.000 KH", Polaritas.NEGATIF, SifatIndikator.TINGKAT,
         ("98", "96", "94", "92"), ("104", "99", "97", "95")),
        ("Cakupan imunisasi dasar lengkap", "%", Polaritas.POSITIF, SifatIndikator.TINGKAT,
         ("25", "50", "75", "95"), ("22", "47", "69", "88")),
    ],
    "dinsos": [
        ("Persentase penduduk miskin", "%", Polaritas.NEGATIF, SifatIndikator.TINGKAT,
         ("14,20", "14,00", "13,80", "13,50"), ("14,60", "14,35", "14,10", "13,90")),
    ],
}  # fmt: skip
PENDORONG = [
    "Dukungan anggaran tepat waktu dan koordinasi lintas sektor berjalan baik.",
    "Kader dan petugas lapangan aktif; data dari desa masuk tepat waktu.",
    "Kegiatan dilaksanakan sesuai jadwal RKO.",
]
PENGHAMBAT = [
    "Pencairan anggaran terlambat sehingga kegiatan bergeser ke triwulan berikutnya.",
    "Data sasaran belum mutakhir; verifikasi lapangan masih berjalan.",
    "Proses pengadaan barang/jasa gagal lelang dan harus diulang.",
    "Keterbatasan tenaga pelaksana di lapangan.",
    "Cuaca dan akses ke lokasi menghambat pelaksanaan.",
]
TINDAK_LANJUT = [
    "Percepatan pelaksanaan pada triwulan berikutnya dan pemantauan mingguan.",
    "Koordinasi dengan Bappeda dan BPKAD untuk percepatan pencairan.",
    "Pemutakhiran data sasaran bersama desa/kelurahan.",
]


def _d(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _split(total: Decimal, whole: bool) -> list[Decimal]:
    """An annual cumulative target over four quarters (whole units for counts)."""
    step = Decimal("1") if whole else CENT
    parts = [(total * share).quantize(step, rounding=ROUND_HALF_UP) for share in QUARTER_SHARE]
    parts[3] = total - sum(parts[:3])
    return parts


class KinerjaDemo:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.count = 0

    def build(self, years: tuple[int, ...], through_month: int) -> int:
        for tahun in years:
            quarters = 4 if tahun != years[-1] else through_month // 3
            self.build_year(FiscalYear.objects.get(tahun=tahun), quarters, tahun == years[-1])
        return self.count

    def build_year(self, year, quarters: int, current: bool) -> None:
        lines = (
            BudgetLine.objects.filter(fiscal_year=year)
            .select_related("opd", "sub_kegiatan__kegiatan__program")
            .order_by("opd__kode", "sub_kegiatan__kode", "pk")
        )
        indikator, seen = [], set()
        performance: dict[int, float] = {}
        for line in lines:
            opd, sub = line.opd, line.sub_kegiatan
            keg, prog = sub.kegiatan, sub.kegiatan.program
            performance.setdefault(opd.pk, min(1.15, max(0.55, self.rng.gauss(0.93, 0.12))))
            if (opd.pk, "program", prog.pk) not in seen:
                seen.add((opd.pk, "program", prog.pk))
                indikator += self.program_indicators(year, opd, prog)
            if (opd.pk, "kegiatan", keg.pk) not in seen:
                seen.add((opd.pk, "kegiatan", keg.pk))
                indikator.append(self.kegiatan_indicator(year, opd, prog, keg))
            if (opd.pk, "sub", sub.pk) not in seen and line.indikator_keluaran:
                seen.add((opd.pk, "sub", sub.pk))
                indikator.append(self.sub_indicator(year, opd, prog, keg, sub, line))
        Indikator.objects.bulk_create(indikator, batch_size=1000)
        self.count += len(indikator)
        self.realize(year, quarters, indikator, performance, current)

    def program_indicators(self, year, opd, prog) -> list[Indikator]:
        short = opd.singkatan.lower()
        special = PRIORITY.get(short, []) if prog.kode.endswith(".02") else []
        result = []
        for nomor, (uraian, satuan, polaritas, sifat, targets, realized) in enumerate(
            special, start=1
        ):
            ind = self._new(year, opd, TingkatIndikator.PROGRAM, prog, None, None, nomor)
            ind.uraian, ind.satuan, ind.polaritas, ind.sifat = uraian, satuan, polaritas, sifat
            ind.target_tw1, ind.target_tw2, ind.target_tw3, ind.target_tw4 = map(_d, targets)
            ind.target_tahun, ind.prioritas = _d(targets[3]), True
            # The demo's own mark on the unsaved instance, read back by _row.
            ind.demo_realized = [_d(value) for value in realized]  # type: ignore[attr-defined]
            result.append(ind)
        ind = self._new(year, opd, TingkatIndikator.PROGRAM, prog, None, None, len(result) + 1)
        name = prog.nama.removeprefix("Program ").lower()
        ind.uraian = f"Persentase sasaran {name} yang tercapai"
        ind.satuan, ind.sifat = "%", SifatIndikator.TINGKAT
        self._level(ind, Decimal("100"))
        return [*result, ind]

    def kegiatan_indicator(self, year, opd, prog, keg) -> Indikator:
        ind = self._new(year, opd, TingkatIndikator.KEGIATAN, prog, keg, None, 1)
        ind.uraian = f"Persentase sub kegiatan {keg.nama.lower()} yang terlaksana"
        ind.satuan, ind.sifat = "%", SifatIndikator.TINGKAT
        self._level(ind, Decimal("100"))
        return ind

    def sub_indicator(self, year, opd, prog, keg, sub, line) -> Indikator:
        ind = self._new(year, opd, TingkatIndikator.SUB_KEGIATAN, prog, keg, sub, 1)
        ind.uraian, ind.satuan = line.indikator_keluaran, line.satuan_keluaran or "unit"
        total = line.target_keluaran or Decimal("1")
        ind.target_tahun = total
        whole = total == total.to_integral_value()
        ind.target_tw1, ind.target_tw2, ind.target_tw3, ind.target_tw4 = _split(total, whole)
        return ind

    def _new(self, year, opd, tingkat, prog, keg, sub, nomor) -> Indikator:
        return Indikator(
            fiscal_year=year,
            opd=opd,
            tingkat=tingkat,
            program=prog,
            kegiatan=keg,
            sub_kegiatan=sub,
            nomor=nomor,
            polaritas=Polaritas.POSITIF,
            sifat=SifatIndikator.KUMULATIF,
        )

    @staticmethod
    def _level(ind, final: Decimal) -> None:
        ind.target_tahun = final
        ind.target_tw1, ind.target_tw2, ind.target_tw3, ind.target_tw4 = (
            final * share / 100 for share in LEVEL_PATH
        )

    def realize(self, year, quarters: int, indikator, performance, current: bool) -> None:
        if quarters == 0:
            return
        rows, reports = [], []
        for ind in indikator:
            factor = performance[ind.opd_id]
            realized = {}
            for q in range(1, quarters + 1):
                realized[q] = row = self._row(ind, q, factor)
                # The faktor follow the rule of the submit: below Tinggi s.d. the quarter.
                if needs_penghambat(indikator_figures(ind, realized, q)):
                    row.faktor_penghambat = self.rng.choice(PENGHAMBAT)
                    row.tindak_lanjut = self.rng.choice(TINDAK_LANJUT)
                else:
                    row.faktor_pendorong = self.rng.choice(PENDORONG)
                rows.append(row)
        IndikatorRealisasi.objects.bulk_create(rows, batch_size=2000)
        opds = {ind.opd_id: ind.opd for ind in indikator}
        operators = dict(
            User.objects.filter(role=Role.OPERATOR, opd_id__in=opds).values_list("opd_id", "pk")
        )
        verifikator = User.objects.filter(role=Role.VERIFIKATOR).order_by("pk").first()
        zone = ZoneInfo(settings.TIME_ZONE)
        for opd_id in opds:
            for q in range(1, quarters + 1):
                status = StatusLaporan.TERVERIFIKASI
                if q == quarters and current:
                    status = self.rng.choices(
                        [StatusLaporan.TERVERIFIKASI, StatusLaporan.TERKIRIM, StatusLaporan.DRAF],
                        weights=[0.6, 0.3, 0.1],
                    )[0]
                submitted = datetime(year.tahun + (q == 4), (q * 3) % 12 + 1, 1, 9, tzinfo=zone)
                submitted += timedelta(days=self.rng.randint(2, 12))
                reports.append(
                    LaporanKinerja(
                        opd_id=opd_id,
                        fiscal_year=year,
                        triwulan=q,
                        status=status,
                        terlambat=submitted.day > year.batas_hari_lapor,
                        submitted_at=None if status == StatusLaporan.DRAF else submitted,
                        submitted_by_id=None
                        if status == StatusLaporan.DRAF
                        else operators.get(opd_id),
                        verified_by=verifikator if status == StatusLaporan.TERVERIFIKASI else None,
                        verified_at=submitted + timedelta(days=3)
                        if status == StatusLaporan.TERVERIFIKASI
                        else None,
                        version=2,
                    )
                )
        LaporanKinerja.objects.bulk_create(reports, batch_size=1000)

    def _row(self, ind, q: int, factor: float) -> IndikatorRealisasi:
        target = ind.target_triwulan(q)
        if getattr(ind, "demo_realized", None):
            value = ind.demo_realized[q - 1]
        else:
            f = Decimal(str(round(min(1.3, max(0.2, self.rng.gauss(factor, 0.12))), 3)))
            value = target * f
            whole = ind.sifat == SifatIndikator.KUMULATIF and target == target.to_integral_value()
            value = value.quantize(Decimal("1") if whole else CENT, rounding=ROUND_HALF_UP)
        return IndikatorRealisasi(indikator=ind, triwulan=q, realisasi=value)
