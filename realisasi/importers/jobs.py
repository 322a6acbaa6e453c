"""Imports of large files as background jobs (opd.jobs): a file with more than
RAKOR_IMPORT_TASK_ROWS data rows is stored with its job and imported by
realisasi.tasks.import_file through the same door as in the request (importers.run_import),
with the same result and the same row-by-row Indonesian problems. The user import stays in
the request: its one-time passwords are shown once, in the answer to the upload."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from opd import jobs
from opd.choices import JenisTugas

from ..choices import JenisImpor
from . import ImportRejected, run_import
from .mapping import mapping_for
from .reading import estimated_rows


def runs_in_background(jenis: str, name: str, data: bytes) -> bool:
    return jenis != JenisImpor.PENGGUNA and estimated_rows(name, data) > (
        settings.RAKOR_IMPORT_TASK_ROWS
    )


def start_import(jenis: str, form, name: str, data: bytes, user):
    """Store the upload and its options with a job and queue its import."""

    options = {key: value for key, value in form.import_options().items() if key != "mapping"}
    return jobs.start(
        kind=JenisTugas.IMPOR,
        user=user,
        judul=_("Impor %(jenis)s: %(nama)s") % {"jenis": JenisImpor(jenis).label, "nama": name},
        task="realisasi.tasks.import_file",
        params={
            "jenis": jenis,
            "tahun": form.cleaned_data.get("tahun"),
            "pemetaan": form.cleaned_data.get("pemetaan") or "",
            "options": options,
            "back": reverse(f"realisasi:import_{jenis}"),
        },
        upload=data,
        upload_name=name,
    )


def import_job(job) -> dict:
    """The work of one import job (inside opd.jobs.run's transaction)."""
    params = job.params
    jenis = params["jenis"]

    def progress(phase, done, total):
        jobs.report_progress(job.pk, phase, done, total)

    try:
        result = run_import(
            jenis,
            job.upload_name,
            bytes(job.upload),
            tahun=params["tahun"],
            user=job.user,
            progress=progress,
            mapping=mapping_for(jenis, params["pemetaan"]),
            **params["options"],
        )
    except ImportRejected as exc:
        raise jobs.JobFailed(
            _("Impor ditolak; tidak ada yang disimpan."),
            result={
                "problems": [
                    {"baris": p.baris, "kolom": p.kolom, "masalah": p.masalah} for p in exc.listed
                ],
                "problems_total": len(exc.problems),
                "problems_more": exc.not_listed,
            },
        ) from exc
    return {
        "result": {
            "summary": result.summary(),
            "import_record": result.record.pk,
            "rows_total": result.total,
            "rows_added": result.added,
            "rows_changed": result.changed,
            "rows_unchanged": result.unchanged,
        }
    }
