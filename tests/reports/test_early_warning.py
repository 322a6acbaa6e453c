"""Each early warning at its boundary, by hand (reports/early_warning.py)."""

from decimal import Decimal

import pytest

from realisasi.choices import KelompokDana, StatusLaporan
from realisasi.models import Realisasi
from reports import backtest, early_warning, projection
from reports.choices import JenisPeringatan
from tests.factories import MonthlyReportFactory, OpdFactory, SumberDanaFactory

from .projection_helpers import L1_REAL, L1_TARGETS, make_line

D = Decimal
LAJU = backtest.MethodChoice(projection.LAJU, "bawaan")


def alerts_of(tahun, bulan, jenis):
    result = early_warning.assess(tahun, bulan, LAJU)
    return [alert for alert in result.alerts if alert.jenis == jenis]


@pytest.mark.django_db
def test_potensi_silpa_above_the_share_of_pagu(year, settings):
    make_line(year, targets=L1_TARGETS, real=L1_REAL)
    # projected 500.000 of 1.000.000: sisa 500.000 = 50 % of pagu
    settings.RAKOR_PERINGATAN_SISA_PERSEN = D("50")
    assert alerts_of(2025, 6, JenisPeringatan.POTENSI_SILPA) == []
    settings.RAKOR_PERINGATAN_SISA_PERSEN = D("49.99")
    [alert] = alerts_of(2025, 6, JenisPeringatan.POTENSI_SILPA)
    assert alert.rupiah == D("500000")
    assert "akhir tahun 50,00 %" in alert.sentence
    assert "Rp500.000 (50,00 % pagu)" in alert.sentence


@pytest.mark.django_db
def test_tanpa_realisasi_from_the_month_in_settings(year, settings):
    make_line(year, pagu=400_000, targets={3: (100_000, 10)})
    settings.RAKOR_PERINGATAN_BULAN_TANPA_REALISASI = 6
    assert alerts_of(2025, 5, JenisPeringatan.TANPA_REALISASI) == []
    [alert] = alerts_of(2025, 6, JenisPeringatan.TANPA_REALISASI)
    assert alert.rupiah == D("400000")
    assert "hingga akhir Juni (batas: Juni)" in alert.sentence


@pytest.mark.django_db
def test_fisik_and_keuangan_apart_by_more_than_n_points(year, settings):
    make_line(year, targets=L1_TARGETS, real=L1_REAL)
    # June: fisik 40 %, keuangan 250.000 / 1.000.000 = 25 %: 15 points apart
    settings.RAKOR_PERINGATAN_SELISIH_FISIK_KEUANGAN = D("15")
    assert alerts_of(2025, 6, JenisPeringatan.FISIK_KEUANGAN) == []
    settings.RAKOR_PERINGATAN_SELISIH_FISIK_KEUANGAN = D("14.99")
    [alert] = alerts_of(2025, 6, JenisPeringatan.FISIK_KEUANGAN)
    # 15 × 1.000.000 / 100
    assert alert.rupiah == D("150000")
    assert "berselisih 15,00 poin" in alert.sentence


MONTHLY_TARGETS = {3: (100_000, 0), 4: (200_000, 0), 5: (300_000, 0), 6: (400_000, 0)}


@pytest.mark.django_db
def test_deviasi_worse_three_months_running(year):
    # deviasi Mar 0, Apr −1, May −2, Jun −3 points: worse each month
    make_line(
        year,
        targets=MONTHLY_TARGETS,
        real={3: (100_000, 0), 4: (190_000, 0), 5: (280_000, 0), 6: (370_000, 0)},
    )
    [alert] = alerts_of(2025, 6, JenisPeringatan.DEVIASI_MEMBURUK)
    # target 400.000 − realisasi 370.000
    assert alert.rupiah == D("30000")
    assert "0,00 → -1,00 → -2,00 → -3,00" in alert.sentence


@pytest.mark.django_db
def test_deviasi_unchanged_one_month_is_not_worse_running(year):
    # Apr −1, May −1 (the same), Jun −2
    make_line(
        year,
        targets=MONTHLY_TARGETS,
        real={3: (100_000, 0), 4: (190_000, 0), 5: (290_000, 0), 6: (380_000, 0)},
    )
    assert alerts_of(2025, 6, JenisPeringatan.DEVIASI_MEMBURUK) == []


@pytest.mark.django_db
def test_dak_fisik_behind_its_target(year):
    dak = SumberDanaFactory(nama="DAK Fisik Jalan", kelompok=KelompokDana.DAK_FISIK)
    make_line(year, sumber_dana=dak, targets={6: (0, 50)}, real={6: (0, D("49.99"))})
    make_line(year, sumber_dana=dak, targets={6: (0, 50)}, real={6: (0, 50)})
    # a DAU line behind target is not a DAK Fisik warning
    make_line(year, targets={6: (0, 50)}, real={6: (0, 10)})
    [alert] = alerts_of(2025, 6, JenisPeringatan.DAK_FISIK)
    # 0,01 × 1.000.000 / 100
    assert alert.rupiah == D("100")
    assert "realisasi fisik 49,99 % dari target 50,00 %" in alert.sentence


@pytest.mark.django_db
def test_an_opd_that_missed_two_reports_running(year):
    missed = OpdFactory(kode="1.01", nama="Dinas Alfa")
    once = OpdFactory(kode="1.02", nama="Dinas Beta")
    make_line(year, opd=missed, pagu=600_000, real={4: (100_000, 0)})
    make_line(year, opd=once, pagu=600_000)
    MonthlyReportFactory(opd=missed, fiscal_year=year, bulan=5, status=StatusLaporan.DRAF)
    MonthlyReportFactory(opd=once, fiscal_year=year, bulan=5, status=StatusLaporan.TERKIRIM)
    [alert] = alerts_of(2025, 6, JenisPeringatan.LAPORAN_TERLEWAT)
    assert alert.opd_nama == "Dinas Alfa"
    assert alert.line_id is None
    # its sisa: 600.000 − 100.000 (April's figure, carried)
    assert alert.rupiah == D("500000")
    assert "Laporan Mei sampai Juni belum disampaikan" in alert.sentence


@pytest.mark.django_db
def test_a_line_below_the_kendala_threshold_without_kendala(year):
    # target 100.000 of 1.000.000 = 10 %; realisasi 49.900 = 4,99 %: deviasi −5,01 (< −5)
    behind = make_line(year, targets={6: (100_000, 0)}, real={6: (49_900, 0)})
    # exactly −5 is not below the threshold
    make_line(year, targets={6: (100_000, 0)}, real={6: (50_000, 0)})
    [alert] = alerts_of(2025, 6, JenisPeringatan.TANPA_KENDALA)
    assert alert.line_id == behind.pk
    assert alert.rupiah == D("50100")
    Realisasi.objects.filter(line=behind, bulan=6).update(kendala="Lelang ulang")
    assert alerts_of(2025, 6, JenisPeringatan.TANPA_KENDALA) == []


@pytest.mark.django_db
def test_warnings_are_sorted_by_rupiah_at_risk(year):
    make_line(year, pagu=400_000)
    make_line(year, pagu=900_000)
    result = early_warning.assess(2025, 6, LAJU)
    assert [a.rupiah for a in result.alerts] == sorted(
        (a.rupiah for a in result.alerts), reverse=True
    )
    assert result.alerts[0].rupiah == D("900000")
