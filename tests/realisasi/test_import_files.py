"""Hostile and broken files: each refused with a clear Indonesian message, nothing written."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.test import override_settings

from realisasi.importers import ImportRejected, run_import
from realisasi.importers.reading import read_table, sniff_delimiter
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import BudgetLine, FiscalYear, ImportRecord

pytestmark = pytest.mark.django_db

HEADER = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "pagu"]
ROW = ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "1000"]


def refused(name, data) -> str:
    with pytest.raises(ImportRejected) as info:
        run_import("apbd", name, data, tahun=2025)
    assert not FiscalYear.objects.exists() and not BudgetLine.objects.exists()
    assert not ImportRecord.objects.exists()
    return str(info.value)


def test_formula_cell_is_refused_with_its_row_and_column():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([*ROW[:5], "=1000*2"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    message = refused("apbd.xlsx", buffer.getvalue())
    assert "Baris 2, kolom pagu: berisi rumus (=1000*2)" in message


def test_zip_bomb_is_refused_before_openpyxl_opens_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 200_000  # 50 MB packed into a small file
    assert "bom zip" in refused("apbd.xlsx", data)


@override_settings(RAKOR_IMPORT_MAX_UNZIPPED_BYTES=1000)
def test_declared_uncompressed_size_over_the_limit_is_refused():
    assert "bom zip" in refused("apbd.xlsx", xlsx_bytes([HEADER, ROW]))


def test_csv_with_nul_bytes_is_refused():
    data = csv_bytes([HEADER, ROW]) + b"\x00\x01\x02"
    assert "karakter NUL" in refused("apbd.csv", data)


def test_header_only_is_refused():
    assert "hanya berisi baris judul" in refused("apbd.xlsx", xlsx_bytes([HEADER]))
    assert "hanya berisi baris judul" in refused("apbd.csv", csv_bytes([HEADER]))


def test_empty_files_are_refused():
    assert "File kosong" in refused("apbd.csv", b"")
    assert "File kosong" in refused("apbd.csv", b"\r\n;;\r\n")
    assert "File kosong" in refused("apbd.xlsx", xlsx_bytes([]))


@override_settings(RAKOR_IMPORT_MAX_BYTES=100)
def test_a_file_over_the_size_limit_is_refused():
    assert "File terlalu besar" in refused("apbd.csv", csv_bytes([HEADER, ROW, ROW]))


def test_extension_and_content_must_agree():
    assert "tidak didukung" in refused("apbd.xls", b"\xd0\xcf\x11\xe0 old excel")
    assert "bukan file Excel" in refused("apbd.xlsx", csv_bytes([HEADER, ROW]))
    assert "file Excel (.xlsx), bukan CSV" in refused("apbd.csv", xlsx_bytes([HEADER, ROW]))
    assert "rusak" in refused("apbd.xlsx", b"PK\x03\x04 not really a zip")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "tidak berisi buku kerja" in refused("apbd.xlsx", buffer.getvalue())


def test_utf16_csv_gets_a_clear_message():
    data = "\ufeffkode_opd;pagu\r\n".encode("utf-16")
    assert "UTF-16" in refused("apbd.csv", data)


def test_windows_1252_csv_is_read_with_a_note():
    text = ";".join(HEADER) + "\r\n" + ";".join([*ROW[:3], "Pelayanan Kesehatan Café", *ROW[4:]])
    result = run_import("apbd", "apbd.csv", text.encode("cp1252"), tahun=2025)
    assert "Windows-1252" in result.summary()
    assert BudgetLine.objects.get().sub_kegiatan.nama == "Pelayanan Kesehatan Café"


@override_settings(RAKOR_IMPORT_MAX_CELL_CHARS=50)
def test_overlong_cell_is_refused_with_row_and_column():
    row = [*ROW[:3], "x" * 51, *ROW[4:]]
    message = refused("apbd.csv", csv_bytes([HEADER, row]))
    assert (
        "Baris 2, kolom nama_sub_kegiatan: terlalu panjang, paling banyak 50 karakter "
        "(tertulis 51)." in message
    )


@override_settings(RAKOR_IMPORT_MAX_ROWS=2)
def test_too_many_rows_are_refused():
    assert "lebih dari 2 baris" in refused("apbd.csv", csv_bytes([HEADER, ROW, ROW, ROW]))


def test_garbage_bytes_named_xlsx_never_raise_anything_else():
    for data in (b"PK\x03\x04" + bytes(range(256)) * 4, b"\x00" * 10, b"random text"):
        with pytest.raises(ImportRejected):
            read_table("x.xlsx", data)


def test_spreadsheet_row_numbers_count_blank_rows():
    rows = [HEADER, ROW, [], [*ROW[:5], "12x"]]
    assert "Baris 4, kolom pagu" in refused("apbd.xlsx", xlsx_bytes(rows))
    assert "Baris 4, kolom pagu" in refused("apbd.csv", csv_bytes(rows))


def test_percent_formatted_xlsx_cell_reads_as_percent():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["bulan", "target_fisik"])
    sheet.append([3, 0.848])
    sheet["B2"].number_format = "0.00%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table("t.xlsx", buffer.getvalue())
    # stored as the fraction 0,848; 0,848 × 100 = 84,8
    assert table.rows[0][1][1] == Decimal("84.8")


@pytest.mark.parametrize(
    ("line", "expected"),
    [("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ("Kode OPD;Nama, lengkap;Pagu", ";")],
)
def test_delimiter_is_sniffed_from_the_header(line, expected):
    assert sniff_delimiter(line) == expected
