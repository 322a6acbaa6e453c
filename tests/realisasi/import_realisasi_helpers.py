"""Plain helpers of the import_realisasi command's tests (tests/realisasi/test_import_realisasi.py,
and the free-text limits of tests/security/test_free_text.py): the OPD file's header, a file
written as CSV or XLSX, and the command run for 2025."""

from io import StringIO

from django.core.management import call_command

from realisasi.importers.template_files import csv_bytes, xlsx_bytes

HEADER = [
    "kode_opd",
    "kode_sub_kegiatan",
    "sumber_dana",
    "bulan",
    "realisasi_keuangan",
    "realisasi_fisik",
    "kendala",
    "solusi",
]


def write(tmp_path, name, rows, **kwargs):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows, **kwargs))
    return path


def run(path, *args):
    out = StringIO()
    call_command(
        "import_realisasi", str(path), "--year", "2025", *args, stdout=out, stderr=StringIO()
    )
    return out.getvalue()
