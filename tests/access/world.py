"""The access matrix's world, a pytest plugin (registered in tests/conftest.py): two OPDs and
everything an URL can point at. The access tests and the browser's page tests (every page of
the matrix, as each role) use the same one."""

import datetime
from types import SimpleNamespace

import pytest

from opd.choices import JenisTugas, NotificationKind, Role, StatusTugas
from opd.models import Job, Notification
from rakor.models import Briefing
from realisasi.choices import StatusLaporan
from tests.factories import (
    ArahanFactory,
    BudgetLineFactory,
    IndikatorFactory,
    IndikatorRealisasiFactory,
    LaporanKinerjaFactory,
    MonthlyReportFactory,
    OpdFactory,
    RakorFactory,
    RealisasiFactory,
    TargetFactory,
    TindakLanjutFactory,
    UserFactory,
)


@pytest.fixture
def world(year):
    opd_a = OpdFactory(kode="1.01", nama="Dinas A", singkatan="DA")
    opd_b = OpdFactory(kode="1.02", nama="Dinas B", singkatan="DB")
    users = {
        "operator_a": UserFactory(username="op_a", role=Role.OPERATOR, opd=opd_a),
        "pengelola_a": UserFactory(username="pg_a", role=Role.PENGELOLA, opd=opd_a),
        "verifikator": UserFactory(username="ver", role=Role.VERIFIKATOR, opd=None),
        "pimpinan": UserFactory(username="pim", role=Role.PIMPINAN, opd=None),
        "admin": UserFactory(
            username="adm", role=Role.ADMIN, opd=None, is_staff=True, is_superuser=True
        ),
    }
    line_a = BudgetLineFactory(
        fiscal_year=year, opd=opd_a, pptk=users["pengelola_a"], pagu=1_000_000
    )
    line_b = BudgetLineFactory(fiscal_year=year, opd=opd_b, pagu=2_000_000)
    for line in (line_a, line_b):
        TargetFactory(line=line, bulan=10, target_keuangan=500_000, target_fisik=50)
        RealisasiFactory(line=line, bulan=10, realisasi_keuangan=400_000, realisasi_fisik=40)
    report_a = MonthlyReportFactory(
        opd=opd_a, fiscal_year=year, bulan=10, status=StatusLaporan.TERKIRIM
    )
    report_b = MonthlyReportFactory(
        opd=opd_b, fiscal_year=year, bulan=10, status=StatusLaporan.TERKIRIM
    )
    for line in (line_a, line_b):
        IndikatorRealisasiFactory(indikator=IndikatorFactory(line=line), triwulan=3, realisasi=20)
        LaporanKinerjaFactory(
            opd=line.opd, fiscal_year=year, triwulan=3, status=StatusLaporan.TERKIRIM
        )
    rakor = RakorFactory(fiscal_year=year, bulan_data=10, tanggal=datetime.date(2025, 11, 20))
    arahan = ArahanFactory(rakor=rakor)
    followup_a = TindakLanjutFactory(arahan=arahan, opd=opd_a)
    followup_b = TindakLanjutFactory(arahan=arahan, opd=opd_b)
    briefing = Briefing.objects.create(
        rakor=rakor,
        version=1,
        tahun=2025,
        bulan=10,
        status="selesai",
        pdf=b"%PDF-1.4 test",
        sha256="0" * 64,
    )
    notification_a, notification_other = (
        Notification.objects.create(
            user=users[role],
            kind=NotificationKind.DIKEMBALIKAN,
            key=f"uji:{role}",
            judul="Laporan Oktober 2025 dikembalikan",
            pesan="Perbaiki",
            url="/",
        )
        for role in ("operator_a", "pimpinan")
    )
    # background jobs (opd.jobs): a finished export of operator_a's, one of OPD B's operator
    job_a, job_b = (
        Job.objects.create(
            kind=JenisTugas.EKSPOR,
            user=owner,
            judul="Ekspor Rekap realisasi per OPD",
            task="reports.tasks.export_table",
            status=StatusTugas.SELESAI,
            file=b"No;OPD",
            filename="rekap-2025-10.csv",
            content_type="text/csv; charset=utf-8",
        )
        for owner in (
            users["operator_a"],
            UserFactory(username="op_b", role=Role.OPERATOR, opd=opd_b),
        )
    )
    return SimpleNamespace(
        job_a=job_a,
        job_b=job_b,
        notification_a=notification_a,
        notification_other=notification_other,
        year=year,
        opd_a=opd_a,
        opd_b=opd_b,
        users=users,
        line_a=line_a,
        line_b=line_b,
        report_a=report_a,
        report_b=report_b,
        rakor=rakor,
        arahan=arahan,
        followup_a=followup_a,
        followup_b=followup_b,
        briefing=briefing,
    )
