"""Template files for each import (header row and one example row), and writers tests reuse."""

import csv
import io

import openpyxl
from openpyxl.styles import Font


def xlsx_bytes(rows: list[list], *, notes: list[list] | None = None) -> bytes:
    """An .xlsx whose first sheet holds `rows` (the first is the header)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = max(
            12, min(50, max(len(str(cell.value or "")) for cell in column) + 2)
        )
    if notes:
        guide = workbook.create_sheet("Petunjuk")
        for row in notes:
            guide.append(row)
        for cell in guide[1]:
            cell.font = Font(bold=True)
        guide.column_dimensions["A"].width = 24
        guide.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, delimiter: str = ";", bom: bool = True) -> bytes:
    """CSV text as Indonesian Excel writes it: `;` between cells, UTF-8 with a BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def _importer(jenis: str):
    from . import IMPORTERS

    return IMPORTERS[jenis]


def _rows(jenis: str) -> list[list]:
    importer = _importer(jenis)
    columns = list(importer.columns())
    return [columns, [importer.example.get(column, "") for column in columns]]


def _guide(jenis: str) -> list[list]:
    importer = _importer(jenis)
    rows = [["kolom", "wajib", "keterangan"]]
    for column in importer.columns():
        rows.append(
            [column, "ya" if column in importer.required else "tidak", DESCRIPTIONS.get(column, "")]
        )
    rows.append([])
    rows.append(["", "", "Hanya lembar pertama yang dibaca. Isi nilai, bukan rumus."])
    rows.append(["", "", "Rincian lengkap: docs/import-formats.md"])
    return rows


def template_xlsx(jenis: str) -> bytes:
    return xlsx_bytes(_rows(jenis), notes=_guide(jenis))


def template_csv(jenis: str) -> bytes:
    return csv_bytes(_rows(jenis))


DESCRIPTIONS = {
    "kode_opd": "Kode OPD, mis. 1.02.0.00.0.00.01.0000",
    "nama_opd": "Nama OPD",
    "jenis_opd": "dinas, badan, kecamatan, sekretariat, bagian, inspektorat, rsud, kelurahan, "
    "lainnya (kosong: ditebak dari nama untuk OPD baru)",
    "kode_sub_kegiatan": "Kode sub kegiatan, mis. 1.02.02.2.01.0001",
    "nama_sub_kegiatan": "Nama sub kegiatan",
    "kode_kegiatan": "Boleh kosong: diturunkan dari kode sub kegiatan (1.02.02.2.01)",
    "nama_kegiatan": "Boleh kosong",
    "kode_program": "Boleh kosong: diturunkan dari kode kegiatan (1.02.02)",
    "nama_program": "Boleh kosong",
    "sumber_dana": "Sumber dana, mis. DAU, PAD, DAK Fisik Bidang Jalan",
    "pagu": "Pagu dalam Rupiah pada tahap yang diimpor (1500000 atau 1.500.000)",
    "pptk": "Nama pengguna (username) PPTK di aplikasi; boleh kosong",
    "lokasi": "Lokasi kegiatan; boleh kosong",
    "bulan": "Bulan 1-12 (atau nama bulan)",
    "target_keuangan": "Target keuangan kumulatif s.d. akhir bulan (Rupiah)",
    "target_fisik": "Target fisik kumulatif s.d. akhir bulan (%, 0-100; 84,8 atau 84.8)",
    "realisasi_keuangan": "Realisasi keuangan kumulatif s.d. akhir bulan (Rupiah)",
    "realisasi_fisik": "Realisasi fisik kumulatif (%, 0-100); wajib untuk sumber opd",
    "kendala": "Kendala pelaksanaan; boleh kosong",
    "solusi": "Solusi / tindak lanjut; boleh kosong",
    "pihak_terkait": "Pihak yang diharapkan membantu (Form E); boleh kosong",
    "kategori_kendala": "Kategori kendala dari daftar admin (mis. Pengadaan/lelang); boleh kosong",
    "alasan_koreksi": "Wajib bila angka kumulatif lebih rendah dari bulan sebelumnya",
}
