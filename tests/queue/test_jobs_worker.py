"""Large imports and exports through Redis and a real worker process (tests/queue/conftest):
the upload answers with the job's page, whose status shows the worker's progress and then the
counts; a refused row leaves nothing saved; the same task delivered twice, or given back after
its worker was killed mid-import, imports once; a large export's file is written once."""

import io
import time

import openpyxl
import pytest
from django.urls import reverse

from opd.choices import JenisTugas, Role, StatusTugas
from opd.models import Job
from realisasi.importers.template_files import csv_bytes
from realisasi.models import ImportRecord, Pagu
from realisasi.tasks import import_file
from tests.factories import BudgetLineFactory, FiscalYearFactory, OpdFactory, UserFactory
from tests.queue.worker_helpers import REDIS_URL, Worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "pagu"]
ROWS = 12_000


def apbd_file(count: int, bad_row: int | None = None) -> bytes:
    rows = [
        ["1.02", "Dinas Kesehatan", f"1.02.02.2.01.{i:05d}", f"Sub kegiatan {i}", "DAU", 1_000 + i]
        for i in range(1, count + 1)
    ]
    if bad_row is not None:
        rows[bad_row - 2][5] = "12x"  # spreadsheet row bad_row: the header is row 1
    return csv_bytes([HEADER, *rows])


