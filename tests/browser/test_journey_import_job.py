"""A verifikator uploads a large APBD file: the upload answers with the job's page, which
follows the work on its own (static/js/progress.js: waiting, the rows checked, then the
counts) without the page being reloaded. The queue is held back so each state can be seen: a
worker would do the same steps."""

import pytest
from playwright.sync_api import expect

from opd.choices import StatusTugas
from opd.jobs import report_progress
from opd.models import Job
from realisasi.importers.template_files import csv_bytes
from realisasi.models import ImportRecord
from realisasi.tasks import import_file

from .helpers import PHONE, login

pytestmark = pytest.mark.browser

HEADER = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "pagu"]
ROWS = 3000


def big_apbd() -> bytes:
    return csv_bytes(
        [
            HEADER,
            *(
                ["1.02", "Dinas Kesehatan", f"1.02.02.2.01.{i:04d}", f"Sub kegiatan {i}", "DAU", i]
                for i in range(1, ROWS + 1)
            ),
        ]
    )


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_large_upload_shows_its_progress_then_its_result(
    new_page, b_verifikator, settings, monkeypatch, viewport
):
    settings.RAKOR_IMPORT_TASK_ROWS = 2000
    queued = []
    monkeypatch.setattr(import_file, "delay", queued.append)  # held back: a worker's queue
    page = new_page(viewport=viewport)
    login(page, "verifikator")
    page.goto("/laporan/impor/apbd/")
    page.get_by_label("Tahun anggaran").fill("2025")
    page.get_by_label("File (.xlsx atau .csv)").set_input_files(
        {"name": "apbd-2025.csv", "mimeType": "text/csv", "buffer": big_apbd()}
    )
    page.get_by_role("button", name="Periksa dan impor").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Impor APBD (pagu): apbd-2025.csv")
    job = Job.objects.get()
    assert queued == [job.pk]
    expect(page.locator(".job")).to_contain_text("Menunggu giliran")
    page.evaluate("window.samePage = true")  # gone if the page were reloaded

    # a worker takes it and reports the rows it has checked
    Job.objects.filter(pk=job.pk).update(status=StatusTugas.BERJALAN, task_id="antrian-1")
    report_progress(job.pk, "periksa", 2000, ROWS)
    expect(page.locator(".job")).to_contain_text("Memeriksa baris: 2.000 dari 3.000")
    expect(page.locator(".job progress")).to_have_attribute("value", "2000")

    import_file.apply((job.pk,), task_id="antrian-1")  # and finishes it
    expect(page.locator(".job")).to_contain_text(
        "APBD (pagu): 3000 baris (ditambah 3000, diubah 0, tetap 0)."
    )
    assert page.evaluate("window.samePage") is True
    assert ImportRecord.objects.get().rows_total == ROWS
    page.get_by_role("link", name="← Kembali").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor APBD (pagu)")
