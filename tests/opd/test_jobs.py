"""The rules of every background job (opd.jobs), whatever its work: its work and its final
status in one transaction, a time limit or a crash fails it with nothing saved, a job whose
worker died is failed rather than left running, and a second delivery does no second work."""

import datetime

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse
from django.utils import timezone

from opd import jobs
from opd.choices import StatusTugas
from opd.models import Grouping, Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(verifikator):
    return Job.objects.create(
        kind="ekspor",
        user=verifikator,
        judul="Ekspor Jejak audit",
        task="reports.tasks.export_table",
    )


def writes_then(exception):
    def work(job):
        Grouping.objects.create(kode="AS9", nama="dibuat oleh pekerjaan")
        raise exception

    return work


def test_finished_work_is_stored_with_its_status(job):
    def work(job):
        Grouping.objects.create(kode="AS9", nama="dibuat oleh pekerjaan")
        return {"file": b"a;b", "filename": "x.csv", "content_type": "text/csv"}

    assert jobs.run(job.pk, "t-1", work) == StatusTugas.SELESAI
    job.refresh_from_db()
    assert job.status == StatusTugas.SELESAI and bytes(job.file) == b"a;b"
    assert job.started_at <= job.finished_at and Grouping.objects.count() == 1


def test_the_soft_time_limit_fails_the_job_and_saves_nothing(job, settings):
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 300
    assert jobs.run(job.pk, "t-1", writes_then(SoftTimeLimitExceeded())) == StatusTugas.GAGAL
    job.refresh_from_db()
    assert job.pesan_galat == (
        "Pekerjaan tidak selesai dalam batas waktu (5 menit); tidak ada yang disimpan."
    )
    assert not Grouping.objects.exists()


def test_a_crash_fails_the_job_with_an_indonesian_message(job):
    jobs.run(job.pk, "t-1", writes_then(RuntimeError("boom")))
    job.refresh_from_db()
    assert job.status == StatusTugas.GAGAL and not Grouping.objects.exists()
    assert job.pesan_galat == "Pekerjaan gagal karena kesalahan sistem; tidak ada yang disimpan."


def test_a_refusal_keeps_its_result_for_the_page(job):
    jobs.run(job.pk, "t-1", writes_then(jobs.JobFailed("Ditolak.", {"problems_total": 2})))
    job.refresh_from_db()
    assert (job.status, job.pesan_galat, job.result) == ("gagal", "Ditolak.", {"problems_total": 2})
    assert not Grouping.objects.exists()


def test_another_delivery_steps_aside_the_same_one_goes_on(job):
    done = []
    Job.objects.filter(pk=job.pk).update(status=StatusTugas.BERJALAN, task_id="t-1")
    assert jobs.run(job.pk, "t-2", lambda job: done.append("t-2") or {}) == "berjalan"
    # t-1 given back after its worker died (same task id): it does the work
    assert jobs.run(job.pk, "t-1", lambda job: done.append("t-1") or {}) == "selesai"
    assert jobs.run(job.pk, "t-1", lambda job: done.append("again") or {}) == "selesai"
    assert done == ["t-1"]


def test_a_job_running_past_the_hard_limit_is_shown_failed(client, job, settings):
    settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT = 300, 330
    # its worker was killed 391 s ago: past 330 s + the 60 s margin
    started = timezone.now() - datetime.timedelta(seconds=391)
    Job.objects.filter(pk=job.pk).update(status=StatusTugas.BERJALAN, started_at=started)
    client.force_login(job.user)
    status = client.get(reverse("tugas:job_status", args=[job.pk])).json()
    assert status["pending"] is False and status["status"] == "gagal"
    assert "tidak selesai dalam batas waktu (5 menit)" in status["row"]


def test_the_sweep_fails_dead_jobs_and_queues_waiting_ones_again(verifikator, settings):
    settings.CELERY_TASK_TIME_LIMIT = 330
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    dead, waiting, young = (
        Job.objects.create(kind="ekspor", user=verifikator, judul=str(n), task="x.unknown")
        for n in range(3)
    )
    Job.objects.filter(pk=dead.pk).update(status=StatusTugas.BERJALAN, started_at=long_ago)
    Job.objects.filter(pk=waiting.pk).update(created_at=long_ago)
    assert jobs.requeue_waiting() == 1  # only the old waiting one (its task is unknown here)
    assert Job.objects.get(pk=dead.pk).status == StatusTugas.GAGAL
    assert Job.objects.get(pk=young.pk).status == StatusTugas.MENUNGGU


def test_the_users_job_list_shows_each_job_with_its_result_newest_first(
    client, verifikator, operator
):
    def made(judul, minutes_ago, **fields):
        job = Job.objects.create(
            kind=fields.pop("kind", "impor"), user=fields.pop("user", verifikator), judul=judul,
            task="realisasi.tasks.import_job", **fields,
        )  # fmt: skip
        created = timezone.now() - datetime.timedelta(minutes=minutes_ago)
        Job.objects.filter(pk=job.pk).update(created_at=created)
        return job

    export = made(
        "Ekspor rekap", 5, kind="ekspor", status=StatusTugas.SELESAI, file=b"a;b",
        filename="rekap-2025-03.csv", finished_at=timezone.now(),
    )  # fmt: skip
    made(
        "Impor realisasi 30.000 baris", 60, status=StatusTugas.GAGAL,
        pesan_galat="File ditolak.", result={"problems_total": 3},
    )  # fmt: skip
    made("Impor target", 1, status=StatusTugas.BERJALAN, started_at=timezone.now())
    made("Ekspor milik operator", 2, user=operator)
    client.force_login(verifikator)
    response = client.get(reverse("tugas:job_list"))
    assert response.status_code == 200
    content = response.content.decode()
    titles = ["Impor target", "Ekspor rekap", "Impor realisasi"]
    assert sorted(titles, key=content.index) == titles  # newest first
    assert "Ekspor milik operator" not in content  # another user's job
    assert "Sedang berjalan" in content and "Selesai" in content
    assert "File ditolak: 3 masalah; lihat rinciannya." in content
    assert reverse("tugas:job_download", args=[export.pk]) in content
    assert "Unduh rekap-2025-03.csv" in content
    # from a job's page and from the notifications the list is one click away
    page = client.get(reverse("tugas:job", args=[export.pk])).content.decode()
    assert reverse("tugas:job_list") in page
    assert (
        reverse("tugas:job_list") in client.get(reverse("opd:notification_list")).content.decode()
    )


def test_an_empty_job_list_says_what_will_appear_there(client, operator):
    client.force_login(operator)
    content = client.get(reverse("tugas:job_list")).content.decode()
    assert "Belum ada pekerjaan latar belakang." in content
