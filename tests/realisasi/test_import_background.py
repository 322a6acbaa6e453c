"""Imports above RAKOR_IMPORT_TASK_ROWS go through a background job (realisasi.importers.jobs),
here in eager mode (no REDIS_URL, as `make run`): the upload answers with the job's page, which
shows the same counts, or the same refused rows, as an import in the request. The same job
delivered again imports once; another user never sees the job."""

import pytest
from django.urls import reverse

from opd.choices import StatusTugas
from opd.jobs import report_progress
from opd.models import Job
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import ImportRecord, Pagu
from realisasi.tasks import import_file
from tests.factories import UserFactory

from .import_helpers import HEADER, login, upload

pytestmark = pytest.mark.django_db

ROWS = [
    HEADER,
    ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "1.500.000"],
    ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0002", "Ibu Bersalin", "PAD", "2.500.000"],
    ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0003", "Balita", "DAU", "3.000.000"],
]
BAD = [
    HEADER,
    ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "12x"],
    ["1.02", "", "1.02.02.2.01.0002", "Ibu Bersalin", "PAD", "-1"],
    ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0003", "Balita", "DAU", "3.000.000"],
]


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.RAKOR_IMPORT_TASK_ROWS = 2  # three data rows go to the queue


def post_apbd(client, name, data, **extra):
    return client.post(
        reverse("realisasi:import_apbd"),
        {"tahun": 2025, "stage": "murni", "file": upload(name, data), **extra},
    )


@pytest.mark.parametrize("name,build", [("apbd.csv", csv_bytes), ("apbd.xlsx", xlsx_bytes)])
def test_a_large_file_is_imported_by_a_job_and_its_page_shows_the_counts(
    client, verifikator, name, build
):
    response = post_apbd(login(client, verifikator), name, build(ROWS))
    job = Job.objects.get()
    assert response["Location"] == reverse("tugas:job", args=[job.pk])
    assert job.status == StatusTugas.SELESAI and job.upload is None  # the upload is not kept
    page = client.get(response["Location"]).content.decode()
    assert f"Impor APBD (pagu): {name}" in page
    assert "APBD (pagu): 3 baris (ditambah 3, diubah 0, tetap 0)." in page
    assert "data-status-url" not in page  # finished: nothing to poll
    # 1.500.000 + 2.500.000 + 3.000.000 = 7.000.000
    assert sum(Pagu.objects.values_list("pagu", flat=True)) == 7_000_000
    assert ImportRecord.objects.get().user == verifikator


def test_a_file_at_the_threshold_stays_in_the_request(client, verifikator):
    response = post_apbd(login(client, verifikator), "apbd.csv", csv_bytes(ROWS[:3]))
    assert response["Location"] == reverse("realisasi:import_home")
    assert not Job.objects.exists() and ImportRecord.objects.count() == 1


def test_refused_rows_are_listed_as_in_the_request_and_nothing_is_saved(client, verifikator):
    login(client, verifikator)
    in_request = post_apbd(client, "apbd.csv", csv_bytes(BAD[:3])).content.decode()
    response = post_apbd(client, "apbd.csv", csv_bytes(BAD))
    job = Job.objects.get()
    assert job.status == StatusTugas.GAGAL
    page = client.get(response["Location"]).content.decode()
    for row in (
        '<td class="num">2</td><td>pagu</td><td>&#x27;12x&#x27; bukan angka Rupiah</td>',
        "<td>nama_opd</td><td>wajib diisi.</td>",
    ):
        assert row in in_request and row in page
    assert "Impor ditolak: 3 masalah. Tidak ada yang disimpan." in page
    assert not Pagu.objects.exists() and not ImportRecord.objects.exists()


def test_the_status_answers_the_block_and_whether_to_poll_again(client, verifikator):
    login(client, verifikator)
    job = Job.objects.create(
        kind="impor", user=verifikator, judul="Impor Realisasi: besar.xlsx", task=import_file.name
    )
    waiting = client.get(reverse("tugas:job_status", args=[job.pk])).json()
    assert waiting["pending"] is True and "Menunggu giliran" in waiting["row"]
    Job.objects.filter(pk=job.pk).update(status=StatusTugas.BERJALAN)
    report_progress(job.pk, "periksa", 4000, 12000)
    running = client.get(reverse("tugas:job_status", args=[job.pk])).json()
    assert running["status"] == "berjalan"
    assert "Memeriksa baris: 4.000 dari 12.000" in running["row"]
    assert f'data-status-url="/tugas/{job.pk}/status/"' in running["row"]


def test_the_same_job_delivered_again_imports_once(client, verifikator):
    post_apbd(login(client, verifikator), "apbd.csv", csv_bytes(ROWS))
    job = Job.objects.get()
    import_file.apply((job.pk,), task_id=job.task_id)  # the same task given back
    import_file.apply((job.pk,))  # and another queueing
    assert ImportRecord.objects.count() == 1 and Pagu.objects.count() == 3


def test_another_user_never_sees_the_job(client, verifikator):
    post_apbd(login(client, verifikator), "apbd.csv", csv_bytes(ROWS))
    job = Job.objects.get()
    other = UserFactory(username="verifikator2", role=verifikator.role, opd=None)
    login(client, other)
    for name in ("tugas:job", "tugas:job_status", "tugas:job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_the_job_page_and_its_status_take_three_queries(
    client, verifikator, django_assert_num_queries
):
    post_apbd(login(client, verifikator), "apbd.csv", csv_bytes(ROWS))
    job = Job.objects.get()
    for name in ("tugas:job", "tugas:job_status"):
        # the session, its user, the job (without the upload and the file)
        with django_assert_num_queries(3):
            assert client.get(reverse(name, args=[job.pk])).status_code == 200
