"""The downloadable templates: self-contained instructions, code columns as Text, and one
message per bad cell."""

import io

import openpyxl
import pytest

from realisasi.choices import JenisImpor
from realisasi.importers import IMPORTERS, ImportRejected, run_import, template_xlsx

pytestmark = pytest.mark.django_db
HEADER = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "pagu"]


def workbook(jenis):
    return openpyxl.load_workbook(io.BytesIO(template_xlsx(jenis)))


@pytest.mark.parametrize("jenis", JenisImpor.values)
def test_the_instruction_sheet_is_complete_in_itself(jenis):
    guide = list(workbook(jenis)["Petunjuk"].iter_rows(values_only=True))
    text = " ".join(str(cell) for row in guide for cell in row if cell)
    assert "docs/" not in text and ".md" not in text
    assert guide[0] == ("kolom", "wajib", "isi dan format", "contoh")
    described = {row[0]: row for row in guide[1:] if row[0] and row[0] != "Aturan"}
    assert set(described) == set(IMPORTERS[jenis].columns())
    assert all(row[2] for row in described.values()), "every column has its format"
    assert "tidak ada yang disimpan" in text and "Isi nilai, bukan rumus" in text


@pytest.mark.parametrize("jenis", JenisImpor.values)
def test_code_columns_are_text(jenis):
    sheet = workbook(jenis)["Data"]
    for cell in sheet[1]:
        if cell.value in ("kode_opd", "kode_sub_kegiatan", "kode_kegiatan", "kode_program", "nip"):
            letter = cell.column_letter
            assert sheet.column_dimensions[letter].number_format == "@", cell.value
            example = sheet[f"{letter}2"]
            assert example.number_format == "@" and isinstance(example.value, str)


def test_the_apbd_example_row_imports_as_it_is():
    result = run_import(
        JenisImpor.APBD, "template-impor-apbd.xlsx", template_xlsx("apbd"), tahun=2026
    )
    assert result.added == 1


def test_a_formula_cell_gives_one_message():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "=1000*2"])
    sheet.append(["=A2", "Dinas Kesehatan", "1.02.02.2.01.0002", "Ibu Bersalin", "DAU", "500"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRejected) as refused:
        run_import(JenisImpor.APBD, "a.xlsx", buffer.getvalue(), tahun=2026)
    assert [(p.baris, p.kolom) for p in refused.value.problems] == [(2, "pagu"), (3, "kode_opd")]
    assert "berisi rumus (=1000*2)" in refused.value.problems[0].masalah
