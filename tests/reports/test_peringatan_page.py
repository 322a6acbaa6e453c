"""The Peringatan dini page, its export, the Dasbor and OPD page blocks, and the commands.

Data at the end of June 2025 (figures by hand):
  Dinas Alfa (1.01): L1 pagu 1.000.000, targets Mar 200.000 / Jun 500.000 / Dec 1.000.000,
    realisasi Mar 100.000 / Jun 250.000 → laju 0,5 → projected 500.000 (50 %), sisa 500.000;
    deviasi Jun 25 − 50 = −25 with no kendala → tanpa_kendala, at risk 500.000 − 250.000.
  Dinas Kesehatan (the operator's): a line of 400.000 with nothing → projected 0, sisa
    400.000; no realization by June; no report for May and June.
  Neither OPD reported May or June: laporan_terlewat, at risk its sisa (750.000, 400.000).
  Pemda: pagu 1.400.000, projected 500.000 = 35,71 %, sisa 900.000.
"""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from reports import backtest
from reports.models import ProjectionBacktest
from tests.factories import OpdFactory

from .projection_helpers import L1_REAL, L1_TARGETS, make_line

pytestmark = pytest.mark.django_db
JUNE = {"tahun": 2025, "bulan": 6}
FETCH = {"X-Requested-With": "fetch"}  # as static/js/peringatan.js asks


def test_the_page_shows_the_pemda_projection_and_the_warnings_by_rupiah(
    client, pimpinan, warnings_data
):
    client.force_login(pimpinan)
    content = client.get(reverse("reports:peringatan"), JUNE).content.decode()
    # 500.000 / 1.400.000 = 35,71 %; sisa 900.000 = 64,29 %
    assert "35,71 %" in content
    assert "Rp900.000" in content and "64,29 % pagu" in content
    # no backtest stored yet: the method is stated, its error unknown
    assert "Laju tiga bulan terakhir terhadap anggaran kas" in content
    assert "Uji balik belum dijalankan" in content
    rows = content.split('<table class="peringatan">')[1].split("</table>")[0]
    # potensi sisa 500.000 (Alfa) before tanpa_kendala 250.000 (Alfa) ... by Rupiah at risk
    assert rows.index("Rp500.000") < rows.index("Rp400.000") < rows.index("Rp250.000")
    assert "Laporan Mei sampai Juni belum disampaikan" in rows


def test_an_operator_sees_only_the_own_opd(client, operator, warnings_data):
    client.force_login(operator)
    content = client.get(reverse("reports:peringatan"), JUNE).content.decode()
    assert "Dinas Kesehatan" in content
    assert "Dinas Alfa" not in content
    # the projection of the own OPD: 0 of 400.000
    assert "Proyeksi akhir tahun: Dinas Kesehatan" in content


def test_filters_by_kind_and_opd(client, verifikator, warnings_data):
    client.force_login(verifikator)
    content = client.get(
        reverse("reports:peringatan"), JUNE | {"jenis": "tanpa_kendala"}
    ).content.decode()
    rows = content.split('<table class="peringatan">')[1]
    assert "tanpa kendala yang dilaporkan" in rows
    assert "Potensi sisa anggaran</span>" not in rows
    alfa = warnings_data["alfa"]
    content = client.get(reverse("reports:peringatan"), JUNE | {"opd": alfa.pk}).content.decode()
    assert "Proyeksi akhir tahun: Dinas Alfa" in content
    assert "50,00 %" in content
    assert "Belum ada realisasi keuangan" not in content


def test_the_page_names_the_method_the_backtest_chose(client, pimpinan, warnings_data):
    for metode, error in (("laju", "0.5"), ("pola", "4.25")):
        ProjectionBacktest.objects.create(
            metode=metode,
            tahun=2024,
            bulan=6,
            galat_pemda_keuangan=Decimal(error),
            galat_opd_keuangan=Decimal(error),
            galat_pemda_fisik=0,
            galat_opd_fisik=0,
            jumlah_opd=2,
        )
    client.force_login(pimpinan)
    content = client.get(reverse("reports:peringatan"), JUNE).content.decode()
    assert "dipilih karena galat uji baliknya paling kecil" in content
    assert "rata-rata 0,50 poin per OPD" in content
    assert "Pola penyerapan tahun-tahun sebelumnya 4,25 poin" in content


