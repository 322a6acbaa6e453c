"""The known Kabupaten of the briefing (November 2025) and its TW IV Rakor, a pytest plugin
(registered in tests/conftest.py): the briefing tests of tests/reports, the real-worker tests
of tests/queue and the renders of tests/security use the same one. Its figures, by hand, are in
the docstring of tests/reports/test_briefing.py."""

import datetime
from decimal import Decimal

import pytest

from rakor.choices import StatusTindakLanjut
from realisasi.choices import KelompokDana, StatusLaporan
from tests.factories import (
    ArahanFactory,
    FiscalYearFactory,
    MonthlyReportFactory,
    OpdFactory,
    RakorFactory,
    SumberDanaFactory,
    TindakLanjutFactory,
    UserFactory,
)
from tests.reports.briefing_helpers import line_in_november


@pytest.fixture
def kabupaten(year):
    a = OpdFactory(kode="7.01.0.00.0.00.01.0000", nama="Kecamatan Wanadadi")
    b = OpdFactory(kode="1.03.0.00.0.00.01.0000", nama="Dinas Pekerjaan Umum")
    c = OpdFactory(kode="1.01.0.00.0.00.01.0000", nama="Dinas Pendidikan")
    dak = SumberDanaFactory(nama="DAK Fisik Jalan", kelompok=KelompokDana.DAK_FISIK)
    pptk = [UserFactory(role="pengelola", opd=opd) for opd in (a, b, c)]
    line_in_november(year, a, 1_000_000, 900_000, 90, 926_100, Decimal("92.68"), pptk=pptk[0])
    line_in_november(year, b, 3_000_000, 2_700_000, 90, 2_400_000, 85, dana=dak, pptk=pptk[1])
    line_in_november(
        year,
        c,
        1_000_000,
        800_000,
        80,
        700_000,
        75,
        pptk=pptk[2],
        kendala="Lelang gagal karena peserta kurang",
        solusi="Lelang ulang Desember",
    )
    MonthlyReportFactory(opd=a, fiscal_year=year, bulan=11, status=StatusLaporan.TERKIRIM)
    MonthlyReportFactory(
        opd=b, fiscal_year=year, bulan=11, status=StatusLaporan.TERVERIFIKASI, terlambat=True
    )
    previous_year = FiscalYearFactory(tahun=2024)
    line_in_november(previous_year, a, 1_000_000, 900_000, 90, 700_000, 72)
    return {"a": a, "b": b, "c": c}


@pytest.fixture
def rakor_tw4(kabupaten, year):
    tw3 = RakorFactory(
        fiscal_year=year, triwulan=3, bulan_data=9, tanggal=datetime.date(2025, 10, 10)
    )
    arahan = ArahanFactory(rakor=tw3, nomor=1, isi="Percepat lelang fisik")
    TindakLanjutFactory(
        arahan=arahan,
        opd=kabupaten["b"],
        uraian="Tanda tangani kontrak jalan",
        batas_waktu=datetime.date(2025, 11, 30),
        status=StatusTindakLanjut.PROSES,
    )
    return RakorFactory(
        fiscal_year=year, triwulan=4, bulan_data=11, tanggal=datetime.date(2025, 12, 16)
    )
