"""Realistic budget data for the browser tests and the screenshots, built with the factories.

Never the demo data: each test states the OPDs, lines and figures it needs through these
helpers, and the numbers it then reads on a page are computed by hand in the test.
"""

from dataclasses import dataclass
from decimal import Decimal

from opd.choices import JenisOpd
from realisasi.choices import KelompokDana
from tests.factories import (
    BudgetLineFactory,
    KegiatanFactory,
    OpdFactory,
    ProgramFactory,
    RealisasiFactory,
    SubKegiatanFactory,
    SumberDanaFactory,
    TargetFactory,
)

SUMBER_DANA = {
    KelompokDana.DAU: "DAU",
    KelompokDana.PAD: "PAD",
    KelompokDana.DAK_FISIK: "DAK Fisik Bidang Jalan",
    KelompokDana.DAK_NON_FISIK: "DAK Non Fisik BOK",
    KelompokDana.BANKEU: "Bantuan Keuangan Provinsi",
}


@dataclass
class LineSpec:
    """One budget line: its sub-kegiatan, pagu, funding group and cumulative plan.

    `target_share[m-1]` is the cumulative share of the pagu planned by the end of month m
    (keuangan in Rupiah = pagu × share, fisik % = share × 100); `realized_share` likewise for
    the months already reported.
    """

    kode: str
    nama: str
    pagu: int
    kelompok: str = KelompokDana.DAU
    target_share: tuple = ()
    realized_share: tuple = ()


def sumber_dana(kelompok):
    return SumberDanaFactory(nama=SUMBER_DANA[kelompok], kelompok=kelompok)


def sub_kegiatan(kode: str, nama: str):
    """A sub-kegiatan `a.bb.cc.d.ee.ffff` with its program `a.bb.cc` and kegiatan `a.bb.cc.d.ee`."""
    parts = kode.split(".")
    program = ProgramFactory(kode=".".join(parts[:3]), nama=f"Program {nama}")
    kegiatan = KegiatanFactory(kode=".".join(parts[:5]), nama=f"Kegiatan {nama}", program=program)
    return SubKegiatanFactory(kode=kode, nama=nama, kegiatan=kegiatan)


def build_line(year, opd, spec: LineSpec):
    """A budget line with its targets for every month of the plan and its reported months."""
    line = BudgetLineFactory(
        tahun=year,
        opd=opd,
        sub_kegiatan=sub_kegiatan(spec.kode, spec.nama),
        sumber_dana=sumber_dana(spec.kelompok),
        pagu=spec.pagu,
        lokasi=opd.nama,
    )
    pagu = Decimal(spec.pagu)
    for bulan, share in enumerate(spec.target_share, start=1):
        TargetFactory(
            line=line,
            bulan=bulan,
            target_keuangan=(pagu * Decimal(str(share))).quantize(Decimal("1")),
            target_fisik=Decimal(str(share * 100)).quantize(Decimal("0.01")),
        )
    for bulan, share in enumerate(spec.realized_share, start=1):
        RealisasiFactory(
            line=line,
            bulan=bulan,
            realisasi_keuangan=(pagu * Decimal(str(share))).quantize(Decimal("1")),
            realisasi_fisik=Decimal(str(share * 100)).quantize(Decimal("0.01")),
        )
    return line


def linear_plan(months: int = 12) -> tuple:
    """Cumulative shares m/12 for m = 1..months: an even plan over the year."""
    return tuple(round(m / 12, 4) for m in range(1, months + 1))


# OPDs of a small Kabupaten, for the rekap, the dashboard and the screenshots: (kode, nama,
# singkatan, jenis, [(sub-kegiatan kode, nama, pagu, kelompok, realized share of the plan)]).
KABUPATEN = [
    (
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "Dinkes",
        JenisOpd.DINAS,
        [
            (
                "1.02.02.2.02.0001",
                "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                450_000_000,
                KelompokDana.DAU,
                1.0,
            ),
            (
                "1.02.02.2.02.0021",
                "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
                300_000_000,
                KelompokDana.DAK_NON_FISIK,
                0.85,
            ),
        ],
    ),
    (
        "1.03.0.00.0.00.01.0000",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "DPUPR",
        JenisOpd.DINAS,
        [
            (
                "1.03.10.2.01.0001",
                "Pembangunan Jalan Kabupaten",
                2_400_000_000,
                KelompokDana.DAK_FISIK,
                0.7,
            ),
            (
                "1.03.10.2.01.0005",
                "Rehabilitasi Jalan Poros Desa",
                900_000_000,
                KelompokDana.BANKEU,
                0.9,
            ),
        ],
    ),
    (
        "7.01.0.00.0.00.02.0000",
        "Kecamatan Wanadadi",
        "Kec. Wanadadi",
        JenisOpd.KECAMATAN,
        [
            (
                "7.01.01.2.01.0001",
                "Koordinasi Penyelenggaraan Pemerintahan Kecamatan",
                180_000_000,
                KelompokDana.DAU,
                1.05,
            ),
        ],
    ),
    (
        "7.01.0.00.0.00.03.0000",
        "Kecamatan Punggelan",
        "Kec. Punggelan",
        JenisOpd.KECAMATAN,
        [
            (
                "7.01.01.2.01.0002",
                "Pelayanan Administrasi Terpadu Kecamatan",
                150_000_000,
                KelompokDana.PAD,
                0.6,
            ),
        ],
    ),
]


def build_kabupaten(year, months_reported: int) -> dict:
    """The OPDs of KABUPATEN with an even plan and their realization up to `months_reported`.

    Returns {singkatan: Opd}. Each line realizes `factor` × its plan every reported month,
    capped at the whole pagu.
    """
    plan = linear_plan()
    opds = {}
    for kode, nama, singkatan, jenis, lines in KABUPATEN:
        opd = OpdFactory(kode=kode, nama=nama, singkatan=singkatan, jenis=jenis)
        opds[singkatan] = opd
        for sub_kode, sub_nama, pagu, kelompok, factor in lines:
            realized = tuple(min(1.0, round(s * factor, 4)) for s in plan[:months_reported])
            build_line(
                year,
                opd,
                LineSpec(sub_kode, sub_nama, pagu, kelompok, plan, realized),
            )
    return opds