def test_the_export_lists_every_warning(client, verifikator, warnings_data):
    client.force_login(verifikator)
    response = client.get(reverse("reports:peringatan"), JUNE | {"_export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Peringatan dini" in values
    assert "Dinas Alfa" in values and "Dinas Kesehatan" in values
    assert 500000 in values or Decimal("500000") in values


def test_the_page_takes_the_same_queries_at_two_opds_and_at_twelve(
    client, pimpinan, warnings_data, year, django_assert_max_num_queries
):
    client.force_login(pimpinan)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reports:peringatan"), JUNE)
    for _ in range(10):
        make_line(year, opd=OpdFactory(), targets=L1_TARGETS, real=L1_REAL)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("reports:peringatan"), JUNE)
    assert response.status_code == 200
    # a miss: session, user, the period form (2), the OPD choices, the fragment's data stamp
    # (10), the assessment's own stamp (10) and method (1), the assessment (ledger sums, line
    # names, kendala, reports: 4), the year notice
    assert len(small.captured_queries) <= 32
    # a hit: the content fragment is read back, no figure summed and no warning read
    with django_assert_max_num_queries(18):
        client.get(reverse("reports:peringatan"), JUNE)


def test_the_dasbor_and_the_opd_page_fetch_the_block(client, pimpinan, warnings_data):
    client.force_login(pimpinan)
    content = client.get(reverse("reports:summary"), JUNE).content.decode()
    # the page carries a placeholder that static/js/peringatan.js fills
    assert 'data-peringatan-src="/dasbor/peringatan/ringkas/?tahun=2025&amp;bulan=6"' in content
    assert "js/peringatan" in content
    block = client.get(reverse("reports:peringatan_block"), JUNE, headers=FETCH).content.decode()
    assert block.startswith("\n<section") or block.lstrip().startswith("<section")
    assert 'id="peringatan-dini"' in block
    assert "diproyeksikan <strong>35,71 %</strong>" in block
    assert "Terbesar pada Dinas Alfa (Rp500.000), Dinas Kesehatan (Rp400.000)" in block
    alfa = warnings_data["alfa"]
    content = client.get(reverse("reports:opd", args=[alfa.kode]), JUNE).content.decode()
    assert "&amp;opd=1.01" in content
    block = client.get(reverse("reports:peringatan_block"), JUNE | {"opd": alfa.kode})
    assert "diproyeksikan <strong>50,00 %</strong>" in block.content.decode()
    assert "Metode proyeksi:" in block.content.decode()


def test_an_operator_gets_the_block_of_the_own_opd_only(client, operator, warnings_data):
    client.force_login(operator)
    block = client.get(reverse("reports:peringatan_block"), JUNE).content.decode()
    # opened directly: a page of its own
    assert "<title>" in block and "Ringkasan peringatan dini" in block
    assert "Belum ada realisasi" in block and "Dinas Alfa" not in block
    other = client.get(reverse("reports:peringatan_block"), JUNE | {"opd": "1.01"})
    assert other.status_code == 404


def test_the_dasbor_does_not_wait_for_the_warnings(
    client, pimpinan, warnings_data, django_assert_max_num_queries
):
    client.force_login(pimpinan)
    # a miss of the Dasbor: its own queries only (test_views lists them), no warning computed
    with django_assert_max_num_queries(24):
        client.get(reverse("reports:summary"), JUNE)
    client.get(reverse("reports:peringatan_block"), JUNE)
    # the block again: read back from its fragment
    with django_assert_max_num_queries(16):
        response = client.get(reverse("reports:peringatan_block"), JUNE)
    assert 'id="peringatan-dini"' in response.content.decode()


def test_the_command_prints_json_and_csv(warnings_data):
    out = io.StringIO()
    call_command("peringatan", "--year", "2025", "--month", "6", stdout=out)
    data = json.loads(out.getvalue())
    assert data["metode"]["kode"] == "laju"
    assert data["proyeksi"]["pemda"]["proyeksi_keuangan_persen"] == "35.71"
    assert data["proyeksi"]["pemda"]["potensi_sisa"] == "900000.00"
    # first: Dinas Alfa missed May and June, its sisa 1.000.000 − 250.000 at risk
    assert data["peringatan"][0]["rupiah_berisiko"] == "750000.00"
    assert data["peringatan"][0]["jenis"] == "laporan_terlewat"
    out = io.StringIO()
    call_command("peringatan", "--year", "2025", "--month", "6", "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("jenis,kode_opd,nama_opd")
    assert len(lines) == 1 + len(data["peringatan"])
    out = io.StringIO()
    call_command("peringatan", "--year", "2025", "--month", "6", "--baris", stdout=out)
    by_line = {row["baris_id"]: row for row in json.loads(out.getvalue())["baris"]}
    l1 = by_line[warnings_data["l1"].pk]
    assert (l1["proyeksi_keuangan_rp"], l1["proyeksi_keuangan_persen"]) == ("500000.00", "50.00")
    assert l1["proyeksi_fisik"] == "90.00"
    assert by_line[warnings_data["empty"].pk]["proyeksi_keuangan_rp"] == "0.00"


def test_the_backtest_by_hand_and_its_command(db):
    # 2024: pagu 1.000.000; targets Mar 300.000, Jun 600.000, Sep 900.000, Dec 1.000.000;
    # realisasi Mar 150.000, Jun 300.000, Sep 450.000, Dec 500.000 (50 %).
    from tests.factories import FiscalYearFactory

    old = FiscalYearFactory(tahun=2024)
    make_line(
        old,
        targets={3: (300_000, 0), 6: (600_000, 0), 9: (900_000, 0), 12: (1_000_000, 0)},
        real={3: (150_000, 0), 6: (300_000, 0), 9: (450_000, 0), 12: (500_000, 0)},
    )
    results = {(r.metode, r.bulan): r for r in backtest.run()}
    # laju from June: (300.000 − 150.000) / (600.000 − 300.000) = 0,5 → 300.000 + 0,5 × 400.000
    # = 500.000 = 50 %: error 0; from September likewise 450.000 + 0,5 × 100.000
    assert results["laju", 6].galat_pemda_keuangan == 0
    assert results["laju", 9].galat_opd_keuangan == 0
    # pola, no earlier year: this year's plan (1.000.000 − 600.000) / (1.000.000 − 600.000) = 1
    # → 100 % against 50 %: error 50 points
    assert results["pola", 6].galat_pemda_keuangan == 50
    assert results["pola", 9].galat_opd_keuangan == 50
    out = io.StringIO()
    call_command("uji_proyeksi", stdout=out)
    assert "Metode terpilih: laju" in out.getvalue()
    assert ProjectionBacktest.objects.count() == 4
    choice = backtest.chosen_method()
    assert (choice.metode, choice.source, choice.years) == ("laju", "uji", (2024,))
    assert choice.error.opd_keuangan == 0
    # make run's --if-empty: a stored backtest is left as it is
    out = io.StringIO()
    call_command("uji_proyeksi", if_empty=True, stdout=out)
    assert "sudah ada; tidak ada yang diubah" in out.getvalue()
    assert ProjectionBacktest.objects.count() == 4


def test_make_run_backtest_on_a_database_without_a_complete_year(db):
    out = io.StringIO()
    call_command("uji_proyeksi", if_empty=True, stdout=out)
    assert "Belum ada tahun dengan realisasi Desember untuk diuji." in out.getvalue()
    assert not ProjectionBacktest.objects.exists()
