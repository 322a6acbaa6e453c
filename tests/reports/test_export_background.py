"""Exports above RAKOR_EXPORT_TASK_ROWS go through a background job (reports.exports.jobs),
here in eager mode (no REDIS_URL): the download answers with the job's page, whose link gives
the very file a direct download gives, with the user's own rows. Data: tests/reports/conftest
(Dinas Alfa and Kecamatan Beta, March 2025)."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from opd.choices import Role, StatusTugas
from opd.models import Job
from reports.tasks import export_table
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERIOD = {"tahun": 2025, "bulan": 3}


def opd_names(content: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    names = ("Dinas Alfa", "Kecamatan Beta")
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell in names]


def export_through_job(client, url, **params):
    response = client.get(url, {**PERIOD, **params})
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == reverse(
        "tugas:job", args=[job.pk]
    )
    return job, client.get(response["Location"]).content.decode()


def test_a_large_rekap_export_is_written_by_a_job_and_offered_on_its_page(
    client, verifikator, data, settings
):
    client.force_login(verifikator)
    direct = client.get(reverse("reports:rekap"), {**PERIOD, "_export": "xlsx"})
    assert direct.status_code == 200 and not Job.objects.exists()  # 2 rows: in the request
    settings.RAKOR_EXPORT_TASK_ROWS = 1
    job, page = export_through_job(client, reverse("reports:rekap"), _export="xlsx")
    assert job.status == StatusTugas.SELESAI and job.filename == "rekap-2025-03.xlsx"
    assert "Ekspor Rekap realisasi per OPD" in page and "Unduh rekap-2025-03.xlsx" in page
    link = re.search(r'href="(/tugas/\d+/unduh/)"', page).group(1)
    download = client.get(link)
    assert download["Content-Disposition"] == 'attachment; filename="rekap-2025-03.xlsx"'
    assert (
        opd_names(download.content)
        == opd_names(direct.content)
        == [
            "Dinas Alfa",
            "Kecamatan Beta",
        ]
    )
    # the way back is the page with its filters, without the download parameter
    assert 'href="/dasbor/rekap/?tahun=2025&amp;bulan=3"' in page


def test_an_operators_export_job_holds_only_their_opd(client, data, settings):
    settings.RAKOR_EXPORT_TASK_ROWS = 0
    operator = UserFactory(username="op.alfa", role=Role.OPERATOR, opd=data["a"])
    client.force_login(operator)
    job, _page = export_through_job(client, reverse("reports:rekap"), _export="xlsx")
    assert opd_names(bytes(Job.objects.get(pk=job.pk).file)) == ["Dinas Alfa"]
    other = UserFactory(username="op.beta", role=Role.OPERATOR, opd=data["b"])
    client.force_login(other)
    assert client.get(reverse("tugas:job_download", args=[job.pk])).status_code == 404


def test_the_audit_export_counts_before_it_reads(client, verifikator, data, settings):
    settings.RAKOR_EXPORT_TASK_ROWS = -1  # even no row: the count alone decides
    client.force_login(verifikator)
    job, page = export_through_job(client, reverse("reports:export_jejak_audit"), _export="csv")
    assert job.status == StatusTugas.SELESAI and job.filename.endswith(".csv")
    assert "Ekspor Jejak audit" in page


def test_the_same_export_delivered_again_writes_one_file(client, verifikator, data, settings):
    settings.RAKOR_EXPORT_TASK_ROWS = 1
    client.force_login(verifikator)
    job, _page = export_through_job(client, reverse("reports:rekap"), _export="csv")
    finished = Job.objects.get(pk=job.pk).finished_at
    export_table.apply((job.pk,), task_id=job.task_id)
    export_table.apply((job.pk,))
    assert Job.objects.get(pk=job.pk).finished_at == finished and Job.objects.count() == 1


def test_a_user_who_lost_the_right_gets_an_indonesian_error(client, verifikator, data, settings):
    settings.RAKOR_EXPORT_TASK_ROWS = 1
    job = Job.objects.create(
        kind="ekspor",
        user=UserFactory(username="op.alfa", role=Role.OPERATOR, opd=data["a"]),
        judul="Ekspor Kepatuhan pelaporan",
        task=export_table.name,
        params={"path": reverse("reports:export_kepatuhan"), "query": "tahun=2025&bulan=3"},
    )
    export_table.apply((job.pk,))
    job.refresh_from_db()
    assert job.status == StatusTugas.GAGAL
    assert job.pesan_galat == "Anda tidak lagi berhak mengunduh tabel ini."


def test_an_account_switched_off_before_the_worker_gets_no_file(
    client, verifikator, data, settings
):
    settings.RAKOR_EXPORT_TASK_ROWS = 1
    job = Job.objects.create(
        kind="ekspor",
        user=verifikator,
        judul="Ekspor Kepatuhan pelaporan",
        task=export_table.name,
        params={"path": reverse("reports:export_kepatuhan"), "query": "tahun=2025&bulan=3"},
    )
    verifikator.is_active = False
    verifikator.save(update_fields=["is_active"])
    export_table.apply((job.pk,))
    job.refresh_from_db()
    assert job.status == StatusTugas.GAGAL and not job.file
    assert job.pesan_galat == "Anda tidak lagi berhak mengunduh tabel ini."


@pytest.mark.parametrize(
    "name,kwargs,params",
    [
        ("reports:rekap", {}, {"_export": "csv", "gaya": "mesin"}),
        ("reports:kendala", {}, {"_export": "xlsx"}),
        ("reports:peringatan", {}, {"_export": "csv"}),
        ("reports:opd", {"kode": "1.01"}, {"_export": "xlsx"}),
        ("reports:kinerja_e81", {"kode": "1.01"}, {}),
        ("reports:export_kepatuhan", {}, {}),
        ("reports:export_tindak_lanjut", {}, {"_export": "csv"}),
        ("reports:export_jejak_audit", {}, {}),
    ],
)
def test_every_export_gives_the_same_file_through_a_job(
    client, verifikator, data, settings, name, kwargs, params
):
    client.force_login(verifikator)
    url = reverse(name, kwargs=kwargs)
    direct = client.get(url, {**PERIOD, **params})
    assert direct.status_code == 200 and not Job.objects.exists()
    settings.RAKOR_EXPORT_TASK_ROWS = -1  # every export through a job, even an empty one
    job, page = export_through_job(client, url, **params)
    assert job.status == StatusTugas.SELESAI, job.pesan_galat
    download = client.get(reverse("tugas:job_download", args=[job.pk]))
    assert download["Content-Disposition"] == direct["Content-Disposition"]
    assert download["Content-Type"] == direct["Content-Type"]
    if "csv" in download["Content-Type"]:
        assert download.content == direct.content  # the same bytes (XLSX holds a timestamp)
