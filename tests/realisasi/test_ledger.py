"""The ledger of budget line × month: its rows by hand, its sums against the history, and
check_ledger after random writes through every door (hypothesis)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realisasi import ledger, workflow
from realisasi.choices import KelompokDana, SumberRealisasi
from realisasi.importers import ImportRejected, run_import
from realisasi.importers.template_files import csv_bytes
from realisasi.ledger_check import differences, reference, total_differences
from realisasi.models import (
    ApbdStage,
    BudgetLine,
    Ledger,
    LedgerTotal,
    MonthlyReport,
    Pagu,
    Realisasi,
    Target,
)
from realisasi.querysets import MONTHLY_KEYS
from realisasi.workflow import LineEntry, WorkflowError
from tests.factories import (
    ApbdStageFactory,
    BudgetLineFactory,
    OpdFactory,
    RealisasiFactory,
    SubKegiatanFactory,
    SumberDanaFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(year):
    """Pagu 600.000 (murni), 900.000 from the perubahan of September; targets at June and
    October; realization reported in March (SP2D) and August (OPD)."""
    line = BudgetLineFactory(fiscal_year=year, pagu=600_000)
    Pagu.objects.create(
        line=line, stage=ApbdStageFactory(fiscal_year=year, berlaku_mulai=9), pagu=900_000
    )
    TargetFactory(line=line, bulan=6, target_keuangan=300_000, target_fisik=40)
    TargetFactory(line=line, bulan=10, target_keuangan=800_000, target_fisik=80)
    RealisasiFactory(
        line=line,
        bulan=3,
        realisasi_keuangan=100_000,
        realisasi_fisik=10,
        sumber=SumberRealisasi.SP2D,
    )
    RealisasiFactory(line=line, bulan=8, realisasi_keuangan=450_000, realisasi_fisik=50)
    return line


def rows_of(line):
    return {row.bulan: row for row in Ledger.objects.filter(line=line)}


def test_a_line_has_twelve_rows_with_the_figures_of_each_month(line):
    rows = rows_of(line)
    assert sorted(rows) == list(range(1, 13))
    # pagu: murni 600.000 through August, the perubahan's 900.000 from September
    assert [rows[m].pagu for m in (1, 8, 9, 12)] == [600_000, 600_000, 900_000, 900_000]
    # target: 0 before June, June's through September, October's from October
    assert [rows[m].target_keuangan for m in (5, 6, 9, 10, 12)] == [0, 300_000, 300_000] + [
        800_000
    ] * 2
    # realization: March's (SP2D) carried to July, August's (OPD) from August on
    assert [rows[m].realisasi_keuangan for m in (2, 3, 7, 8, 12)] == [0, 100_000, 100_000] + [
        450_000
    ] * 2
    assert [(rows[m].realisasi_bulan, rows[m].sumber) for m in (2, 7, 11)] == [
        (None, ""),
        (3, SumberRealisasi.SP2D),
        (8, SumberRealisasi.OPD),
    ]
    assert [m for m, row in rows.items() if row.reported] == [3, 8]
    # fisik × pagu: 50 × 900.000 = 45.000.000 in November; target 80 × 900.000 = 72.000.000
    assert rows[11].realisasi_fisik_x_pagu == Decimal("45000000")
    assert rows[11].target_fisik_x_pagu == Decimal("72000000")
    assert rows[8].realisasi_fisik_x_pagu == Decimal("30000000")  # 50 × 600.000


def test_with_figures_reads_the_month_row(line):
    annotated = BudgetLine.objects.with_figures(9).with_previous(9).get(pk=line.pk)
    assert (annotated.pagu_m, annotated.target_rp, annotated.real_rp) == (
        900_000,
        300_000,
        450_000,
    )
    assert (annotated.real_fisik, annotated.reported) == (50, False)
    assert (annotated.prev_rp, annotated.prev_fisik) == (450_000, 50)
    january = BudgetLine.objects.with_previous(1).get(pk=line.pk)
    assert (january.prev_rp, january.prev_fisik) == (0, 0)


def test_deleting_a_report_row_and_a_line_keep_the_ledger_true(line, year):
    Realisasi.objects.get(line=line, bulan=8).delete()
    assert rows_of(line)[11].realisasi_keuangan == 100_000  # March's figure carried again
    other = BudgetLineFactory(fiscal_year=year)
    RealisasiFactory(line=other, bulan=2)
    other.delete()
    assert not Ledger.objects.filter(line_id=other.pk).exists()
    assert differences() == []


def test_a_stage_moved_to_another_month_moves_the_pagu(line):
    stage = ApbdStage.objects.get(berlaku_mulai=9)
    stage.berlaku_mulai = 7
    stage.save()
    assert rows_of(line)[7].pagu == 900_000
    assert rows_of(line)[6].pagu == 600_000


def test_orm_bulk_writes_refresh_the_ledger(line):
    Realisasi.objects.filter(line=line, bulan=8).update(realisasi_keuangan=500_000)
    Target.objects.bulk_create(
        [Target(line=line, bulan=12, target_keuangan=900_000, target_fisik=100)]
    )
    rows = rows_of(line)
    assert (rows[10].realisasi_keuangan, rows[12].target_keuangan) == (500_000, 900_000)


@pytest.mark.parametrize("bulan", [1, 3, 8, 9, 10, 12])
def test_sums_equal_the_history_computed_line_by_line(line, year, bulan):
    """The ledger's SUMs against the reference subqueries of ledger_check, over several OPDs."""
    for n in range(3):
        extra = BudgetLineFactory(fiscal_year=year, opd=OpdFactory(), pagu=200_000 * (n + 1))
        TargetFactory(line=extra, bulan=4, target_keuangan=50_000, target_fisik=20)
        RealisasiFactory(line=extra, bulan=n + 2, realisasi_keuangan=30_000, realisasi_fisik=15)
    lines = BudgetLine.objects.for_year(2025)
    expected = {key: Decimal(0) for key in MONTHLY_KEYS}
    for item in reference(lines, bulan):
        expected["pagu"] += item.ref_pagu
        expected["target_rp"] += item.ref_target_rp
        expected["real_rp"] += item.ref_real_rp
        expected["target_fisik_w"] += item.ref_target_fisik * item.ref_pagu
        expected["real_fisik_w"] += item.ref_real_fisik * item.ref_pagu
    totals = lines.totals(bulan)
    assert {key: totals[key] for key in MONTHLY_KEYS} == expected
    assert totals["lines"] == 4
    by_opd = lines.totals_by(bulan, "opd")
    assert sum(row["pagu"] for row in by_opd) == expected["pagu"]
    monthly = {row["bulan"]: row for row in lines.monthly_totals(12)}
    assert {key: monthly[bulan][key] for key in MONTHLY_KEYS} == expected


