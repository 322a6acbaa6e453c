"""Findings 10 and 14 of issue 13: no input yields a 500, only the offered export formats are
served, and every export format carries exact numbers.

A NUL byte in an OPD code broke 9 URLs on PostgreSQL ("A string literal cannot contain NUL");
`?per_page=-1` broke the rekap; `?_export=ods|xls|yaml` broke it too, while json/tsv/latex were
served though never offered. The XLSX wrote Rp2.000.000.000.000.000,99 as 2000000000000001
and the CSV wrote zero as `0E+2`.
"""

import csv
import io
import re
from decimal import Decimal

import django_tables2 as tables
import openpyxl
import pytest
from django.db import connection
from django.urls import reverse

from reports.tables import SafeTableExport
from tests.factories import BudgetLineFactory, OpdFactory, RealisasiFactory, TargetFactory

pytestmark = pytest.mark.django_db

PERIOD = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def signed_in(client, verifikator):
    client.force_login(verifikator)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/dasbor/opd/%00/",
        "/dasbor/opd/1.01%00/",
        "/laporan/bulanan/%00/2025/3/",
        "/laporan/bulanan/%00/2025/3/kirim/",
        "/dasbor/kendala/?q=%00",
        "/dasbor/rekap/?q=%00",
        "/laporan/audit/?user=%00",
        "/?next=%00",
    ],
)
def test_a_nul_byte_anywhere_in_the_address_is_a_clear_400(signed_in, year, path):
    response = signed_in.get(path)
    assert response.status_code in (400, 404)
    assert 'lang="id"' in response.content.decode()


def test_a_nul_byte_in_a_posted_report_url_is_not_a_500(client, operator, year):
    client.force_login(operator)
    response = client.post("/laporan/bulanan/%00/2025/3/", {"version": "0"})
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("per_page", ["-1", "0", "abc", "99999999999999999999"])
def test_a_bad_per_page_shows_the_ordinary_page(signed_in, year, per_page):
    BudgetLineFactory(fiscal_year=year, opd=OpdFactory(kode="1.01", nama="Dinas Alfa"))
    response = signed_in.get(reverse("reports:rekap"), PERIOD | {"per_page": per_page})
    assert response.status_code == 200
    assert "Dinas Alfa" in response.content.decode()
    audit = signed_in.get(reverse("realisasi:audit"), {"per_page": per_page})
    assert audit.status_code == 200


@pytest.mark.parametrize("fmt", ["ods", "xls", "yaml", "json", "tsv", "latex", "html", "x"])
def test_only_the_offered_export_formats_are_served(signed_in, year, fmt):
    response = signed_in.get(reverse("reports:rekap"), PERIOD | {"_export": fmt})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Format unduhan" in body and "CSV" in body and "XLSX" in body


# --- finding 14: exact numbers ---------------------------------------------------------------


# Rp2.000.000.000.000.000,99 as in the finding: 18 significant digits, beyond 2^53 in cents
# and beyond the 15-16 digits of a float (an XLSX number cell).
WITH_CENTS = Decimal("2000000000000000.99")
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's driver reads decimal sums through a 15-digit float before any export; "
    "the export itself is tested on both databases below",
)


def big_pagu() -> Decimal:
    return WITH_CENTS


class Exact(tables.Table):
    pagu = tables.Column()
    persen = tables.Column()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_every_export_format_writes_decimals_exactly(export_format):
    rows = [
        {"pagu": WITH_CENTS, "persen": Decimal("0E+2")},
        {"pagu": Decimal("-20"), "persen": Decimal("84.8049")},
    ]
    exported = SafeTableExport(export_format, Exact(rows)).export()
    if export_format == "csv":
        body = list(
            csv.reader(io.StringIO(exported.decode() if isinstance(exported, bytes) else exported))
        )
        assert body[1:] == [["2000000000000000.99", "0"], ["-20", "84.8049"]]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
        assert Decimal(sheet["A2"].value) == WITH_CENTS  # exact digits, as text
        assert (sheet["B2"].value, sheet["A3"].value, sheet["B3"].value) == (0, -20, 84.8049)
        assert sheet["A3"].data_type == "n"


@pytest.fixture
def huge(year):
    """One OPD with a pagu beyond a float's precision, and one with every figure 0."""
    big = OpdFactory(kode="1.01", nama="Dinas Besar")
    line = BudgetLineFactory(fiscal_year=year, opd=big, pagu=big_pagu())
    TargetFactory(line=line, bulan=3, target_keuangan=0, target_fisik=0)
    nol = BudgetLineFactory(
        fiscal_year=year, opd=OpdFactory(kode="1.02", nama="Dinas Nol"), pagu=100
    )
    TargetFactory(line=nol, bulan=3, target_keuangan=0, target_fisik=0)
    RealisasiFactory(line=nol, bulan=3, realisasi_keuangan=0, realisasi_fisik=0)


@needs_postgresql
def test_xlsx_keeps_rupiah_beyond_2_53_exact(signed_in, huge):
    response = signed_in.get(reverse("reports:rekap"), PERIOD | {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # below the title block, the column headers; then the rows in OPD code order
    header_row = next(row[0].row for row in sheet.iter_rows() if row[0].value == "No")
    header = [cell.value for cell in sheet[header_row]]
    pagu = sheet.cell(row=header_row + 1, column=header.index("Pagu (Rp)") + 1).value
    assert Decimal(str(pagu)) == big_pagu()
    # an ordinary figure stays a number cell
    nol = sheet.cell(row=header_row + 2, column=header.index("Pagu (Rp)") + 1)
    assert nol.data_type == "n" and nol.value == 100


def test_csv_writes_zero_as_0_and_never_an_exponent(signed_in, huge):
    # the machine CSV carries raw values: exactly the digits, never an exponent
    response = signed_in.get(reverse("reports:rekap"), PERIOD | {"_export": "csv", "gaya": "mesin"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows[0]
    nol = dict(zip(header, rows[2], strict=True))
    assert nol["OPD"] == "Dinas Nol"
    assert nol["Realisasi keu (Rp)"] == "0"
    assert nol["Realisasi keu (%)"] == "0"
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if re.fullmatch(r"-?[\d.]+E[+-]?\d+", cell)]
    if connection.vendor == "postgresql":
        big = dict(zip(header, rows[1], strict=True))
        assert Decimal(big["Pagu (Rp)"]) == big_pagu()