@pytest.fixture
def shared_cache(settings):
    """This process reads the worker's progress from the same Redis cache, as app servers do."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rakor",
        }
    }


@pytest.fixture
def importer(client, settings):
    settings.RAKOR_IMPORT_TASK_ROWS = 2000
    user = UserFactory(username="verifikator", role=Role.VERIFIKATOR, opd=None)
    client.force_login(user)
    return user


def upload(client, data: bytes) -> Job:
    file = io.BytesIO(data)
    file.name = "apbd-besar.csv"
    response = client.post(
        reverse("realisasi:import_apbd"), {"tahun": 2025, "stage": "murni", "file": file}
    )
    job = Job.objects.latest("pk")
    assert response["Location"] == reverse("tugas:job", args=[job.pk])
    return job


def finished(pk):
    job = Job.objects.defer("upload", "file").get(pk=pk)
    return job if not job.pending else None


def test_a_large_import_shows_its_progress_then_its_counts(queue, client, importer, shared_cache):
    job = upload(client, apbd_file(ROWS))
    status_url = reverse("tugas:job_status", args=[job.pk])
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = client.get(status_url).json()
        seen.append(answer["row"])
        if not answer["pending"]:
            break
        time.sleep(0.05)
    assert not answer["pending"], queue.tail()
    # the worker's progress, read by this process from the shared cache while it ran
    assert any("dari 12.000" in row for row in seen), queue.tail()
    assert "APBD (pagu): 12000 baris (ditambah 12000, diubah 0, tetap 0)." in answer["row"]
    assert Pagu.objects.count() == ROWS and ImportRecord.objects.count() == 1


def test_a_refused_row_leaves_nothing_saved(queue, client, importer):
    job = upload(client, apbd_file(ROWS, bad_row=11_999))
    done = wait_for(lambda: finished(job.pk), what=f"the import\n{queue.tail()}")
    assert done.status == StatusTugas.GAGAL
    page = client.get(reverse("tugas:job", args=[job.pk])).content.decode()
    assert "Impor ditolak: 1 masalah. Tidak ada yang disimpan." in page
    assert "<td>pagu</td><td>&#x27;12x&#x27; bukan angka Rupiah</td>" in page
    assert '<td class="num">11999</td>' in page
    assert not Pagu.objects.exists() and not ImportRecord.objects.exists()


def test_the_same_import_delivered_twice_imports_once(queue, client, importer, monkeypatch):
    queued = []
    monkeypatch.setattr(import_file, "delay", queued.append)  # the page queues nothing yet
    job = upload(client, apbd_file(ROWS))
    monkeypatch.undo()
    assert queued == [job.pk] and job.status == StatusTugas.MENUNGGU
    log_start = queue.log.stat().st_size
    import_file.apply_async((job.pk,), task_id=f"impor-{job.pk}")
    import_file.apply_async((job.pk,), task_id=f"impor-{job.pk}")  # the same message again
    import_file.delay(job.pk)  # and another queueing
    done = wait_for(lambda: finished(job.pk), what=f"the import\n{queue.tail()}")
    assert done.status == StatusTugas.SELESAI, done.pesan_galat
    wait_for(
        lambda: queue.log.read_bytes()[log_start:].count(b"succeeded") >= 3,
        what=f"the duplicates\n{queue.tail()}",
    )
    assert ImportRecord.objects.count() == 1 and Pagu.objects.count() == ROWS


def test_a_worker_killed_mid_import_imports_once_when_given_back(
    queue, client, importer, shared_cache
):
    job = upload(client, apbd_file(ROWS * 2))
    wait_for(
        lambda: (
            "dari 24.000" in client.get(reverse("tugas:job_status", args=[job.pk])).json()["row"]
        ),
        60,
        0.05,
        what=f"the import's progress\n{queue.tail()}",
    )
    queue.kill()  # mid-import: its transaction dies with it, nothing acknowledged
    assert not ImportRecord.objects.exists() and not Pagu.objects.exists()
    assert Job.objects.get(pk=job.pk).status == StatusTugas.BERJALAN
    replacement = Worker(queue.env, queue.log)
    replacement.start()
    try:
        done = wait_for(lambda: finished(job.pk), what=f"the given-back import\n{queue.tail()}")
    finally:
        replacement.stop()
        queue.start()  # the module's worker again, for the next tests
    assert done.status == StatusTugas.SELESAI, done.pesan_galat
    assert ImportRecord.objects.count() == 1 and Pagu.objects.count() == ROWS * 2


def test_a_large_export_is_written_by_the_worker(queue, client, settings):
    settings.RAKOR_EXPORT_TASK_ROWS = 1
    year = FiscalYearFactory(tahun=2025)
    for kode, nama in (("1.01", "Dinas Alfa"), ("1.02", "Kecamatan Beta")):
        BudgetLineFactory(fiscal_year=year, opd=OpdFactory(kode=kode, nama=nama), pagu=1_000_000)
    client.force_login(UserFactory(username="sekda", role=Role.PIMPINAN, opd=None))
    response = client.get(reverse("reports:rekap"), {"tahun": 2025, "bulan": 3, "_export": "xlsx"})
    job = Job.objects.get(kind=JenisTugas.EKSPOR)
    assert response["Location"] == reverse("tugas:job", args=[job.pk])
    done = wait_for(lambda: finished(job.pk), what=f"the export\n{queue.tail()}")
    assert done.status == StatusTugas.SELESAI, done.pesan_galat
    download = client.get(reverse("tugas:job_download", args=[job.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="rekap-2025-03.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    names = [
        c
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c in ("Dinas Alfa", "Kecamatan Beta")
    ]
    assert names == ["Dinas Alfa", "Kecamatan Beta"]


def test_an_import_past_the_time_limit_fails_and_saves_nothing(
    queue, client, importer, monkeypatch
):
    """A task that may run 2 s (RAKOR_TASK_TIME_LIMIT=2 on the worker; the limits travel in the
    message, so it is sent with them): the import is stopped by the soft limit, its transaction
    rolled back, and the job failed with the reason."""
    queued = []
    monkeypatch.setattr(import_file, "delay", queued.append)  # sent below, with the limits
    job = upload(client, apbd_file(ROWS * 4))
    monkeypatch.undo()
    queue.stop()
    hurried = Worker({**queue.env, "RAKOR_TASK_TIME_LIMIT": "2"}, queue.log)
    hurried.start()
    try:
        import_file.apply_async((job.pk,), soft_time_limit=2, time_limit=32)
        done = wait_for(lambda: finished(job.pk), what=f"the import\n{queue.tail()}")
    finally:
        hurried.stop()
        queue.start()  # the module's worker again, for the next tests
    assert done.status == StatusTugas.GAGAL
    assert done.pesan_galat == (
        "Pekerjaan tidak selesai dalam batas waktu (1 menit); tidak ada yang disimpan."
    )
    assert not Pagu.objects.exists() and not ImportRecord.objects.exists()