def test_check_ledger_names_a_row_written_around_the_doors_and_rebuild_repairs_it(line):
    call_command("check_ledger", stdout=StringIO())
    with connection.cursor() as cursor:  # a raw write: no door, no refresh
        cursor.execute(
            "UPDATE realisasi_realisasi SET realisasi_keuangan = 470000 WHERE line_id = %s"
            " AND bulan = 8",
            [line.pk],
        )
    err = StringIO()
    with pytest.raises(CommandError, match="rebuild_ledger"):
        call_command("check_ledger", "--year", "2025", stdout=StringIO(), stderr=err)
    assert f"baris {line.pk} (2025) bulan 8: realisasi_keuangan" in err.getvalue()
    out = StringIO()
    call_command("rebuild_ledger", "--year", "2025", stdout=out)
    assert "12 baris" in out.getvalue()
    call_command("check_ledger", stdout=out)
    assert "sesuai" in out.getvalue()


def test_check_ledger_finds_a_missing_row(line):
    Ledger.objects.filter(line=line, bulan=5).delete()
    assert [(d.bulan, d.column) for d in differences()] == [(5, "(baris)")]


# --- the sums per OPD, sumber dana and month (LedgerTotal) ------------------------------------


def totals_of(opd):
    """{(sumber dana id, bulan): LedgerTotal} of an OPD."""
    return {(row.sumber_dana_id, row.bulan): row for row in LedgerTotal.objects.filter(opd=opd)}


def test_an_opds_sums_per_sumber_dana_and_month_add_up_its_lines(line, year):
    other = BudgetLineFactory(
        fiscal_year=year, opd=line.opd, sumber_dana=line.sumber_dana, pagu=400_000
    )
    RealisasiFactory(line=other, bulan=8, realisasi_keuangan=100_000, realisasi_fisik=25)
    dak = SumberDanaFactory(nama="DAK Fisik", kelompok=KelompokDana.DAK_FISIK)
    apart = BudgetLineFactory(fiscal_year=year, opd=line.opd, sumber_dana=dak, pagu=50_000)
    totals = totals_of(line.opd)
    assert len(totals) == 24  # two sumber dana × 12 months
    september = totals[(line.sumber_dana_id, 9)]
    # pagu 900.000 (perubahan) + 400.000; target 300.000 (June's) + 0; realization
    # 450.000 + 100.000 (August's, carried); fisik × pagu 40 × 900.000 and 50 × 900.000 +
    # 25 × 400.000; neither line reported in September
    assert (
        september.pagu,
        september.target_keuangan,
        september.realisasi_keuangan,
        september.target_fisik_x_pagu,
        september.realisasi_fisik_x_pagu,
        september.lines,
        september.reported,
    ) == (1_300_000, 300_000, 550_000, 36_000_000, 55_000_000, 2, 0)
    assert totals[(line.sumber_dana_id, 8)].reported == 2
    assert totals[(line.sumber_dana_id, 3)].reported == 1
    assert totals[(apart.sumber_dana_id, 12)].pagu == 50_000
    assert total_differences() == []


