"""Template files for each import (header row and one example row), and writers tests reuse.

The xlsx template is complete in itself: its "Petunjuk" sheet lists every column (required or
not, its format, the example value) and the rules of every import, so that nobody needs this
repository's documentation. Code columns (kode_*, nip, username) are formatted as Text: Excel
would otherwise read `1.02.01` as a date and an 18-digit NIP as a rounded number.
"""

import csv
import io

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

TEXT = "@"  # Excel's number format "Text"
CODE_COLUMNS = {
    "kode_opd",
    "kode_sub_kegiatan",
    "kode_kegiatan",
    "kode_program",
    "kode",
    "nip",
    "username",
}


def xlsx_bytes(
    rows: list[list], *, notes: list[list] | None = None, text_columns: set | None = None
) -> bytes:
    """An .xlsx whose first sheet holds `rows` (the first is the header); the columns whose
    header is in `text_columns` are formatted as Text, their cells and the column itself (so
    that rows typed later are Text too)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook opens on one plain worksheet
    sheet.title = "Data"
    for row in rows:
        sheet.append(row)
    for column_number, cell in enumerate(sheet[1], start=1):
        cell.font = Font(bold=True)
        if text_columns and cell.value in text_columns:
            sheet.column_dimensions[get_column_letter(column_number)].number_format = TEXT
            for (data_cell,) in sheet.iter_rows(
                min_row=2, min_col=column_number, max_col=column_number
            ):
                data_cell.number_format = TEXT
                if data_cell.value is not None:
                    data_cell.value = str(data_cell.value)
    for column_number, column in enumerate(sheet.columns, start=1):
        sheet.column_dimensions[get_column_letter(column_number)].width = max(
            12, min(50, max(len(str(cell.value or "")) for cell in column) + 2)
        )
    if notes:
        guide = workbook.create_sheet("Petunjuk")
        for row in notes:
            guide.append(row)
        for cell in guide[1]:
            cell.font = Font(bold=True)
        guide.column_dimensions["A"].width = 24
        guide.column_dimensions["B"].width = 8
        guide.column_dimensions["C"].width = 80
        guide.column_dimensions["D"].width = 30
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
    rows = [["kolom", "wajib", "isi dan format", "contoh"]]
    for column in importer.columns():
        example = importer.example.get(column, "")
        rows.append(
            [
                column,
                "ya" if column in importer.required else "tidak",
                DESCRIPTIONS.get(column, ""),
                str(example),
            ]
        )
    rows.append([])
    rows.append(["Aturan", "", "", ""])
    rows.extend(["", "", rule, ""] for rule in RULES + EXTRA_RULES.get(jenis, []))
    return rows


def template_xlsx(jenis: str) -> bytes:
    return xlsx_bytes(_rows(jenis), notes=_guide(jenis), text_columns=CODE_COLUMNS)


def template_csv(jenis: str) -> bytes:
    return csv_bytes(_rows(jenis))


RULES = [
    "Baris pertama lembar 'Data' adalah judul kolom; huruf besar/kecil dan spasi diabaikan "
    "(Kode OPD = kode_opd). Urutan kolom bebas; kolom yang tidak wajib boleh dihapus.",
    "Hanya lembar pertama yang dibaca. Isi nilai, bukan rumus: salin lalu tempel sebagai nilai.",
    "Kolom kode (kode_opd, kode_sub_kegiatan, nip, username) berformat Teks: ketik apa adanya, "
    "mis. 1.02.02.2.01.0001.",
    "Rupiah: 1500000, 1.500.000, 1.500.000,50 atau Rp 1.500.000. Persen: 84,8 atau 84.8 "
    "(0 sampai 100).",
    "Semua baris diperiksa lebih dulu: bila ada satu baris salah, tidak ada yang disimpan dan "
    "setiap masalah disebut dengan nomor baris dan kolomnya. Mengimpor file yang sama dua kali "
    "tidak mengubah apa pun.",
    "File .xlsx atau .csv (pemisah ; atau ,; UTF-8). Baris kosong dilewati. Baris 2 lembar "
    "'Data' adalah contoh: ganti atau hapus sebelum mengunggah.",
]
EXTRA_RULES = {
    "apbd": [
        "Satu baris per sub kegiatan per OPD per sumber dana. Pagu masuk ke tahap yang dipilih "
        "saat mengunggah (murni, pergeseran, perubahan); tahap lain tidak berubah.",
        "OPD, program, kegiatan, sub kegiatan dan sumber dana yang belum ada dibuat otomatis.",
        "File ekspor SIPD (kode_skpd, nama_skpd, kode_sub_unit, pagu_indikatif, ...) boleh "
        "diunggah apa adanya dengan memilih pemetaan SIPD.",
    ],
    "target": [
        "Target kumulatif s.d. akhir bulan. Bila hanya akhir triwulan (3, 6, 9, 12) yang diisi, "
        "bulan di antaranya diisi dengan interpolasi linear.",
    ],
    "realisasi": [
        "Realisasi kumulatif s.d. akhir bulan. Untuk sumber SP2D hanya realisasi keuangan yang "
        "diambil.",
    ],
    "indikator": [
        "Satu baris per indikator. Kolom kode berisi kode program (indikator hasil), kegiatan "
        "atau sub kegiatan (indikator keluaran) yang dijalankan OPD pada tahun itu.",
        "Target triwulan kumulatif: jumlah pada triwulan itu saja (TW I-IV berjumlah target "
        "tahunan); tingkat: nilai pada akhir triwulan (mis. cakupan %).",
        "Baris dengan OPD, kode dan nomor yang sudah ada memperbarui indikator itu.",
    ],
    "indikator_realisasi": [
        "Satu baris per indikator per triwulan. Indikator harus sudah diimpor; triwulan yang "
        "laporannya sudah diverifikasi tidak dapat diubah.",
    ],
    "pengguna": [
        "Akun baru mendapat kata sandi sekali pakai yang ditampilkan sekali kepada admin; "
        "pemiliknya wajib menggantinya saat pertama masuk.",
        "Impor ulang memperbarui nama, peran, OPD dan data lain tanpa mengubah kata sandi. Akun "
        "yang tidak ada di file tidak berubah; akun dinonaktifkan hanya dengan aktif = tidak.",
        "Akun admin tidak dibuat lewat impor (gunakan createsuperuser atau halaman Admin).",
    ],
}

DESCRIPTIONS = {
    "kode_opd": "Kode OPD, mis. 1.02.0.00.0.00.01.0000 (pengguna: wajib untuk operator dan "
    "pengelola)",
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
    "indikator_keluaran": "Indikator keluaran (output) sub kegiatan; boleh kosong",
    "target_keluaran": "Target keluaran: angka (1200 atau 12,5); boleh kosong",
    "satuan_keluaran": "Satuan target keluaran, mis. orang, dokumen, km; boleh kosong",
    "username": "Nama pengguna untuk masuk: huruf, angka dan @ . + - _ tanpa spasi",
    "nama": "Nama lengkap",
    "peran": "operator, pengelola, verifikator atau pimpinan",
    "nip": "NIP 18 angka; boleh kosong",
    "email": "Alamat e-mail; boleh kosong",
    "jabatan": "Jabatan; boleh kosong",
    "aktif": "ya atau tidak; kosong: akun baru aktif, akun lama tetap",
    "kategori_kendala": "Kategori kendala dari daftar admin (mis. Pengadaan/lelang); boleh kosong",
    "alasan_koreksi": "Wajib bila angka kumulatif lebih rendah dari bulan sebelumnya",
    "kode": "Kode program (1.02.02), kegiatan (1.02.02.2.01) atau sub kegiatan "
    "(1.02.02.2.01.0001) tempat indikator",
    "nomor": "Urutan indikator pada kode itu (1, 2, ...); kosong: menurut urutan file",
    "indikator": "Rumusan indikator, mis. Prevalensi stunting",
    "satuan": "Satuan, mis. %, orang, dokumen",
    "target_tahun": "Target tahunan: angka (1.058 atau 21,5)",
    "polaritas": "positif (makin tinggi makin baik) atau negatif (makin rendah makin baik); "
    "kosong: positif",
    "sifat": "kumulatif (triwulan dijumlahkan) atau tingkat (triwulan terakhir berlaku); "
    "kosong: kumulatif",
    "target_tw1": "Target triwulan I (angka); boleh kosong",
    "target_tw2": "Target triwulan II (angka); boleh kosong",
    "target_tw3": "Target triwulan III (angka); boleh kosong",
    "target_tw4": "Target triwulan IV (angka); boleh kosong",
    "prioritas": "ya bila indikator hasil prioritas daerah; kosong: tidak",
    "triwulan": "Triwulan 1-4 (atau I-IV)",
    "realisasi": "Realisasi indikator pada triwulan itu (angka)",
    "faktor_pendorong": "Faktor pendorong; boleh kosong",
    "faktor_penghambat": "Faktor penghambat; boleh kosong",
    "tindak_lanjut": "Tindak lanjut; boleh kosong",
}
