import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from reports.tables import RekapTable
from tests.factories import BudgetLineFactory, OpdFactory, RealisasiFactory, TargetFactory

pytestmark = pytest.mark.django_db

URL = "reports:rekap"
PERIOD = {"tahun": 2025, "bulan": 3}


def get(client, **params):
    return client.get(reverse(URL), PERIOD | params)


def test_rekap_lists_every_opd_with_figures(client, verifikator, data):
    client.force_login(verifikator)
    response = get(client)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dinas Alfa" in content and "Kecamatan Beta" in content
    # OPD A: realisasi 200.000 of 1.000.000 = 20,00 %; deviasi −20,00 merah; sisa 800.000
    assert "Rp200.000" in content and "20,00" in content
    assert '<span class="badge lampu-merah">-20,00</span>' in content
    assert "Rp800.000" in content
    assert '<span class="badge kat-sangat_rendah">Sangat Rendah</span>' in content
    assert "Belum input" in content and "Terlambat" in content
    assert "style=" not in content
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", content)


def test_rekap_filters_by_jenis_and_status(client, verifikator, data):
    client.force_login(verifikator)
    content = get(client, jenis="kecamatan").content.decode()
    assert "Kecamatan Beta" in content and "Dinas Alfa" not in content
    content = get(client, status="belum_input").content.decode()
    assert "Kecamatan Beta" in content and "Dinas Alfa" not in content
    content = get(client, grouping=data["a"].grouping_id).content.decode()
    assert "Dinas Alfa" in content and "Kecamatan Beta" not in content


def test_rekap_funding_group_recomputes_figures(client, verifikator, data):
    client.force_login(verifikator)
    content = get(client, kelompok="dak_fisik").content.decode()
    # a2 alone: pagu 400.000, realisasi 80.000 = 20,00 %, target 25,00 %
    assert "Rp400.000" in content and "25,00" in content
    assert "Kecamatan Beta" not in content


def test_rekap_bad_filter_shows_errors_and_no_rows(client, verifikator, data):
    client.force_login(verifikator)
    response = get(client, kategori="luar_biasa", bulan=13)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Saringan tidak valid" in content
    assert "Dinas Alfa" not in content


def test_rekap_export_csv_with_filters_and_raw_numbers(client, verifikator, data):
    client.force_login(verifikator)
    # the plain machine CSV (?gaya=mesin): `,`, raw unrounded numbers
    response = get(client, jenis="dinas", _export="csv", gaya="mesin")
    assert response["Content-Disposition"] == 'attachment; filename="rekap-2025-03.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["No", "Kode", "OPD", "Pagu (Rp)"]
    assert len(body) == 2  # Dinas Alfa, then the total row
    record = dict(zip(header, body[0], strict=True))
    assert record["OPD"] == "Dinas Alfa"
    # raw unrounded numbers, not display strings
    assert Decimal(record["Pagu (Rp)"]) == Decimal(1_000_000)
    assert Decimal(record["Realisasi keu (%)"]) == Decimal(20)
    assert Decimal(record["Deviasi keu"]) == Decimal(-20)
    assert record["Kategori"] == "Sangat Rendah"
    assert record["Status laporan"] == "Terkirim (terlambat)"


def test_rekap_export_neutralises_formulas(client, verifikator, year):
    for kode, nama in [("1.01", "=HYPERLINK(1)"), ("1.02", "+1"), ("1.03", "-2"), ("1.04", "@x")]:
        BudgetLineFactory(fiscal_year=year, opd=OpdFactory(kode=kode, nama=nama))
    client.force_login(verifikator)
    for gaya, delimiter in (("", ";"), ("mesin", ",")):
        text = get(client, _export="csv", gaya=gaya).content.decode("utf-8-sig")
        body = list(csv.reader(io.StringIO(text), delimiter=delimiter))[1:5]
        assert [row[2] for row in body] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x"]

    response = get(client, _export="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    first = header_row(sheet) + 1
    names = [sheet.cell(row=r, column=3).value for r in range(first, first + 4)]
    assert names == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x"]
    assert all(sheet.cell(row=r, column=3).data_type == "s" for r in range(first, first + 4))
    # numbers stay numbers: pagu 1.000.000 (factory default) as a numeric cell
    pagu = sheet.cell(row=first, column=4)
    assert pagu.data_type == "n" and pagu.value == 1_000_000


def test_rekap_xlsx_numbers_include_negative_deviation(client, verifikator, data):
    client.force_login(verifikator)
    sheet = openpyxl.load_workbook(io.BytesIO(get(client, _export="xlsx").content)).active
    row = header_row(sheet)
    header = [cell.value for cell in sheet[row]]
    deviasi = sheet.cell(row=row + 1, column=header.index("Deviasi keu") + 1)
    assert deviasi.data_type == "n" and deviasi.value == -20


def header_row(sheet) -> int:
    """The row of the column headers, below the title block and the merged group headers."""
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "No")


def add_opds(year, count):
    for _ in range(count):
        line = BudgetLineFactory(fiscal_year=year, opd=OpdFactory(), pagu=1_000_000)
        TargetFactory(line=line, bulan=3, target_keuangan=500_000, target_fisik=50)
        RealisasiFactory(line=line, bulan=3, realisasi_keuangan=250_000, realisasi_fisik=40)


