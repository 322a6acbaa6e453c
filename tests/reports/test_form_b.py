"""Form B's target keuangan % column and the fisik tertimbang of its program/kegiatan rows.

Dinas Gamma (3.01), June 2025, pagu(OPD) = 8.000.000:
  program 1.02.02
    kegiatan 1.02.02.2.01
      l1 pagu 2.000.000  target 600.000 / fisik 40  realisasi 500.000 / 35
      l2 pagu 1.000.000  target 250.000 / fisik 30  realisasi 300.000 / 20
    kegiatan 1.02.02.2.02
      l3 pagu 1.000.000  target 100.000 / fisik 10  realisasi       0 /  5
  program 1.03.03
    kegiatan 1.03.03.2.01
      l4 pagu 4.000.000  target 1.000.000 / fisik 25  realisasi 900.000 / 30
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import figures_detail
from tests.factories import (
    BudgetLineFactory,
    KegiatanFactory,
    OpdFactory,
    ProgramFactory,
    RealisasiFactory,
    SubKegiatanFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

D = Decimal
BULAN = 6


def _line(year, opd, kegiatan, pagu, target, target_fisik, real, real_fisik):
    line = BudgetLineFactory(
        fiscal_year=year, opd=opd, sub_kegiatan=SubKegiatanFactory(kegiatan=kegiatan), pagu=pagu
    )
    TargetFactory(line=line, bulan=BULAN, target_keuangan=target, target_fisik=target_fisik)
    RealisasiFactory(line=line, bulan=BULAN, realisasi_keuangan=real, realisasi_fisik=D(real_fisik))
    return line


@pytest.fixture
def gamma(year):
    opd = OpdFactory(kode="3.01", nama="Dinas Gamma")
    p = ProgramFactory(kode="1.02.02", nama="Program Pelayanan Kesehatan")
    q = ProgramFactory(kode="1.03.03", nama="Program Jalan")
    k1 = KegiatanFactory(program=p, kode="1.02.02.2.01", nama="Kegiatan Satu")
    k2 = KegiatanFactory(program=p, kode="1.02.02.2.02", nama="Kegiatan Dua")
    k3 = KegiatanFactory(program=q, kode="1.03.03.2.01", nama="Kegiatan Tiga")
    _line(year, opd, k1, 2_000_000, 600_000, 40, 500_000, 35)
    _line(year, opd, k1, 1_000_000, 250_000, 30, 300_000, 20)
    _line(year, opd, k2, 1_000_000, 100_000, 10, 0, 5)
    _line(year, opd, k3, 4_000_000, 1_000_000, 25, 900_000, 30)
    return opd


def test_group_tertimbang_is_the_sum_of_its_lines(gamma):
    form = figures_detail.opd_form_b(2025, BULAN, gamma)
    p, q = form.programs
    k1, k2 = p.children
    (k3,) = q.children
    # K1: (35 × 2.000.000 + 20 × 1.000.000) / 8.000.000 = 90.000.000 / 8.000.000 = 11,25
    #     = line tertimbang 35 × 25 / 100 = 8,75 plus 20 × 12,5 / 100 = 2,5
    assert k1.realisasi_tertimbang == D("11.25")
    assert k1.realisasi_tertimbang == sum(row.realisasi_tertimbang for row in k1.children)
    # K2: 5 × 1.000.000 / 8.000.000 = 0,625
    assert k2.realisasi_tertimbang == D("0.625")
    # program P: (70 + 20 + 5) × 1.000.000 / 8.000.000 = 95 / 8 = 11,875
    assert p.realisasi_tertimbang == D("11.875")
    # program Q: 30 × 4.000.000 / 8.000.000 = 15
    assert q.realisasi_tertimbang == D(15)
    # Σ programs = the OPD's weighted fisik: 11,875 + 15 = 26,875 = 215.000.000 / 8.000.000
    assert p.realisasi_tertimbang + q.realisasi_tertimbang == form.totals.realisasi_fisik
    assert form.totals.realisasi_fisik == D("26.875")
    # target: K1 (40 × 2 + 30 × 1) / 8 = 13,75; P (80 + 30 + 10) / 8 = 15; Q 25 × 4 / 8 = 12,5
    assert k1.target_tertimbang == D("13.75")
    assert p.target_tertimbang == D(15)
    assert q.target_tertimbang == D("12.5")


def test_target_keuangan_persen_is_sum_target_over_sum_pagu(gamma):
    form = figures_detail.opd_form_b(2025, BULAN, gamma)
    p, q = form.programs
    k1, k2 = p.children
    # K1: (600.000 + 250.000) / 3.000.000 × 100 = 28,333… (not the mean of 30 and 25)
    assert round(k1.figures.target_keuangan_persen, 6) == D("28.333333")
    assert k2.figures.target_keuangan_persen == D(10)  # 100.000 / 1.000.000 × 100
    # P: 950.000 / 4.000.000 × 100 = 23,75; Q: 1.000.000 / 4.000.000 × 100 = 25
    assert p.figures.target_keuangan_persen == D("23.75")
    assert q.figures.target_keuangan_persen == D(25)
    # a line: l1 600.000 / 2.000.000 × 100 = 30
    assert k1.children[0].figures.target_keuangan_persen == D(30)


def _cells(page: str, row_class: str) -> list[list[str]]:
    rows = re.findall(rf'<tr class="{row_class}">(.*?)</tr>', page, re.S)
    return [re.findall(r'<td class="num">(.*?)</td>', row, re.S) for row in rows]


def test_opd_page_shows_target_persen_and_group_tertimbang(client, verifikator, gamma):
    client.force_login(verifikator)
    url = reverse("reports:opd", kwargs={"kode": "3.01"})
    page = client.get(url, {"tahun": 2025, "bulan": BULAN}).content.decode()
    assert '<th scope="col" class="num">Target keu (%)</th>' in page
    # numeric cells: pagu, bobot, target fisik, realisasi fisik, tertimbang, target Rp,
    # target %, realisasi Rp, realisasi %, deviasi, sisa
    programs = _cells(page, "level-program")
    kegiatan = _cells(page, "level-kegiatan")
    lines = _cells(page, "level-sub")
    # P: bobot 4 / 8 = 50,00; target fisik (80 + 30 + 10) / 4 = 30,00; realisasi fisik
    #    (70 + 20 + 5) / 4 = 23,75; tertimbang 11,875 → 11,88; target 950.000 / 4.000.000 = 23,75 %
    assert programs[0][1:7] == ["50,00", "30,00", "23,75", "11,88", "Rp950.000", "23,75"]
    # Q: tertimbang 15,00; target 25,00 %
    assert programs[1][4:7] == ["15,00", "Rp1.000.000", "25,00"]
    # K1: tertimbang 11,25; target 850.000 / 3.000.000 = 28,33 %
    assert kegiatan[0][4:7] == ["11,25", "Rp850.000", "28,33"]
    # K2: tertimbang 0,625 → 0,63 (half up); target 10,00 %
    assert kegiatan[1][4:7] == ["0,63", "Rp100.000", "10,00"]
    # l1: tertimbang 35 × 25 / 100 = 8,75; target 30,00 %
    assert lines[0][4:7] == ["8,75", "Rp600.000", "30,00"]
    assert all(len(cells) == 11 for cells in programs + kegiatan + lines)


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, {"tahun": 2025, "bulan": BULAN}).status_code == 200
    return len(context)


def test_form_b_query_count_does_not_grow_with_programs(
    client, verifikator, gamma, year, django_assert_num_queries
):
    client.force_login(verifikator)
    url = reverse("reports:opd", kwargs={"kode": "3.01"})
    small = _page_queries(client, url)
    for _ in range(10):  # 10 more programs, each with its kegiatan and a line
        _line(year, gamma, KegiatanFactory(), 1_000_000, 100_000, 10, 50_000, 5)
    assert _page_queries(client, url) == small
    with django_assert_num_queries(1):  # the lines with their figures
        figures_detail.opd_form_b(2025, BULAN, gamma)
