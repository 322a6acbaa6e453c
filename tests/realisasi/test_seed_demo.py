"""The demo Kabupaten (realisasi/demo/, `seed_demo`) at a tiny scale: what a user would notice."""

import hashlib
import re
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from opd.choices import JenisOpd, Role
from opd.models import Grouping, Opd, User
from realisasi import formulas
from realisasi.choices import KelompokDana, StatusLaporan
from realisasi.demo import DEMO_PASSWORD, build_demo
from realisasi.models import (
    ApbdStage,
    BudgetLine,
    MonthlyReport,
    Pagu,
    Realisasi,
    StatusChange,
    SubKegiatan,
    SumberDana,
    Target,
)

pytestmark = pytest.mark.django_db
TINY = {"opd_count": 6, "line_count": 60, "years": (2024, 2025), "through_month": 11}
SIPD_OPD = re.compile(r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$")
SUB_KODE = re.compile(r"^\d\.\d{2}\.\d{2}\.2\.\d{2}\.\d{4}$")


def snapshot() -> dict:
    """What two builds must share: totals per year and month, and a digest of every row."""
    totals = {
        (tahun, bulan): BudgetLine.objects.for_year(tahun).totals(bulan)
        for tahun in (2024, 2025)
        for bulan in (3, 6, 9, 11, 12)
    }
    rows = Realisasi.objects.order_by(
        "line__fiscal_year__tahun",
        "line__opd__kode",
        "line__sub_kegiatan__kode",
        "line__sumber_dana",
        "bulan",
    ).values_list(
        "line__opd__kode",
        "line__sub_kegiatan__kode",
        "line__sumber_dana__nama",
        "bulan",
        "realisasi_keuangan",
        "realisasi_fisik",
        "kendala",
        "line__pptk__username",
    )
    reports = MonthlyReport.objects.order_by(
        "fiscal_year__tahun", "bulan", "opd__kode"
    ).values_list("opd__kode", "bulan", "status", "terlambat", "submitted_at")
    digest = hashlib.sha256(repr((list(rows), list(reports))).encode()).hexdigest()
    return {"totals": totals, "digest": digest, "users": User.objects.count()}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Built twice: once through the command (rolled back), once kept for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            call_command(
                "seed_demo",
                "--opd",
                "6",
                "--lines",
                "60",
                "--years",
                "2024",
                "2025",
                "--through",
                "11",
                stdout=out,
            )
            first = snapshot()
            transaction.set_rollback(True)
        with transaction.atomic():
            build_demo(opd_count=17, line_count=17, years=(2025,), through_month=1)
            bagian = list(
                Opd.objects.filter(jenis=JenisOpd.BAGIAN).values_list("kode", "parent__nama")
            )
            transaction.set_rollback(True)
        result = build_demo(**TINY)
        yield {
            "result": result,
            "first": first,
            "second": snapshot(),
            "output": out.getvalue(),
            "queries": len(queries),
            "bagian": bagian,
        }
        transaction.set_rollback(True)


def test_two_builds_give_identical_data_and_totals(demo):
    assert demo["first"]["digest"] == demo["second"]["digest"]
    assert demo["first"]["totals"] == demo["second"]["totals"]
    assert demo["first"]["users"] == demo["second"]["users"]


def test_command_prints_the_logins_and_password(demo):
    output = demo["output"]
    assert "Data demo dibuat" in output
    for username in ("admin", "bappeda", "adbang", "sekda", "bupati", "op.", "pptk."):
        assert username in output
    assert DEMO_PASSWORD in output
    assert len(DEMO_PASSWORD) >= 12


def test_writes_in_batches_not_per_row(demo):
    rows = sum(demo["result"].rows.values())
    # 6 OPDs, 60 lines × 2 years: ~3.000 rows; SQLite takes at most 999 parameters a query
    assert rows > 2500
    assert demo["queries"] < rows / 20


def test_opds_have_kinds_sipd_codes_heads_and_asisten(demo):
    opds = list(Opd.objects.all())
    assert len(opds) == 6
    assert {o.jenis for o in opds} >= {JenisOpd.SEKRETARIAT, JenisOpd.DINAS, JenisOpd.KECAMATAN}
    assert all(SIPD_OPD.match(o.kode) for o in opds)
    assert all(o.kepala and o.grouping_id for o in opds)
    assert Grouping.objects.count() == 3
    names = {o.nama for o in opds}
    assert {"Sekretariat Daerah", "Kecamatan Wanadadi", "Kecamatan Purwanegara"} <= names


def test_bagian_hang_under_the_setda(demo):
    bagian = demo["bagian"]
    assert bagian
    assert all(
        parent == "Sekretariat Daerah" and kode.startswith("4.01.") for kode, parent in bagian
    )


def test_nomenclature_codes_are_nested(demo):
    subs = SubKegiatan.objects.select_related("kegiatan__program")
    for sub in subs:
        assert SUB_KODE.match(sub.kode), sub.kode
        assert sub.kode.startswith(sub.kegiatan.kode + ".")
        assert sub.kegiatan.kode.startswith(sub.kegiatan.program.kode + ".2.")


def test_every_kecamatan_runs_the_same_sub_kegiatan(demo):
    kecamatan = Opd.objects.filter(jenis=JenisOpd.KECAMATAN)
    runs = [
        set(
            BudgetLine.objects.filter(fiscal_year__tahun=2025, opd=k).values_list(
                "sub_kegiatan__kode", flat=True
            )
        )
        for k in kecamatan
    ]
    assert len(runs) == 2
    assert runs[0] == runs[1]
    assert all(kode.startswith("7.01.") for kode in runs[0])


def test_lines_carry_pagu_sumber_dana_location_output_and_pptk(demo):
    lines = BudgetLine.objects.filter(fiscal_year__tahun=2025)
    assert lines.count() == 60
    assert all(line.lokasi and line.indikator_keluaran and line.satuan_keluaran for line in lines)
    kelompok = set(lines.values_list("sumber_dana__kelompok", flat=True))
    assert {KelompokDana.DAU, KelompokDana.PAD} <= kelompok
    assert len(kelompok) >= 4
    every_group = {
        KelompokDana.DAK_FISIK,
        KelompokDana.DAK_NON_FISIK,
        KelompokDana.BANKEU,
        KelompokDana.PAD,
        KelompokDana.DAU,
        KelompokDana.DBH,
        KelompokDana.BOS_BLUD,
    }
    assert every_group <= set(SumberDana.objects.values_list("kelompok", flat=True))
    assert lines.filter(pptk__isnull=False).count() >= 50
    assert all(p.pagu == p.pagu.to_integral_value() for p in Pagu.objects.all())


def test_every_role_has_a_user_and_pengelola_are_pptk_of_lines(demo):
    for role in Role.values:
        assert User.objects.filter(role=role).exists(), role
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    assert User.objects.filter(username="bupati", role=Role.PIMPINAN).exists()
    assert User.objects.filter(username="bappeda", role=Role.VERIFIKATOR).exists()
    for opd in Opd.objects.all():
        assert User.objects.filter(role=Role.OPERATOR, opd=opd).count() == 1
    pengelola = User.objects.filter(role=Role.PENGELOLA)
    # 6 OPDs × 175 / 45 = 23,3 → 23 pengelola, each PPTK of at least one line
    assert pengelola.count() == 23
    assert all(p.budget_lines.exists() for p in pengelola)
    # one hash for everyone: hashed once
    assert User.objects.values("password").distinct().count() == 1


def test_stages_murni_pergeseran_perubahan_keep_every_row(demo):
    stages = ApbdStage.objects.filter(fiscal_year__tahun=2025).order_by("berlaku_mulai")
    assert [(s.kode, s.berlaku_mulai) for s in stages] == [
        ("murni", 1),
        ("pergeseran-1", 6),
        ("perubahan", 9),
    ]
    assert Pagu.objects.filter(stage__kode="murni", stage__fiscal_year__tahun=2025).count() == 60
    assert Pagu.objects.filter(stage__kode="pergeseran-1").count() >= 2
    revised = [
        line
        for line in BudgetLine.objects.filter(fiscal_year__tahun=2025).prefetch_related("pagu_set")
        if len({p.pagu for p in line.pagu_set.all()}) > 1
    ]
    assert revised
    assert ApbdStage.objects.filter(fiscal_year__tahun=2024).count() == 1


def test_targets_are_cumulative_and_reach_100_percent_in_december(demo):
    lines = BudgetLine.objects.filter(fiscal_year__tahun=2025).with_figures(12)
    for line in lines:
        targets = list(line.targets.order_by("bulan"))
        assert [t.bulan for t in targets] == list(range(1, 13))
        for before, after in zip(targets, targets[1:], strict=False):
            assert after.target_keuangan >= before.target_keuangan
            assert after.target_fisik >= before.target_fisik
        assert targets[-1].target_fisik == Decimal(100)
        assert targets[-1].target_keuangan == line.pagu_m


def test_quarter_end_targets_are_interpolated_between(demo):
    interpolated = Target.objects.filter(interpolated=True)
    assert interpolated.exists()
    assert set(interpolated.values_list("bulan", flat=True)) <= {1, 2, 4, 5, 7, 8, 10, 11}
    line = interpolated.first().line
    t = {x.bulan: x.target_fisik for x in line.targets.all()}
    # linear between quarter ends: month 4 = t3 + (t6 − t3) / 3, to the cent
    assert abs(t[4] - (t[3] + (t[6] - t[3]) / 3)) <= Decimal("0.01")
    assert abs(t[1] - t[3] / 3) <= Decimal("0.01")


def test_realization_is_cumulative_and_never_above_pagu(demo):
    for tahun in (2024, 2025):
        for bulan in range(1, 13):
            for line in BudgetLine.objects.for_year(tahun).with_figures(bulan):
                assert line.real_rp <= line.pagu_m
                assert 0 <= line.real_fisik <= 100
    rows = Realisasi.objects.order_by("line", "bulan").values_list(
        "line", "realisasi_keuangan", "realisasi_fisik"
    )
    previous = {}
    for line, rp, fisik in rows:
        if line in previous:
            assert rp >= previous[line][0] and fisik >= previous[line][1]
        previous[line] = (rp, fisik)


def test_pemda_is_behind_target_in_november(demo):
    sums = BudgetLine.objects.for_year(2025).totals(11)
    keuangan = formulas.persen(sums["real_rp"], sums["pagu"])
    target = formulas.persen(sums["target_rp"], sums["pagu"])
    assert 60 < keuangan < target < 100


def test_some_opds_have_not_reported_the_last_month(demo):
    reported = set(
        MonthlyReport.objects.filter(fiscal_year__tahun=2025, bulan=11).values_list(
            "opd", flat=True
        )
    )
    silent = Opd.objects.exclude(pk__in=reported)
    # 6 OPDs × 7 % rounds to 0: at least one stays silent
    assert silent.count() == 1
    opd = silent.get()
    assert not Realisasi.objects.filter(
        line__opd=opd, line__fiscal_year__tahun=2025, bulan=11
    ).exists()
    assert MonthlyReport.objects.filter(opd=opd, fiscal_year__tahun=2025, bulan=10).exists()
    line = BudgetLine.objects.filter(opd=opd, fiscal_year__tahun=2025).with_figures(11).first()
    assert line.reported is False


def test_reports_verified_before_the_last_month_with_their_history(demo):
    earlier = MonthlyReport.objects.filter(fiscal_year__tahun=2025, bulan__lt=11)
    assert earlier.count() == 6 * 10
    assert set(earlier.values_list("status", flat=True)) == {StatusLaporan.TERVERIFIKASI}
    assert set(MonthlyReport.objects.values_list("status", flat=True)) <= set(StatusLaporan.values)
    report = earlier.get(opd__kode="4.01.0.00.0.00.01.0000", bulan=10)
    steps = list(report.status_changes.order_by("at"))
    assert [s.to_status for s in steps] == ["draf", "terkirim", "terverifikasi"]
    # the October report is written in November (Asia/Jakarta), not when the seed ran
    assert all(s.at.astimezone(ZoneInfo("Asia/Jakarta")).month == 11 for s in steps)
    assert report.terlambat == (report.submitted_at.astimezone(ZoneInfo("Asia/Jakarta")).day > 10)
    assert (
        StatusChange.objects.filter(report__fiscal_year__tahun=2024, report__bulan=12).count() >= 18
    )


def test_lines_behind_target_carry_kendala_and_solusi(demo):
    figures = {line.pk: line for line in BudgetLine.objects.for_year(2025).with_figures(11)}
    behind = 0
    for row in Realisasi.objects.filter(line__fiscal_year__tahun=2025, bulan=11):
        line = figures[row.line_id]
        deviasi = formulas.deviasi(
            formulas.persen(line.real_rp, line.pagu_m), formulas.persen(line.target_rp, line.pagu_m)
        )
        if deviasi < Decimal(-5):
            behind += 1
            assert row.kendala and row.solusi
    assert behind > 0


def test_previous_year_is_a_full_year(demo):
    lines = BudgetLine.objects.filter(fiscal_year__tahun=2024)
    assert lines.count() == 60
    assert Realisasi.objects.filter(line__fiscal_year__tahun=2024, bulan=12).count() == 60
    assert MonthlyReport.objects.filter(fiscal_year__tahun=2024).count() == 6 * 12


def test_if_empty_leaves_existing_data_alone(demo):
    before = snapshot()
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "Data demo sudah ada" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    assert snapshot() == before


def test_without_if_empty_refuses_a_database_with_data(demo):
    with pytest.raises(CommandError, match="sudah berisi"):
        call_command("seed_demo", stdout=StringIO())
