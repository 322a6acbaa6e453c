"""import_realisasi: OPD figures and BPKAD's SP2D export, locked months, audit trail."""

from decimal import Decimal

import pytest
from django.core.management import CommandError

from realisasi.choices import StatusLaporan, SumberPerubahan, SumberRealisasi
from realisasi.models import AuditEvent, ImportRecord, Realisasi
from tests.factories import (
    BudgetLineFactory,
    MonthlyReportFactory,
    OpdFactory,
    RealisasiFactory,
    SubKegiatanFactory,
    UserFactory,
)
from tests.realisasi.import_realisasi_helpers import HEADER, run, write

pytestmark = pytest.mark.django_db

SP2D_HEADER = ["kode_opd", "kode_sub_kegiatan", "bulan", "realisasi_keuangan"]


@pytest.fixture
def lines(year):
    opd = OpdFactory(kode="1.02")
    return [
        BudgetLineFactory(
            fiscal_year=year, opd=opd, sub_kegiatan=SubKegiatanFactory(kode=kode), pagu=1_000_000
        )
        for kode in ("1.02.02.2.01.0001", "1.02.02.2.01.0002")
    ]


ROWS = [
    ["1.02", "1.02.02.2.01.0001", "DAU", 3, "250.000", "30,5", "Hujan", "Lembur"],
    ["1.02", "1.02.02.2.01.0002", "DAU", 3, "100.000,50", "10", "", ""],
]


def test_opd_figures_are_stored_with_their_source_and_audited(tmp_path, lines):
    run(write(tmp_path, "r.csv", [HEADER, *ROWS], delimiter=";"), "--user", "imp")
    first = Realisasi.objects.get(line=lines[0], bulan=3)
    assert (first.realisasi_keuangan, first.realisasi_fisik, first.kendala, first.solusi) == (
        Decimal("250000"),
        Decimal("30.5"),
        "Hujan",
        "Lembur",
    )
    assert first.sumber == SumberRealisasi.OPD
    # 250.000 + 100.000,50 = 350.000,50
    assert sum(Realisasi.objects.values_list("realisasi_keuangan", flat=True)) == Decimal(
        "350000.50"
    )
    record = ImportRecord.objects.get()
    events = AuditEvent.objects.filter(import_record=record)
    assert {e.sumber for e in events} == {SumberPerubahan.IMPOR}
    # new rows: line 1 keuangan, fisik, kendala, solusi; line 2 keuangan, fisik
    assert events.count() == 6
    event = events.get(line=lines[0], field="realisasi_keuangan")
    assert (event.old_value, event.new_value, event.bulan, event.tahun) == ("", "250000", 3, 2025)
    assert event.opd == lines[0].opd and event.user.username == "imp"


@pytest.fixture(autouse=True)
def importer_user(db):
    return UserFactory(username="imp", role="verifikator", opd=None)


def test_xlsx_reimport_is_unchanged_and_a_change_is_audited(tmp_path, lines):
    path = write(tmp_path, "r.xlsx", [HEADER, *ROWS])
    run(path)
    events_before = AuditEvent.objects.count()
    out = run(path)
    assert "tetap 2" in out and Realisasi.objects.count() == 2
    assert AuditEvent.objects.count() == events_before

    rows = [row[:] for row in ROWS]
    rows[1][4] = 150_000
    run(write(tmp_path, "r2.xlsx", [HEADER, *rows]))
    event = AuditEvent.objects.order_by("pk").last()
    assert (event.field, event.old_value, event.new_value) == (
        "realisasi_keuangan",
        "100000.50",
        "150000",
    )
    record = ImportRecord.objects.order_by("pk").last()
    assert (record.rows_changed, record.rows_unchanged) == (1, 1)


def test_sp2d_keeps_fisik_and_kendala_of_an_existing_row(tmp_path, lines):
    RealisasiFactory(
        line=lines[0], bulan=3, realisasi_keuangan=200_000, realisasi_fisik=40, kendala="Hujan"
    )
    rows = [SP2D_HEADER, ["1.02", "1.02.02.2.01.0001", 3, "Rp 260.000"]]
    run(write(tmp_path, "sp2d.csv", rows, delimiter=","), "--sumber", "sp2d")
    row = Realisasi.objects.get(line=lines[0], bulan=3)
    assert (row.realisasi_keuangan, row.realisasi_fisik, row.kendala, row.sumber) == (
        Decimal("260000"),
        Decimal("40"),
        "Hujan",
        SumberRealisasi.SP2D,
    )
    fields = set(AuditEvent.objects.values_list("field", flat=True))
    assert fields == {"realisasi_keuangan", "sumber"}