def test_a_line_moved_to_another_opd_in_the_admin_moves_its_sums(line, year):
    stays = BudgetLineFactory(fiscal_year=year, opd=line.opd, sumber_dana=line.sumber_dana, pagu=1)
    target_opd = OpdFactory()
    admin = UserFactory(username="admin-pindah", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    data = {
        "fiscal_year": year.pk,
        "opd": target_opd.pk,
        "sub_kegiatan": line.sub_kegiatan_id,
        "sumber_dana": line.sumber_dana_id,
        "lokasi": line.lokasi,
        "pagu_set-TOTAL_FORMS": "0",
        "pagu_set-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:realisasi_budgetline_change", args=[line.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert totals_of(line.opd)[(line.sumber_dana_id, 12)].pagu == 1  # only the line left
    assert totals_of(target_opd)[(line.sumber_dana_id, 12)].pagu == 900_000
    assert stays.pk and total_differences() == []


def test_a_deleted_line_leaves_its_opds_sums(line, year):
    other = BudgetLineFactory(fiscal_year=year, opd=line.opd, sumber_dana=line.sumber_dana, pagu=7)
    line.delete()
    assert totals_of(other.opd)[(other.sumber_dana_id, 12)].pagu == 7
    other.delete()
    assert totals_of(other.opd) == {}
    assert total_differences() == []


def _admin_delete_lines(lines) -> list[str]:
    """Delete `lines` with the admin's "delete selected" action; its queries on the OPD sums."""
    admin = UserFactory(username="admin-hapus", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    data = {"action": "delete_selected", "post": "yes", "_selected_action": [x.pk for x in lines]}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("admin:realisasi_budgetline_changelist"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    # The admin's own queries grow with the selection (each line's name for its log entry, the
    # cascades it finds); the OPD sums' share must not.
    return [q["sql"].split(" ")[0] for q in queries if '"realisasi_ledgertotal"' in q["sql"]]


def test_lines_deleted_together_in_the_admin_leave_their_opds_sums_at_one_cost(line, year):
    keep = BudgetLineFactory(fiscal_year=year, opd=line.opd, sumber_dana=line.sumber_dana, pagu=7)
    few = [BudgetLineFactory(fiscal_year=year, opd=line.opd, sumber_dana=line.sumber_dana)]
    many = [
        BudgetLineFactory(fiscal_year=year, opd=line.opd, sumber_dana=line.sumber_dana)
        for _ in range(6)
    ]
    # The OPD's sums are recomputed once per selection, whatever its size: one delete of the
    # months from the first touched one, then each month written again.
    for selection in ([line, *few], many):
        statements = _admin_delete_lines(selection)
        assert statements.count("DELETE") == 1, statements
        assert len(statements) <= 1 + 12 + 1, statements
    assert not BudgetLine.objects.exclude(pk=keep.pk).exists()
    assert totals_of(keep.opd)[(keep.sumber_dana_id, 12)].pagu == 7
    assert total_differences() == []


def test_check_ledger_names_a_sum_written_around_the_doors_and_rebuild_repairs_it(line):
    LedgerTotal.objects.filter(opd=line.opd, bulan=4).update(realisasi_keuangan=1)
    err = StringIO()
    with pytest.raises(CommandError, match="rebuild_ledger"):
        call_command("check_ledger", stdout=StringIO(), stderr=err)
    assert (
        f"jumlah OPD {line.opd_id} sumber dana {line.sumber_dana_id} (2025) bulan 4: "
        "realisasi_keuangan tersimpan 1,0000, jumlah buku besar 100.000,0000"
    ) in err.getvalue()
    call_command("rebuild_ledger", stdout=StringIO())
    out = StringIO()
    call_command("check_ledger", stdout=out)
    assert "sesuai" in out.getvalue()


# --- random writes through every door ----------------------------------------------------------

OPD_KODE = "1.02"
SUBS = ("1.02.02.2.01.0001", "1.02.02.2.01.0002", "1.02.02.2.01.0003")


@pytest.fixture
def pemda(year):
    opd = OpdFactory(kode=OPD_KODE, nama="Dinas Kesehatan")
    dana = SumberDanaFactory(nama="DAU")
    lines = [
        BudgetLineFactory(
            fiscal_year=year,
            opd=opd,
            sub_kegiatan=SubKegiatanFactory(kode=kode),
            sumber_dana=dana,
            pagu=1_000_000,
        )
        for kode in SUBS
    ]
    admin = UserFactory(username="admin-ledger", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    return {
        "year": year,
        "opd": opd,
        # where the admin may move a line: the two OPDs, the two sumber dana
        "opds": [opd, OpdFactory(kode="1.03", nama="Dinas PUPR")],
        "danas": [dana, SumberDanaFactory(nama="DAK Fisik", kelompok=KelompokDana.DAK_FISIK)],
        "lines": lines,
        "operator": UserFactory(username="op-ledger", role="operator", opd=opd),
        "verifikator": UserFactory(username="ver-ledger", role="verifikator"),
        "admin": client,
    }


MONTH = st.integers(1, 12)
LINE = st.integers(0, len(SUBS) - 1)
RUPIAH = st.integers(0, 1_200_000).map(lambda n: Decimal(n))
FISIK = st.integers(0, 100).map(lambda n: Decimal(n))

OPERATIONS = st.one_of(
    st.tuples(st.just("save"), st.lists(LINE, min_size=1, max_size=3), MONTH, RUPIAH, FISIK),
    st.tuples(st.sampled_from(["submit", "verify", "return", "reopen"]), MONTH),
    st.tuples(st.just("import_realisasi"), LINE, MONTH, RUPIAH, FISIK),
    st.tuples(st.just("import_sp2d"), LINE, MONTH, RUPIAH),
    st.tuples(st.just("import_target"), LINE, MONTH, RUPIAH, FISIK),
    st.tuples(st.just("import_apbd"), st.sampled_from(["murni", "perubahan"]), MONTH, RUPIAH),
    st.tuples(st.just("admin_realisasi"), LINE, MONTH, RUPIAH, FISIK),
    st.tuples(st.just("admin_delete_realisasi"), LINE, MONTH),
    st.tuples(st.just("admin_pagu"), LINE, RUPIAH),
    st.tuples(st.just("admin_stage_month"), MONTH),
    st.tuples(st.just("admin_line"), LINE, st.integers(0, 1), st.integers(0, 1)),
)


def _report(world, bulan):
    return MonthlyReport.objects.filter(
        opd=world["opd"], fiscal_year=world["year"], bulan=bulan
    ).first()


def _version(world, bulan):
    report = _report(world, bulan)
    return report.version if report else 0


def _csv(header, rows):
    return csv_bytes([header, *rows])


def apply(world, operation):  # noqa: C901 - one branch per door
    kind, *args = operation
    lines, year = world["lines"], world["year"]
    try:
        if kind == "save":
            picked, bulan, keu, fisik = args
            entries = [
                LineEntry(
                    lines[i].pk,
                    keu,
                    fisik,
                    kendala="jalan rusak",
                    alasan_koreksi="koreksi",
                    konfirmasi_koreksi=True,
                )
                for i in sorted(set(picked))
            ]
            workflow.save_report(
                world["operator"], world["opd"], year, bulan, entries, _version(world, bulan)
            )
        elif kind in ("submit", "verify", "return", "reopen"):
            (bulan,) = args
            report = _report(world, bulan)
            if kind == "submit":
                workflow.submit_report(
                    world["operator"], world["opd"], year, bulan, _version(world, bulan)
                )
            elif report is not None:
                action = {
                    "verify": lambda: workflow.verify_report(
                        world["verifikator"], report.pk, report.version
                    ),
                    "return": lambda: workflow.return_report(
                        world["verifikator"], report.pk, report.version, "perbaiki"
                    ),
                    "reopen": lambda: workflow.reopen_report(
                        world["verifikator"], report.pk, report.version, "buka lagi"
                    ),
                }[kind]
                action()
        elif kind == "import_realisasi":
            i, bulan, keu, fisik = args
            header = ["kode_opd", "kode_sub_kegiatan", "sumber_dana", "bulan"]
            header += ["realisasi_keuangan", "realisasi_fisik"]
            data = _csv(header, [[OPD_KODE, SUBS[i], "DAU", bulan, str(keu), str(fisik)]])
            run_import("realisasi", "r.csv", data, tahun=2025)
        elif kind == "import_sp2d":
            i, bulan, keu = args
            header = ["kode_opd", "kode_sub_kegiatan", "bulan", "realisasi_keuangan"]
            data = _csv(header, [[OPD_KODE, SUBS[i], bulan, str(keu)]])
            run_import("realisasi", "s.csv", data, tahun=2025, sumber=SumberRealisasi.SP2D)
        elif kind == "import_target":
            i, bulan, keu, fisik = args
            header = ["kode_opd", "kode_sub_kegiatan", "bulan", "target_keuangan", "target_fisik"]
            data = _csv(header, [[OPD_KODE, SUBS[i], bulan, str(keu), str(fisik)]])
            run_import("target", "t.csv", data, tahun=2025)
        elif kind == "import_apbd":
            stage, bulan, pagu = args
            header = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan"]
            header += ["sumber_dana", "pagu"]
            rows = [
                [OPD_KODE, "Dinas Kesehatan", kode, f"Sub {kode}", "DAU", str(pagu)]
                for kode in SUBS
            ]
            options = {"stage": stage}
            if stage != "murni":
                options["berlaku_mulai"] = bulan
            run_import("apbd", "a.csv", _csv(header, rows), tahun=2025, **options)
        elif kind == "admin_realisasi":
            i, bulan, keu, fisik = args
            row = Realisasi.objects.filter(line=lines[i], bulan=bulan).first()
            data = {
                "line": lines[i].pk,
                "bulan": bulan,
                "realisasi_keuangan": str(keu),
                "realisasi_fisik": str(fisik),
                "kendala": "",
                "solusi": "",
                "pihak_terkait": "",
                "sumber": SumberRealisasi.OPD,
                "alasan_koreksi": "",
            }
            if row is None:
                path = reverse("admin:realisasi_realisasi_add")
            else:
                path = reverse("admin:realisasi_realisasi_change", args=[row.pk])
            assert world["admin"].post(path, data).status_code in (200, 302)
        elif kind == "admin_delete_realisasi":
            i, bulan = args
            row = Realisasi.objects.filter(line=lines[i], bulan=bulan).first()
            if row is not None:
                path = reverse("admin:realisasi_realisasi_delete", args=[row.pk])
                assert world["admin"].post(path, {"post": "yes"}).status_code == 302
        elif kind == "admin_pagu":
            i, pagu = args
            row = Pagu.objects.filter(line=lines[i]).order_by("stage__berlaku_mulai").last()
            path = reverse("admin:realisasi_pagu_change", args=[row.pk])
            data = {"line": row.line_id, "stage": row.stage_id, "pagu": str(pagu)}
            assert world["admin"].post(path, data).status_code == 302
        elif kind == "admin_stage_month":
            (bulan,) = args
            stage = ApbdStage.objects.filter(fiscal_year=year).order_by("berlaku_mulai").last()
            path = reverse("admin:realisasi_apbdstage_change", args=[stage.pk])
            data = {
                "fiscal_year": stage.fiscal_year_id,
                "kode": stage.kode,
                "jenis": stage.jenis,
                "urutan": stage.urutan,
                "nama": stage.nama,
                "berlaku_mulai": bulan,
            }
            assert world["admin"].post(path, data).status_code == 302
        elif kind == "admin_line":  # the line moved to another OPD and/or sumber dana
            i, opd, dana = args
            line = BudgetLine.objects.get(pk=lines[i].pk)
            path = reverse("admin:realisasi_budgetline_change", args=[line.pk])
            data = {
                "fiscal_year": line.fiscal_year_id,
                "opd": world["opds"][opd].pk,
                "sub_kegiatan": line.sub_kegiatan_id,
                "sumber_dana": world["danas"][dana].pk,
                "lokasi": line.lokasi,
                "pagu_set-TOTAL_FORMS": "0",
                "pagu_set-INITIAL_FORMS": "0",
            }
            assert world["admin"].post(path, data).status_code == 302
    except (WorkflowError, ImportRejected):
        pass  # refused as a whole: nothing was written, the ledger must still agree


class Rollback(Exception):
    pass


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=8))
def test_random_writes_through_every_door_leave_check_ledger_clean(pemda, operations):
    try:
        with transaction.atomic():
            for operation in operations:
                apply(pemda, operation)
            assert differences() == [], operations
            call_command("check_ledger", stdout=StringIO())
            raise Rollback
    except Rollback:
        pass  # every example starts from the same Pemda


def test_a_door_refreshes_once_per_line_inside_deferred(line):
    with ledger.deferred():
        Realisasi.objects.filter(line=line).update(realisasi_fisik=60)
        # nothing refreshed yet inside the block: the rows still hold the old fisik
        assert rows_of(line)[9].realisasi_fisik == 50
    assert rows_of(line)[9].realisasi_fisik == 60
