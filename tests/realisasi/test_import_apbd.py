"""import_apbd: budget lines and pagu per stage from xlsx / csv."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from opd.choices import JenisOpd, Role
from opd.models import Opd
from realisasi.choices import JenisImpor, JenisTahap, KelompokDana
from realisasi.importers.apbd import guess_kelompok
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import (
    ApbdStage,
    AuditEvent,
    BudgetLine,
    FiscalYear,
    ImportRecord,
    Kegiatan,
    Pagu,
    Program,
    SubKegiatan,
    SumberDana,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "kode_opd",
    "nama_opd",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "sumber_dana",
    "pagu",
    "pptk",
    "lokasi",
]
ROWS = [
    [
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "1.02.02.2.01.0001",
        "Ibu Hamil",
        "DAU",
        1_500_000,
        "",
        "Kabupaten",
    ],
    [
        "1.02.0.00.0.00.01.0000",
        "Dinas Kesehatan",
        "1.02.02.2.01.0002",
        "Ibu Bersalin",
        "DAK Fisik Bidang Kesehatan",
        2_000_000,
        "",
        "",
    ],
    [
        "7.01.0.00.0.00.03.0000",
        "Kecamatan Wanadadi",
        "1.02.02.2.01.0001",
        "Ibu Hamil",
        "DAU",
        500_000,
        "",
        "Wanadadi",
    ],
]


def write(tmp_path, name, rows, **kwargs):
    path = tmp_path / name
    if name.endswith(".xlsx"):
        path.write_bytes(xlsx_bytes(rows))
    else:
        path.write_bytes(csv_bytes(rows, **kwargs))
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_apbd", str(path), "--year", "2025", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def pagu_total(stage="murni"):
    return sum(Pagu.objects.filter(stage__kode=stage).values_list("pagu", flat=True))


def test_xlsx_creates_year_stage_lines_and_the_nomenclature(tmp_path):
    out, err = run(write(tmp_path, "apbd.xlsx", [HEADER, *ROWS]))

    year = FiscalYear.objects.get(tahun=2025)
    stage = year.stages.get()
    assert (stage.kode, stage.jenis, stage.berlaku_mulai) == ("murni", JenisTahap.MURNI, 1)
    assert BudgetLine.objects.filter(fiscal_year=year).count() == 3
    # 1.500.000 + 2.000.000 + 500.000 = 4.000.000
    assert pagu_total() == Decimal("4000000")
    # kegiatan and program codes derived from the nesting of the sub-kegiatan code
    assert SubKegiatan.objects.get(kode="1.02.02.2.01.0001").kegiatan.kode == "1.02.02.2.01"
    assert Kegiatan.objects.get(kode="1.02.02.2.01").program.kode == "1.02.02"
    assert Program.objects.count() == 1
    assert Opd.objects.get(kode="7.01.0.00.0.00.03.0000").jenis == JenisOpd.KECAMATAN
    assert SumberDana.objects.get(nama="DAK Fisik Bidang Kesehatan").kelompok == (
        KelompokDana.DAK_FISIK
    )
    record = ImportRecord.objects.get()
    assert (record.jenis, record.nama_file, record.rows_total, record.rows_added) == (
        JenisImpor.APBD,
        "apbd.xlsx",
        3,
        3,
    )
    assert len(record.checksum) == 64
    assert "ditambah 3" in out
    assert "Memeriksa: 3/3" in err


def test_comma_csv_with_plain_numbers(tmp_path):
    rows = [HEADER, *[[*row[:5], "984959704911.50", *row[6:]] for row in ROWS[:1]]]
    run(write(tmp_path, "apbd.csv", rows, delimiter=",", bom=False))
    assert Pagu.objects.get().pagu == Decimal("984959704911.50")


def test_semicolon_csv_with_indonesian_numbers_and_spreadsheet_headers(tmp_path):
    header = [
        "Kode OPD",
        "Nama OPD",
        "Kode Sub Kegiatan",
        "Nama Sub Kegiatan",
        "Sumber Dana",
        "PAGU",
    ]
    rows = [
        header,
        ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "Rp 1.500.000"],
        ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0002", "Ibu Bersalin", "PAD", "984.959.704.911"],
        ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0003", "Gizi", "PAD", "2.500,75"],
    ]
    path = write(tmp_path, "apbd.csv", rows, delimiter=";")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's UTF-8 BOM
    run(path)
    # 1.500.000 + 984.959.704.911 + 2.500,75 = 984.961.207.411,75
    assert pagu_total() == Decimal("984961207411.75")


def test_a_bad_file_reports_every_bad_row_and_writes_nothing(tmp_path):
    UserFactory(username="pptk1", role=Role.PENGELOLA)  # of another OPD
    rows = [
        HEADER,
        ROWS[0],
        [
            "1.02.0.00.0.00.01.0000",
            "Dinas Kesehatan",
            "1.02.02.2.01.0009",
            "X",
            "DAU",
            "12x",
            "",
            "",
        ],
        ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "1.02.02.2.01.0010", "", "DAU", "-5", "", ""],
        ROWS[0],  # duplicate key of row 2
        ["7.01", "Kecamatan", "1.02.02.2.01.0011", "Y", "PAD", "1000", "tidakada", ""],
        ["7.01", "Kecamatan", "1.02.02.2.01.0012", "Y", "PAD", "1000", "pptk1", ""],
        ["7.01", "Kecamatan", "12", "Z", "PAD", "1000", "", ""],
    ]
    with pytest.raises(CommandError) as info:
        run(write(tmp_path, "apbd.xlsx", rows))

    message = str(info.value)
    assert "Baris 3, kolom pagu: '12x' bukan angka Rupiah" in message
    assert "Baris 4, kolom nama_sub_kegiatan: wajib diisi." in message
    assert "Baris 4, kolom pagu: tidak boleh negatif" in message
    assert "Baris 5, kolom kode_sub_kegiatan: duplikat" in message and "baris 2" in message
    assert "Baris 6, kolom pptk: pengguna 'tidakada' tidak ada." in message
    assert "Baris 7, kolom pptk: pengguna 'pptk1' terdaftar pada OPD" in message
    assert "Baris 8, kolom kode_kegiatan: tidak dapat diturunkan" in message
    assert "7 masalah" in message
    assert not FiscalYear.objects.exists()
    assert not BudgetLine.objects.exists() and not ImportRecord.objects.exists()
    assert not Opd.objects.filter(kode="7.01").exists()


def test_missing_and_unknown_columns_are_named(tmp_path):
    rows = [["kode_opd", "nama_opd", "kode_sub_kegiatan", "pagu", "catatan"], ["1", "A", "B", "1"]]
    with pytest.raises(CommandError) as info:
        run(write(tmp_path, "apbd.csv", rows))
    assert "kolom wajib tidak ada: nama_sub_kegiatan, sumber_dana" in str(info.value)
    assert "kolom tidak dikenal: catatan" in str(info.value)


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write(tmp_path, "apbd.xlsx", [HEADER, *ROWS])
    run(path)
    lines_before = list(BudgetLine.objects.values_list("pk", flat=True).order_by("pk"))

    out, _err = run(path)

    assert list(BudgetLine.objects.values_list("pk", flat=True).order_by("pk")) == lines_before
    assert Pagu.objects.count() == 3 and pagu_total() == Decimal("4000000")
    assert Opd.objects.count() == 2 and SumberDana.objects.count() == 2
    second = ImportRecord.objects.order_by("pk").last()
    assert (second.rows_total, second.rows_added, second.rows_changed, second.rows_unchanged) == (
        3,
        0,
        0,
        3,
    )
    assert "tetap 3" in out
    assert not AuditEvent.objects.exists()


def test_a_changed_file_updates_what_changed_and_records_the_pagu_change(tmp_path):
    run(write(tmp_path, "apbd.xlsx", [HEADER, *ROWS]))
    changed = [row[:] for row in ROWS]
    changed[1][5] = 2_250_000
    changed[2][1] = "Kecamatan Wanadadi Baru"
    run(write(tmp_path, "apbd2.xlsx", [HEADER, *changed]))

    # 1.500.000 + 2.250.000 + 500.000 = 4.250.000
    assert pagu_total() == Decimal("4250000")
    assert Opd.objects.get(kode="7.01.0.00.0.00.03.0000").nama == "Kecamatan Wanadadi Baru"
    record = ImportRecord.objects.order_by("pk").last()
    assert (record.rows_changed, record.rows_unchanged) == (1, 2)
    event = AuditEvent.objects.get()
    assert (event.field, event.old_value, event.new_value) == ("pagu (murni)", "2000000", "2250000")
    assert event.import_record == record and event.sumber == "impor"


def test_perubahan_adds_its_own_pagu_and_keeps_murni(tmp_path):
    run(write(tmp_path, "murni.xlsx", [HEADER, *ROWS]))
    revised = [row[:] for row in ROWS]
    revised[0][5] = 1_200_000
    out, _err = run(write(tmp_path, "perubahan.xlsx", [HEADER, *revised]), "--stage", "perubahan")

    assert pagu_total("murni") == Decimal("4000000")
    # 1.200.000 + 2.000.000 + 500.000 = 3.700.000
    assert pagu_total("perubahan") == Decimal("3700000")
    stage = ApbdStage.objects.get(kode="perubahan")
    assert (stage.jenis, stage.berlaku_mulai) == (JenisTahap.PERUBAHAN, 9)
    lines = BudgetLine.objects.for_year(2025)
    assert lines.totals(8)["pagu"] == Decimal("4000000")  # murni in force until August
    assert lines.totals(9)["pagu"] == Decimal("3700000")
    assert "ditambah 3" in out  # a new pagu row for each line at this stage


def test_pergeseran_needs_its_month_and_gets_it_from_the_option(tmp_path):
    path = write(tmp_path, "geser.csv", [HEADER, *ROWS])
    with pytest.raises(CommandError, match="memerlukan bulan berlaku mulai"):
        run(path, "--stage", "pergeseran-1")
    run(path, "--stage", "pergeseran-1", "--berlaku-mulai", "5")
    stage = ApbdStage.objects.get(kode="pergeseran-1")
    assert (stage.jenis, stage.berlaku_mulai) == (JenisTahap.PERGESERAN, 5)


def test_unknown_stage_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Tahap 'revisi' tidak dikenal"):
        run(write(tmp_path, "a.csv", [HEADER, *ROWS]), "--stage", "revisi")


def test_pptk_username_is_linked_and_an_empty_cell_keeps_it(tmp_path):
    opd = Opd.objects.create(kode="1.02.0.00.0.00.01.0000", nama="Dinas Kesehatan")
    pptk = UserFactory(username="siti", role=Role.PENGELOLA, opd=opd)
    rows = [row[:] for row in ROWS[:1]]
    rows[0][6] = "siti"
    run(write(tmp_path, "a.xlsx", [HEADER, *rows]))
    assert BudgetLine.objects.get().pptk == pptk
    run(write(tmp_path, "b.xlsx", [HEADER, *ROWS[:1]]))
    assert BudgetLine.objects.get().pptk == pptk


def test_same_code_with_two_names_is_refused(tmp_path):
    rows = [row[:] for row in ROWS]
    rows[1][1] = "Dinas Kesehatan dan KB"
    with pytest.raises(CommandError) as info:
        run(write(tmp_path, "a.csv", [HEADER, *rows]))
    assert "Baris 3, kolom nama_opd" in str(info.value) and "baris 2" in str(info.value)


def test_given_kegiatan_code_must_be_the_parent(tmp_path):
    header = [*HEADER, "kode_kegiatan", "nama_kegiatan"]
    rows = [[*ROWS[0], "1.02.02.2.02", "Lain"]]
    with pytest.raises(CommandError, match="kode_kegiatan: '1.02.02.2.02' bukan induk"):
        run(write(tmp_path, "a.csv", [header, *rows]))


def test_progress_every_5000_rows_on_stderr(tmp_path):
    rows = [
        ["1.02", "Dinas", f"1.02.02.2.01.{n:04d}", f"Sub {n}", "DAU", 1000, "", ""]
        for n in range(1, 5002)
    ]
    _out, err = run(write(tmp_path, "big.csv", [HEADER, *rows]))
    assert "Memeriksa: 5000/5001" in err and "Menyimpan: 5001/5001" in err
    # 5.001 lines × 1.000 = 5.001.000
    assert pagu_total() == Decimal("5001000")


@pytest.mark.parametrize(
    ("nama", "kelompok"),
    [
        ("DAK Fisik Bidang Jalan", KelompokDana.DAK_FISIK),
        ("DAK Non Fisik BOK", KelompokDana.DAK_NON_FISIK),
        ("DAK Non-Fisik", KelompokDana.DAK_NON_FISIK),
        ("Bankeu Provinsi", KelompokDana.BANKEU),
        ("Bantuan Keuangan Provinsi Jawa Tengah", KelompokDana.BANKEU),
        ("BOS", KelompokDana.BOS_BLUD),
        ("BLUD RSUD", KelompokDana.BOS_BLUD),
        ("PAD", KelompokDana.PAD),
        ("DAU", KelompokDana.DAU),
        ("DAU Earmark", KelompokDana.DAU),
        ("DBH Cukai Hasil Tembakau", KelompokDana.DBH),
        ("DID", KelompokDana.DID),
        ("Hibah", KelompokDana.LAINNYA),
    ],
)
def test_sumber_dana_group_is_guessed_from_its_name(nama, kelompok):
    assert guess_kelompok(nama) == kelompok
