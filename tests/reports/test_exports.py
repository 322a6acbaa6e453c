"""Exports laid out for Indonesian Excel (reports/exports/), on the data of conftest.py.

Pemda at March 2025: pagu 2.000.000, target 650.000 (32,50 %), realisasi 200.000 (10,00 %),
deviasi −22,50, fisik 14,00 % against 39,00 %, sisa 1.800.000, capaian 30,77 % (Sangat Rendah).
"""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from realisasi.importers.numbers import parse_persen, parse_rupiah
from realisasi.importers.reading import read_table

pytestmark = pytest.mark.django_db

PERIOD = {"tahun": 2025, "bulan": 3}


def export(client, url, **params):
    response = client.get(url, {**PERIOD, **params})
    assert response.status_code == 200, response.content[:300]
    return response


def workbook(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def header_row(sheet, first_header: str) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == first_header)


def test_rekap_xlsx_has_title_block_formats_groups_total_and_page_setup(
    client, verifikator, data, settings
):
    settings.RAKOR_PEMDA_NAME = "Pemerintah Kabupaten Uji"
    client.force_login(verifikator)
    sheet = workbook(export(client, reverse("reports:rekap"), _export="xlsx"))
    # the title block: Pemda, report, period, printed at
    assert sheet["A1"].value == "Pemerintah Kabupaten Uji"
    assert sheet["A2"].value == "Rekap realisasi per OPD"
    assert sheet["A3"].value == "Hingga akhir Maret 2025"
    assert sheet["A4"].value.startswith("Dicetak ")
    row = header_row(sheet, "No")
    headers = [cell.value for cell in sheet[row]]
    # merged group headers above the columns
    groups = {str(rng): sheet.cell(rng.min_row, rng.min_col).value for rng in sheet.merged_cells}
    keu_first = headers.index("Target keu (Rp)") + 1
    keu_last = headers.index("Deviasi keu") + 1
    keuangan = [ref for ref, value in groups.items() if value == "Keuangan"]
    assert keuangan == [
        f"{openpyxl.utils.get_column_letter(keu_first)}{row - 1}:"
        f"{openpyxl.utils.get_column_letter(keu_last)}{row - 1}"
    ]
    assert "Fisik" in groups.values()
    # A: Dinas Alfa, B: Kecamatan Beta, then the total row
    col = {name: index + 1 for index, name in enumerate(headers)}
    alfa, beta, total = row + 1, row + 2, row + 3
    assert sheet.cell(alfa, col["OPD"]).value == "Dinas Alfa"
    pagu = sheet.cell(alfa, col["Pagu (Rp)"])
    assert pagu.data_type == "n" and pagu.value == 1_000_000
    assert pagu.number_format == '"Rp"#,##0;-"Rp"#,##0'
    persen = sheet.cell(alfa, col["Realisasi keu (%)"])
    assert persen.value == 20 and persen.number_format == "#,##0.00;-#,##0.00"
    # the total equals the page's total row (the shown OPDs' lines as one set)
    assert sheet.cell(total, col["OPD"]).value == "Total"
    assert sheet.cell(total, col["Pagu (Rp)"]).value == 2_000_000
    assert sheet.cell(total, col["Realisasi keu (Rp)"]).value == 200_000
    assert Decimal(str(sheet.cell(total, col["Realisasi keu (%)"]).value)) == Decimal("10")
    assert Decimal(str(sheet.cell(total, col["Deviasi keu"]).value)) == Decimal("-22.5")
    assert sheet.cell(total, col["Kategori"]).value == "Sangat Rendah"
    capaian = Decimal(str(sheet.cell(total, col["Capaian keu (%)"]).value))
    assert round(capaian, 2) == Decimal("30.77")
    assert sheet.cell(total, col["OPD"]).font.bold
    page = client.get(reverse("reports:rekap"), PERIOD).content.decode()
    foot = re.search(r"<tfoot[^>]*>(.*?)</tfoot>", page, re.S).group(1)
    assert "Rp2.000.000" in foot and "Rp200.000" in foot and "-22,50" in foot
    assert sheet.cell(beta, col["OPD"]).value == "Kecamatan Beta"
    # frozen under the header, header repeated on printed pages, A4 landscape
    assert sheet.freeze_panes == f"A{row + 1}"
    assert sheet.print_title_rows == f"${row - 1}:${row}"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.column_dimensions["C"].width >= 18