def test_sp2d_new_row_carries_fisik_forward(tmp_path, lines):
    RealisasiFactory(line=lines[0], bulan=2, realisasi_keuangan=100_000, realisasi_fisik=35)
    RealisasiFactory(line=lines[0], bulan=5, realisasi_keuangan=300_000, realisasi_fisik=60)
    rows = [
        SP2D_HEADER,
        ["1.02", "1.02.02.2.01.0001", 4, 250_000],  # latest earlier month is February: 35 %
        ["1.02", "1.02.02.2.01.0002", 4, 90_000],  # never reported: 0 %
    ]
    run(write(tmp_path, "sp2d.xlsx", rows), "--sumber", "sp2d")
    assert Realisasi.objects.get(line=lines[0], bulan=4).realisasi_fisik == Decimal("35")
    assert Realisasi.objects.get(line=lines[1], bulan=4).realisasi_fisik == Decimal("0")


def test_a_verified_month_is_refused_and_nothing_is_written(tmp_path, lines, year):
    MonthlyReportFactory(
        opd=lines[0].opd, fiscal_year=year, bulan=3, status=StatusLaporan.TERVERIFIKASI
    )
    rows = [HEADER, ["1.02", "1.02.02.2.01.0001", "DAU", 2, 1, 1, "", ""], *ROWS]
    with pytest.raises(CommandError) as info:
        run(write(tmp_path, "r.csv", rows))
    message = str(info.value)
    assert "Baris 3, kolom bulan: laporan OPD 1.02 bulan 3 sudah terverifikasi" in message
    assert "Baris 4, kolom bulan: laporan OPD 1.02 bulan 3" in message
    assert not Realisasi.objects.exists() and not AuditEvent.objects.exists()


def test_bad_rows_are_all_reported(tmp_path, lines):
    rows = [
        HEADER,
        ["1.02", "1.02.02.2.01.0001", "DAU", 3, "abc", "30", "", ""],
        ["1.02", "1.02.02.2.01.0002", "DAU", 3, "1000", "", "", ""],
        ["1.02", "1.02.02.2.01.0002", "DAU", 4, "1000", "120", "", ""],
        ["1.99", "1.02.02.2.01.0002", "DAU", 4, "1000", "12", "", ""],
    ]
    with pytest.raises(CommandError) as info:
        run(write(tmp_path, "r.csv", rows))
    message = str(info.value)
    assert "Baris 2, kolom realisasi_keuangan: 'abc' bukan angka Rupiah" in message
    assert "Baris 3, kolom realisasi_fisik: wajib diisi." in message
    # The form's rule and message (realisasi/workflow.py), the same in every door.
    assert (
        "Baris 4, kolom realisasi_fisik: Realisasi fisik harus antara 0 dan 100 persen." in message
    )
    assert "Baris 5, kolom kode_sub_kegiatan: baris anggaran OPD 1.99" in message
    assert not Realisasi.objects.exists()


def test_opd_source_needs_the_fisik_column(tmp_path, lines):
    with pytest.raises(CommandError, match="realisasi_fisik"):
        run(write(tmp_path, "r.csv", [SP2D_HEADER, ["1.02", "1.02.02.2.01.0001", 3, 1]]))


def test_a_report_page_opened_before_an_import_is_stale_after_it(tmp_path, lines, year):
    from realisasi.workflow import StaleReport, save_report

    report = MonthlyReportFactory(opd=lines[0].opd, fiscal_year=year, bulan=3)
    opened_version = report.version
    run(write(tmp_path, "r.csv", [HEADER, *ROWS]))
    report.refresh_from_db()
    assert report.version == opened_version + 1
    operator = UserFactory(role="operator", opd=lines[0].opd)
    # The operator's page still carries the version from before the import: refused, so the
    # imported 250.000 is not overwritten.
    with pytest.raises(StaleReport):
        save_report(operator, lines[0].opd, year, 3, [], opened_version)
    assert Realisasi.objects.get(line=lines[0], bulan=3).realisasi_keuangan == Decimal("250000")
