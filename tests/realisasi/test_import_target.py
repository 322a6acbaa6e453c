"""import_target: cumulative monthly targets, quarter-end interpolation."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from realisasi.importers.target import fill_months
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import ImportRecord, Target
from tests.factories import BudgetLineFactory, OpdFactory, SubKegiatanFactory, SumberDanaFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "kode_opd",
    "kode_sub_kegiatan",
    "sumber_dana",
    "bulan",
    "target_keuangan",
    "target_fisik",
]


@pytest.fixture
def line(year):
    return BudgetLineFactory(
        fiscal_year=year,
        opd=OpdFactory(kode="1.02"),
        sub_kegiatan=SubKegiatanFactory(kode="1.02.02.2.01.0001"),
        pagu=1_200_000,
    )


def write(tmp_path, name, rows, **kwargs):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows, **kwargs))
    return path


def run(path):
    out = StringIO()
    call_command("import_target", str(path), "--year", "2025", stdout=out, stderr=StringIO())
    return out.getvalue()


def quarter_rows(kode_opd="1.02", sumber="DAU"):
    return [
        [kode_opd, "1.02.02.2.01.0001", sumber, month, 300_000 * q, 25 * q]
        for q, month in enumerate((3, 6, 9, 12), start=1)
    ]


def targets(line):
    return {
        t.bulan: (t.target_keuangan, t.target_fisik, t.interpolated)
        for t in Target.objects.filter(line=line)
    }


def test_quarter_end_targets_are_interpolated_for_the_months_between(tmp_path, line):
    out = run(write(tmp_path, "target.xlsx", [HEADER, *quarter_rows()]))

    stored = targets(line)
    assert sorted(stored) == list(range(1, 13))
    # month 1: 25 × 1/3 = 8,333.. → 8,33 %; 300.000 × 1/3 = 100.000
    assert stored[1] == (Decimal("100000"), Decimal("8.33"), True)
    # month 2: 25 × 2/3 = 16,666.. → 16,67 %
    assert stored[2] == (Decimal("200000"), Decimal("16.67"), True)
    assert stored[3] == (Decimal("300000"), Decimal("25"), False)
    # month 4: 25 + (50 − 25) × 1/3 = 33,333.. → 33,33 %; 300.000 + 300.000/3 = 400.000
    assert stored[4] == (Decimal("400000"), Decimal("33.33"), True)
    assert stored[12] == (Decimal("1200000"), Decimal("100"), False)
    assert "8 target bulanan diisi dengan interpolasi" in out
    record = ImportRecord.objects.get()
    assert (record.rows_total, record.rows_added) == (4, 4)


def test_any_missing_month_is_interpolated_between_its_neighbours():
    filled = fill_months({2: (Decimal("100"), Decimal("10")), 5: (Decimal("400"), Decimal("40"))})
    # month 1: 0 + 100 × 1/2 = 50; month 3: 100 + 300 × 1/3 = 200; month 4: 100 + 300 × 2/3 = 300
    assert filled[1] == (Decimal("50.00"), Decimal("5.00"), True)
    assert filled[3] == (Decimal("200.00"), Decimal("20.00"), True)
    assert filled[4] == (Decimal("300.00"), Decimal("30.00"), True)
    assert filled[5] == (Decimal("400"), Decimal("40"), False)
    assert 6 not in filled  # nothing after the last given month


def test_semicolon_csv_with_indonesian_numbers_and_empty_sumber(tmp_path, line):
    rows = [HEADER, ["1.02", "1.02.02.2.01.0001", "", "1", "100.000", "8,5"]]
    run(write(tmp_path, "t.csv", rows, delimiter=";"))
    assert targets(line) == {1: (Decimal("100000"), Decimal("8.5"), False)}


def test_reimport_is_unchanged_and_a_changed_month_is_updated(tmp_path, line):
    path = write(tmp_path, "t.csv", [HEADER, *quarter_rows()], delimiter=",")
    run(path)
    out = run(path)
    assert Target.objects.count() == 12
    assert "tetap 4" in out
    second = ImportRecord.objects.order_by("pk").last()
    assert (second.rows_added, second.rows_changed, second.rows_unchanged) == (0, 0, 4)

    rows = quarter_rows()
    rows[0][5] = 30  # March: 30 % instead of 25 %
    run(write(tmp_path, "t2.csv", [HEADER, *rows]))
    stored = targets(line)
    # month 1 now 30 × 1/3 = 10 %; month 4: 30 + (50 − 30) × 1/3 = 36,666.. → 36,67 %
    assert stored[1][1] == Decimal("10") and stored[4][1] == Decimal("36.67")
    third = ImportRecord.objects.order_by("pk").last()
    assert (third.rows_changed, third.rows_unchanged) == (1, 3)


def test_ambiguous_sumber_and_unknown_lines_are_row_errors(tmp_path, line, year):
    BudgetLineFactory(
        fiscal_year=year,
        opd=line.opd,
        sub_kegiatan=line.sub_kegiatan,
        sumber_dana=SumberDanaFactory(nama="PAD", kelompok="pad"),
    )
    rows = [
        HEADER,
        ["1.02", "1.02.02.2.01.0001", "", 3, 1, 1],
        ["1.02", "9.99.99.9.99.9999", "DAU", 3, 1, 1],
        ["1.02", "1.02.02.2.01.0001", "DAU", 13, 1, 101],
        ["1.02", "1.02.02.2.01.0001", "dau", 6, -1, 10],
        ["1.02", "1.02.02.2.01.0001", "DAU", 6, 1, 10],
    ]
    with pytest.raises(CommandError) as info:
        run(write(tmp_path, "t.xlsx", rows))
    message = str(info.value)
    assert "Baris 2, kolom sumber_dana: wajib diisi: OPD 1.02 menjalankan sub kegiatan" in message
    assert "(DAU, PAD)" in message
    assert (
        "Baris 3, kolom kode_sub_kegiatan: baris anggaran OPD 1.02, sub kegiatan "
        "9.99.99.9.99.9999, sumber dana DAU tidak ada pada APBD 2025." in message
    )
    assert "Baris 4, kolom bulan: bulan harus antara 1 dan 12" in message
    assert "Baris 4, kolom target_fisik: harus antara 0 dan 100" in message
    assert "Baris 5, kolom target_keuangan: tidak boleh negatif" in message
    assert not Target.objects.exists() and not ImportRecord.objects.exists()


def test_duplicate_month_of_a_line_is_refused(tmp_path, line):
    rows = [HEADER, *quarter_rows(), quarter_rows()[0]]
    with pytest.raises(CommandError, match="Baris 6, kolom bulan: duplikat"):
        run(write(tmp_path, "t.csv", rows))


def test_year_without_apbd_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match="Tahun anggaran 2025 belum ada"):
        run(write(tmp_path, "t.csv", [HEADER, *quarter_rows()]))