def test_rekap_csv_for_indonesian_excel_round_trips_through_the_importer_reader(
    client, verifikator, data
):
    client.force_login(verifikator)
    response = export(client, reverse("reports:rekap"), _export="csv")
    body = response.content
    assert body.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8
    first_line = body.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("No;Kode;OPD;Pagu (Rp);")
    table = read_table("rekap.csv", body)
    assert table.problems == []
    rows = [dict(zip(table.headers, values, strict=True)) for _, values in table.rows]
    alfa, beta, total = rows
    assert alfa["opd"] == "Dinas Alfa" and total["opd"] == "Total"
    # Rupiah with two places and a decimal comma, percentages rounded once to two places
    assert alfa["pagu_(rp)"] == "1000000,00"
    assert parse_rupiah(alfa["pagu_(rp)"]) == Decimal("1000000")
    assert parse_rupiah(total["realisasi_keu_(rp)"]) == Decimal("200000")
    assert parse_persen(total["realisasi_keu_(%)"]) == Decimal("10.00")
    assert total["deviasi_keu"] == "-22,50"
    assert parse_persen(total["capaian_keu_(%)"]) == Decimal("30.77")
    assert beta["status_laporan"] == "Belum input"


def test_unknown_export_format_is_the_page(client, verifikator, data):
    client.force_login(verifikator)
    response = client.get(reverse("reports:rekap"), {**PERIOD, "_export": "pdf"})
    assert response["Content-Type"].startswith("text/html")


def test_kepatuhan_xlsx_counts_by_the_one_definition(client, verifikator, data):
    client.force_login(verifikator)
    sheet = workbook(export(client, reverse("reports:export_kepatuhan")))
    assert sheet["A2"].value == "Kepatuhan pelaporan" and sheet["A3"].value == "Maret 2025"
    row = header_row(sheet, "Kode")
    # A terkirim (late) → reported; B no report → belum
    assert [sheet.cell(r, 3).value for r in (row + 1, row + 2)] == ["Terkirim", "Belum input"]
    assert [sheet.cell(r, 4).value for r in (row + 1, row + 2)] == ["Ya", "Belum"]
    assert sheet.cell(row + 3, 2).value == "1 dari 2 OPD telah menyampaikan laporan"


def test_tindak_lanjut_and_audit_exports(client, verifikator, operator, data):
    import datetime

    from realisasi.audit import record_changes
    from realisasi.choices import SumberPerubahan
    from tests.factories import ArahanFactory, RakorFactory, TindakLanjutFactory

    arahan = ArahanFactory(rakor=RakorFactory(fiscal_year=data["year"]), isi="Percepat lelang")
    TindakLanjutFactory(arahan=arahan, opd=data["a"], batas_waktu=datetime.date(2025, 4, 1))
    record_changes(
        {"realisasi_keuangan": (Decimal("0"), Decimal("1500000")), "terlambat": (False, True)},
        user=operator,
        sumber=SumberPerubahan.FORM,
        opd=data["a"],
        line=data["a1"],
        tahun=2025,
        bulan=3,
    )
    client.force_login(verifikator)
    sheet = workbook(export(client, reverse("reports:export_tindak_lanjut")))
    row = header_row(sheet, "Rakor")
    assert "Percepat lelang" in sheet.cell(row + 1, 2).value
    assert sheet.cell(row + 1, 5).value == "1 April 2025"

    text = export(client, reverse("reports:export_jejak_audit"), _export="csv").content
    table = read_table("audit.csv", text)
    changes = sorted(values[-1] for _, values in table.rows)
    assert changes == ["Realisasi keuangan (Rp): Rp0 → Rp1.500.000", "Terlambat: Tidak → Ya"]


def test_exports_of_other_apps_keep_their_pages_permissions(client, operator, data):
    client.force_login(operator)
    assert client.get(reverse("reports:export_kepatuhan")).status_code == 403
    assert client.get(reverse("reports:export_jejak_audit")).status_code == 403
    assert client.get(reverse("reports:export_tindak_lanjut")).status_code == 200


def test_numbers_stay_exact_in_every_format():
    from reports.exports import RUPIAH, Column, Sheet, csv_text, xlsx_bytes

    big = Decimal("2000000000000000.99")  # 18 significant digits: more than a double holds
    sheet = Sheet("Uji", "Maret 2025", [Column("Nilai", RUPIAH)], [[big], [Decimal("0E+2")]])
    cells = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(sheet))).active
    row = header_row(cells, "Nilai")
    assert cells.cell(row + 1, 1).value == "2000000000000000.99"  # exact text, not a double
    assert cells.cell(row + 2, 1).value == 0
    machine = csv_text(sheet, machine=True).splitlines()
    assert machine[1:] == ["2000000000000000.99", "0"]
    indonesian = csv_text(sheet).splitlines()
    assert indonesian[1:] == ["2000000000000000,99", "0,00"]