def test_rekap_query_count_does_not_grow_with_opds(
    client, verifikator, data, django_assert_num_queries
):
    client.force_login(verifikator)
    # 1 session, 2 user, 3 year choices, 4 whether the year has lines (its empty state),
    # 5 the data stamp of reports.fragments (one statement), 6 OPD sums (filtered OPDs as a
    # subquery), 7 monthly reports, 8 the total row (the shown OPDs' lines as one set),
    # 9 grouping choices (rendering the form); the session is not written (renewed at most
    # once a minute: SessionRenewalMiddleware)
    add_opds(data["year"], 1)  # 3 OPDs
    with django_assert_num_queries(9):
        get(client)
    # the same data again: the filter form and the table come from the cache, their four
    # queries are not run
    with django_assert_num_queries(5):
        get(client)
    add_opds(data["year"], 27)  # 30 OPDs: new data, a new stamp, the table rendered again
    with django_assert_num_queries(9):
        response = get(client)
    assert response.content.decode().count('<a href="/dasbor/opd/') == 30


def test_rekap_sorts_by_every_orderable_column(client, verifikator, data):
    add_opds(data["year"], 3)
    client.force_login(verifikator)
    table = RekapTable([])
    orderable = [column.name for column in table.columns if column.orderable]
    assert "realisasi_keuangan_persen" in orderable and "kategori" in orderable
    for name in orderable:
        for sort in (name, f"-{name}"):
            response = get(client, sort=sort)
            assert response.status_code == 200, sort
            assert response.content.decode().count('<a href="/dasbor/opd/') == 5


def test_rekap_sorts_by_unrounded_values(client, verifikator, year):
    # 20,004 % and 20,001 % both display 20,00; sorting follows the unrounded value
    for kode, real in [("1.01", 200_010), ("1.02", 200_040)]:
        line = BudgetLineFactory(fiscal_year=year, opd=OpdFactory(kode=kode, nama=f"OPD {kode}"))
        RealisasiFactory(line=line, bulan=3, realisasi_keuangan=real)
    client.force_login(verifikator)
    content = get(client, sort="-realisasi_keuangan_persen").content.decode()
    assert content.index("OPD 1.02") < content.index("OPD 1.01")


@time_machine.travel("2025-04-15 10:00 +0700", tick=False)
def test_rekap_without_period_shows_the_last_complete_month(client, verifikator, data):
    client.force_login(verifikator)
    content = client.get(reverse(URL)).content.decode()
    assert "hingga akhir Maret 2025" in content
    assert "Dinas Alfa" in content and "Saringan tidak valid" not in content


def test_rekap_total_row_is_the_shown_opds_as_one_set_of_lines(client, verifikator, data):
    client.force_login(verifikator)
    content = get(client).content.decode()
    foot = re.search(r"<tfoot[^>]*>(.*?)</tfoot>", content, re.S).group(1)
    # pagu 1.000.000 + 1.000.000; realisasi 200.000 → 10,00 %; target 650.000 → 32,50 %;
    # deviasi 10 − 32,5 = −22,50; capaian 10 / 32,5 × 100 = 30,77 → Sangat Rendah
    assert "Total" in foot
    assert "Rp2.000.000" in foot and "Rp200.000" in foot and "Rp650.000" in foot
    assert "10,00" in foot and "32,50" in foot and "-22,50" in foot
    assert "Sangat Rendah" in foot and "capaian 30,77 %" in foot
    # filtered to kecamatan: B alone, pagu 1.000.000, nothing realised
    kecamatan = get(client, jenis="kecamatan").content.decode()
    foot = re.search(r"<tfoot[^>]*>(.*?)</tfoot>", kecamatan, re.S).group(1)
    assert "Rp1.000.000" in foot and "Rp0" in foot


def test_rekap_says_so_when_no_opd_matches(client, verifikator, data):
    client.force_login(verifikator)
    content = get(client, kategori="sangat_tinggi").content.decode()
    assert "Tidak ada OPD yang sesuai dengan saringan ini." in content
    assert "<tfoot" not in content
    assert ">Semua</option>" in content


@pytest.mark.parametrize("query", [{}, {"sort": "-realisasi_keuangan_persen"}, {"page": 2}])
def test_rekap_rows_written_in_python_are_django_tables2s_html(rf, verifikator, data, query):
    """PlainRowsTable writes the body rows itself: the same cells, badges, links, numbering
    and row classes as django-tables2's own template, sorted and on any page."""
    import django_tables2

    from reports import figures

    request = rf.get("/", query)
    request.user = verifikator
    rows = figures.opd_rows(2025, 3)
    totals = rows[0].figures

    def html(template):
        table = RekapTable(rows, totals=totals, template_name=template)
        django_tables2.RequestConfig(request, paginate={"per_page": 1}).configure(table)
        return re.sub(r">\s+<", "><", table.as_html(request)).strip()

    ours = html("reports/_table_plain_rows.html")
    assert ours == html("django_tables2/table.html")
    assert "<tbody" in ours and ours.count("<tr") == 3  # header, one row of the page, total
