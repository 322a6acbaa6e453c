"""The Dasbor in words: Rupiah cards that never clip, capaian beside its category, the
year-on-year difference, and one compliance count on every page that shows it."""

import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from opd.formatting import format_rupiah_short
from realisasi.choices import StatusLaporan
from reports import figures
from reports.briefing import build_briefing, render_briefing_html
from reports.dashboard import year_on_year
from tests.factories import (
    BudgetLineFactory,
    FiscalYearFactory,
    MonthlyReportFactory,
    OpdFactory,
    RealisasiFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = {"tahun": 2025, "bulan": 3}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # 1.874.882.343.024 / 10^12 = 1,874… → two places under 100 units
        ("1874882343024", "Rp1,87 triliun"),
        # 265.150.000.000 / 10^9 = 265,15 → one place from 100 units, half-up
        ("265150000000", "Rp265,2 miliar"),
        ("12500000", "Rp12,50 juta"),
        ("999999", "Rp999.999"),
        # 99.996 miliar rounds to 100,00 at two places: said with one place
        ("99996000000", "Rp100,0 miliar"),
        ("-2500000000", "-Rp2,50 miliar"),
        (None, "–"),
    ],
)
def test_rupiah_in_words_for_headline_cards(value, expected):
    assert format_rupiah_short(None if value is None else Decimal(value)) == expected


def test_summary_cards_say_rupiah_in_words_with_the_exact_figure_on_hover(
    client, verifikator, data
):
    client.force_login(verifikator)
    content = client.get(reverse("reports:summary"), PERIOD).content.decode()
    # pagu 2.000.000 = 2,00 juta; the exact figure stays in the title
    assert '<span title="Rp2.000.000">Rp2,00 juta</span>' in content


def test_capaian_is_shown_beside_its_category(client, verifikator, data):
    client.force_login(verifikator)
    content = client.get(reverse("reports:summary"), PERIOD).content.decode()
    # Pemda: realisasi 200.000 / 2.000.000 = 10 %; target 650.000 / 2.000.000 = 32,5 %;
    # capaian 10 / 32,5 × 100 = 30,769… → 30,77 %, Sangat Rendah (< 51)
    assert "Capaian terhadap target s.d. Maret" in content
    assert "30,77 %" in content
    assert "realisasi 10,00 % dari target 32,50 %" in content
    # every category badge in the funding-group tables has its capaian beside it
    badges = re.findall(r'<td><span class="badge kat-[a-z_]+">[^<]+</span>(.{0,60})', content)
    assert badges and all('<span class="capaian">capaian ' in after for after in badges)


def previous_year(data):
    """2024: OPD A alone, pagu 1.000.000, realisasi Maret 150.000 (15 %), fisik 40 %."""
    year_2024 = FiscalYearFactory(tahun=2024)
    line = BudgetLineFactory(fiscal_year=year_2024, opd=data["a"], pagu=1_000_000)
    TargetFactory(line=line, bulan=3, target_keuangan=200_000, target_fisik=50)
    RealisasiFactory(line=line, bulan=3, realisasi_keuangan=150_000, realisasi_fisik=40)


def test_year_on_year_difference_in_points_and_words(client, verifikator, data):
    previous_year(data)
    summary = figures.pemda_summary(2025, 3)
    keuangan, fisik = year_on_year(2025, 3, summary.totals, summary.previous)
    # keuangan: 10,00 % now against 15,00 % → 5,00 points lower
    assert keuangan.selisih == Decimal("-5")
    assert keuangan.arah == "turun"
    assert keuangan.sentence == (
        "Realisasi keuangan 10,00 %, 5,00 poin lebih rendah dari Maret 2024 (15,00 %)."
    )
    # fisik now: (25 × 400.000) / 2.000.000 = 5 %; wait, a1 carries February's 30 % too:
    # (30 × 600.000 + 25 × 400.000) / 2.000.000 = 14 %; against 40 % → 26,00 points lower
    assert fisik.sentence == (
        "Realisasi fisik 14,00 %, 26,00 poin lebih rendah dari Maret 2024 (40,00 %)."
    )
    client.force_login(verifikator)
    content = client.get(reverse("reports:summary"), PERIOD).content.decode()
    assert "Dibandingkan Maret 2024" in content
    assert "5,00 poin lebih rendah dari Maret 2024" in content


