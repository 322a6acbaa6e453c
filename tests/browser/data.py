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
    MonthlyReportFactory,
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
        fiscal_year=year,
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
            target_keuangan=(pagu * Decimal(share)).quantize(Decimal("1")),
            target_fisik=(Decimal(share) * 100).quantize(Decimal("0.01")),
        )
    for bulan, share in enumerate(spec.realized_share, start=1):
        RealisasiFactory(
            line=line,
            bulan=bulan,
            realisasi_keuangan=(pagu * Decimal(share)).quantize(Decimal("1")),
            realisasi_fisik=(Decimal(share) * 100).quantize(Decimal("0.01")),
        )
    return line


# OPDs of a small Kabupaten for the rekap, the dashboard, the briefing and the screenshots:
# (kode, nama, singkatan, jenis, lines). Each line: (sub-kegiatan kode, nama, pagu, kelompok,
# October target share, October realized share); a share is of the pagu, for keuangan and
# (× 100) fisik alike. Earlier months grow linearly to October: month m is share × m / 10.
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
                400_000_000,
                KelompokDana.DAU,
                "0.75",
                "0.775",
            ),
            (
                "1.02.02.2.02.0021",
                "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
                300_000_000,
                KelompokDana.DAK_NON_FISIK,
                "0.70",
                "0.60",
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
                "0.70",
                "0.55",
            ),
            (
                "1.03.10.2.01.0005",
                "Rehabilitasi Jalan Poros Desa",
                900_000_000,
                KelompokDana.BANKEU,
                "0.80",
                "0.78",
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
                200_000_000,
                KelompokDana.DAU,
                "0.75",
                "0.85",
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
                100_000_000,
                KelompokDana.DAU,
                "0.80",
                "0.60",
            ),
            (
                "7.01.01.2.02.0001",
                "Pemberdayaan Masyarakat Desa dan Kelurahan",
                50_000_000,
                KelompokDana.PAD,
                "0.80",
                "0.80",
            ),
        ],
    ),
    (
        "7.01.0.00.0.00.04.0000",
        "Kecamatan Batur",
        "Kec. Batur",
        JenisOpd.KECAMATAN,
        [
            (
                "7.01.01.2.01.0003",
                "Penyelenggaraan Urusan Pemerintahan Umum",
                300_000_000,
                KelompokDana.DAU,
                "0.80",
                "0.75",
            ),
        ],
    ),
]
UNTIL = 10


def build_kabupaten(year, reported_by: dict | None = None) -> dict:
    """The OPDs of KABUPATEN with targets and realization for months 1 to 10.

    `reported_by` maps a singkatan to the status of its October MonthlyReport (an OPD not in
    it has not reported October, though its figures are there). Returns {singkatan: Opd}.
    """
    opds = {}
    for kode, nama, singkatan, jenis, lines in KABUPATEN:
        opd = OpdFactory(kode=kode, nama=nama, singkatan=singkatan, jenis=jenis)
        opds[singkatan] = opd
        for sub_kode, sub_nama, pagu, kelompok, target, realized in lines:
            months = range(1, UNTIL + 1)
            build_line(
                year,
                opd,
                LineSpec(
                    sub_kode,
                    sub_nama,
                    pagu,
                    kelompok,
                    tuple(Decimal(target) * m / UNTIL for m in months),
                    tuple(Decimal(realized) * m / UNTIL for m in months),
                ),
            )
        status = (reported_by or {}).get(singkatan)
        if status:
            MonthlyReportFactory(opd=opd, fiscal_year=year, bulan=UNTIL, status=status)
    return opds


# A 100-line OPD like the demo's Dinkes and DPUPR: 3 programs of 4, 3 and 3 kegiatan, 10 lines
# per kegiatan. Line i (1-based) has a pagu of Rp(100 + i) juta, an October target of half its
# pagu and 50 % fisik, and a September realization of 40 % of its pagu and 40 % fisik.
BIG_LINES = 100


def big_line_pagu(number: int) -> Decimal:
    return Decimal((100 + number) * 1_000_000)


def build_big_opd(year, opd, pptk=None, pptk_lines=()):
    """BIG_LINES lines of `opd`; the lines numbered in `pptk_lines` (1-based) have `pptk`."""
    dana = sumber_dana(KelompokDana.DAU)
    programs = [ProgramFactory(kode=f"1.02.0{p}", nama=f"Program Kesehatan {p}") for p in (1, 2, 3)]
    lines = []
    for index in range(BIG_LINES):
        number = index + 1
        k = index // 10  # kegiatan 0..9
        program = programs[0 if k < 4 else 1 if k < 7 else 2]
        kegiatan_kode = f"{program.kode}.2.{k + 1:02d}"
        if index % 10 == 0:
            kegiatan = KegiatanFactory(
                kode=kegiatan_kode, nama=f"Kegiatan Layanan {k + 1}", program=program
            )
        sub = SubKegiatanFactory(
            kode=f"{kegiatan_kode}.{number:04d}",
            nama=f"Sub Kegiatan Pelayanan Kesehatan Masyarakat Nomor {number}",
            kegiatan=kegiatan,
        )
        pagu = big_line_pagu(number)
        line = BudgetLineFactory(
            fiscal_year=year,
            opd=opd,
            sub_kegiatan=sub,
            sumber_dana=dana,
            pagu=pagu,
            pptk=pptk if number in pptk_lines else None,
        )
        TargetFactory(line=line, bulan=10, target_keuangan=pagu / 2, target_fisik=50)
        RealisasiFactory(
            line=line, bulan=9, realisasi_keuangan=pagu * Decimal("0.4"), realisasi_fisik=40
        )
        lines.append(line)
    return lines
