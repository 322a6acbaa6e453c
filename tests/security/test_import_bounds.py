"""Findings 2 and 13 of issue 13: imports bound what they read and refuse in Indonesian.

A 5 KB xlsx declaring `<dimension ref="A1:XFD1048576"/>` with one row at 1048576 kept an
import busy for over an hour; a CSV cell over Python's field limit answered in English;
100.000 problems made a 9,5 MB page; sizes were written "14.7 MB".
"""

import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from realisasi.importers import ImportRejected, run_import
from realisasi.importers.reading import check_name_and_size, read_table
from realisasi.importers.template_files import csv_bytes
from realisasi.models import BudgetLine, ImportRecord

pytestmark = pytest.mark.django_db

HEADER = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "pagu"]
ROW = ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "1000"]


def doctored_xlsx(dimension: str | None = None, extra_rows: str = "") -> bytes:
    """A real workbook (header and one row) whose sheet XML is edited the way an attacker
    would: another declared dimension, and rows appended far below."""
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                if dimension:
                    text = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"', text)
                text = text.replace("</sheetData>", extra_rows + "</sheetData>")
                data = text.encode()
            target.writestr(member, data)
    return out.getvalue()


def refusal(data: bytes, name="apbd.xlsx") -> str:
    started = time.monotonic()
    with pytest.raises(ImportRejected) as refused:
        read_table(name, data)
    assert time.monotonic() - started < 5, "refused within 5 seconds"
    return str(refused.value)


def test_the_dimension_bomb_is_refused_within_5_seconds():
    bomb = doctored_xlsx(
        "A1:XFD1048576", '<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row>'
    )
    assert len(bomb) < 10_000
    message = refusal(bomb)
    assert "A1:XFD1048576" in message
    assert "1.048.576 baris" in message


def test_a_far_row_under_a_modest_dimension_is_refused_too():
    far = '<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row>'
    message = refusal(doctored_xlsx(None, far))
    assert "lebih dari 1.000 baris kosong berturut-turut setelah baris 2" in message


def test_a_far_column_is_refused():
    wide = '<row r="3"><c r="XFD3" t="n"><v>1</v></c></row>'
    message = refusal(doctored_xlsx(None, wide))
    assert "16.384 kolom" in message


def test_a_long_run_of_empty_rows_is_refused(settings):
    settings.RAKOR_IMPORT_MAX_EMPTY_ROWS = 1000
    rows = [HEADER, ROW, *([[""] * 6] * 1500), ROW]
    message = refusal(csv_bytes(rows), name="apbd.csv")
    assert "lebih dari 1.000 baris kosong berturut-turut setelah baris 2" in message


def test_the_bomb_through_the_web_gets_an_indonesian_page(client, verifikator):
    client.force_login(verifikator)
    bomb = doctored_xlsx("A1:XFD1048576", '<row r="1048576"><c r="A1048576"><v>1</v></c></row>')
    upload = io.BytesIO(bomb)
    upload.name = "apbd.xlsx"
    started = time.monotonic()
    response = client.post(
        reverse("realisasi:import_apbd"), {"tahun": 2025, "file": upload, "stage": "murni"}
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert "Impor ditolak" in response.content.decode()
    assert not BudgetLine.objects.exists() and not ImportRecord.objects.exists()


# --- finding 13 ------------------------------------------------------------------------------


def test_a_csv_field_over_the_parser_limit_is_refused_in_indonesian():
    data = ";".join(HEADER).encode() + b"\r\n" + b'"' + b"x" * 140_000 + b'";1\r\n'
    message = refusal(data, name="apbd.csv")
    assert "field larger" not in message
    assert "baris 2" in message
    assert "131.072 karakter" in message


def test_only_the_first_problems_are_listed_with_the_count_of_the_rest(
    client, verifikator, settings
):
    settings.RAKOR_IMPORT_PROBLEMS_SHOWN = 100
    rows = [HEADER, *([["1.02", "Dinas", "bukan kode!", "Sub", "DAU", "abc"]] * 5000)]
    with pytest.raises(ImportRejected) as refused:
        run_import("apbd", "apbd.csv", csv_bytes(rows), tahun=2025)
    total = len(refused.value.problems)
    assert total >= 5000
    text = str(refused.value)
    assert text.count("\n") == 100  # 100 problems and the line that counts the rest
    assert f"dan {total - 100:,} masalah lainnya".replace(",", ".") in text

    client.force_login(verifikator)
    upload = io.BytesIO(csv_bytes(rows))
    upload.name = "apbd.csv"
    # 5.000 rows: imported by a background job, whose page lists the problems the same way
    response = client.post(
        reverse("realisasi:import_apbd"),
        {"tahun": 2025, "file": upload, "stage": "murni"},
        follow=True,
    )
    assert response.redirect_chain[0][0].startswith("/tugas/")
    body = response.content.decode()
    assert body.count('<tr><td class="num">') == 100
    assert f"dan {total - 100:,} masalah lainnya".replace(",", ".") in body
    assert len(body) < 200_000


def test_sizes_are_written_the_indonesian_way(settings):
    settings.RAKOR_IMPORT_MAX_BYTES = 10 * 1024 * 1024
    size = int(14.7 * 1024 * 1024)
    with pytest.raises(ImportRejected) as refused:
        check_name_and_size("apbd.xlsx", size)
    assert "File terlalu besar (14,7 MB); batasnya 10,0 MB." in str(refused.value)