def test_year_on_year_higher_and_equal():
    current = figures.figures_from_sums({"pagu": 100, "real_rp": 60, "real_fisik_w": 5000})
    previous = figures.figures_from_sums({"pagu": 100, "real_rp": 50, "real_fisik_w": 5000})
    keuangan, fisik = year_on_year(2025, 11, current, previous)
    # 60 % against 50 % → 10 points higher; fisik 50 % both years
    assert keuangan.sentence == (
        "Realisasi keuangan 60,00 %, 10,00 poin lebih tinggi dari November 2024 (50,00 %)."
    )
    assert fisik.arah == "sama"
    assert fisik.sentence == "Realisasi fisik 50,00 %, sama dengan November 2024 (50,00 %)."
    assert year_on_year(2025, 11, current, None) == []


@pytest.fixture
def five_statuses(data):
    """OPD A terkirim (late), B no report; C draf, D dikembalikan, E terverifikasi, each with
    one line and a row for March. Reported: A and E → 2 of 5."""
    year = data["year"]
    for kode, status in (
        ("1.03", StatusLaporan.DRAF),
        ("1.04", StatusLaporan.DIKEMBALIKAN),
        ("1.05", StatusLaporan.TERVERIFIKASI),
    ):
        opd = OpdFactory(kode=kode, nama=f"OPD {kode}")
        line = BudgetLineFactory(fiscal_year=year, opd=opd, pagu=1_000_000)
        RealisasiFactory(line=line, bulan=3, realisasi_keuangan=1, realisasi_fisik=1)
        MonthlyReportFactory(opd=opd, fiscal_year=year, bulan=3, status=status)
    return data


def test_dasbor_kepatuhan_briefing_and_rekap_agree_on_who_has_reported(
    client, verifikator, five_statuses
):
    client.force_login(verifikator)
    dasbor = client.get(reverse("reports:summary"), PERIOD).content.decode()
    assert "2 dari 5 OPD telah menyampaikan laporan; 3 OPD belum" in dasbor
    belum = re.search(r'<ul class="inline-list" id="belum-melapor">(.*?)</ul>', dasbor).group(1)
    assert "Kecamatan Beta" in belum
    for kode in ("1.03", "1.04"):
        assert f"OPD {kode}" in belum  # draf and dikembalikan are "belum"
    assert "Alfa" not in belum and "OPD 1.05" not in belum

    kepatuhan = client.get(reverse("realisasi:compliance"), PERIOD).content.decode()
    assert re.search(r'id="opd-melapor">\s*2 / 5\s*<', kepatuhan)

    briefing = build_briefing(2025, 3)
    assert (briefing.compliance.opd_reported, briefing.compliance.opd_total) == (2, 5)
    assert briefing.compliance.sentence in render_briefing_html(briefing)

    out = StringIO()
    call_command("rekap", "--year", "2025", "--month", "3", stdout=out)
    kepatuhan_json = json.loads(out.getvalue())["kepatuhan"]
    assert kepatuhan_json["opd_lapor"] == 2 and kepatuhan_json["opd_total"] == 5
    assert kepatuhan_json["belum_lapor"] == ["1.02", "1.03", "1.04"]
    assert kepatuhan_json["terlambat"] == ["1.01"]


def test_a_long_list_of_opds_not_reported_folds_under_its_count(client, pimpinan, five_statuses):
    """Three OPDs not reported: their names are open on the Dasbor. Early in the month most
    OPDs are still drafting: twelve fold under "Daftar OPD yang belum menyampaikan laporan",
    below the sentence that counts them."""
    client.force_login(pimpinan)
    dasbor = client.get(reverse("reports:summary"), PERIOD).content.decode()
    summary = "<summary>Daftar OPD yang belum menyampaikan laporan</summary>"
    assert f'<details class="belum-melapor" open>{summary}' in dasbor

    year = five_statuses["year"]
    for n in range(9):
        line = BudgetLineFactory(fiscal_year=year, opd=OpdFactory(kode=f"3.{n:02}"), pagu=1_000)
        RealisasiFactory(line=line, bulan=3, realisasi_keuangan=1, realisasi_fisik=1)
    dasbor = client.get(reverse("reports:summary"), PERIOD).content.decode()
    assert "12 OPD belum (draf, dikembalikan atau belum input)" in dasbor
    assert f'<details class="belum-melapor">{summary}' in dasbor
    belum = re.search(r'<ul class="inline-list" id="belum-melapor">(.*?)</ul>', dasbor).group(1)
    assert belum.count("<li>") == 12


def test_operator_dasbor_is_titled_with_the_opd(client, data):
    from opd.choices import Role
    from tests.factories import UserFactory

    user = UserFactory(username="op-a", role=Role.OPERATOR, opd=data["a"])
    client.force_login(user)
    content = client.get(reverse("reports:summary"), PERIOD).content.decode()
    assert "Ringkasan realisasi Dinas Alfa hingga akhir Maret 2025" in content
    assert "Ringkasan realisasi APBD" not in content
    assert 'id="kepatuhan-ringkas"' not in content
