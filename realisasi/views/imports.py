"""The "Impor data" pages: the imports, their templates, column mappings and the history.

A file with more than RAKOR_IMPORT_TASK_ROWS data rows is imported by a background job
(realisasi.importers.jobs): the upload answers with the job's page, which shows its progress and
then the same result or problems as an import in the request.

Only verifikator and admin users may import (others get 403, anonymous users the login page);
the user import is the admin's alone. Every import goes through realisasi.importers.run_import,
the one door for imported data.

The one-time passwords of a user import are shown once, in the answer to the upload (never
cached), and kept in the admin's session for one CSV download within PASSWORDS_TTL seconds;
the download, a later visit to the import page or the time limit removes them. They are stored
nowhere else (the accounts keep only their hashes).
"""

import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opd.access import VERIFIKATOR_ROLES, is_admin, is_verifikator, role_required

from ..choices import JenisImpor
from ..forms_import import FORMS, ColumnPresetForm
from ..importers import IMPORTERS, ImportRejected, run_import, template_csv, template_xlsx
from ..importers.jobs import runs_in_background, start_import
from ..importers.mapping import BUILTIN
from ..importers.template_files import csv_bytes
from ..models import ImportRecord

PASSWORDS_KEY = "import_passwords"
PASSWORDS_TTL = 600
HEADERS_KEY = "import_headers"

HISTORY_SIZE = 50
TEMPLATE_TYPES = {
    "xlsx": (template_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (template_csv, "text/csv; charset=utf-8"),
}


def may_import(user, jenis) -> bool:
    """Verifikator and admin import the budget; only an admin imports accounts."""
    if jenis == JenisImpor.PENGGUNA:
        return is_admin(user)
    return is_verifikator(user)


def _kinds(user):
    return [
        {
            "jenis": jenis,
            "label": jenis.label,
            "url": reverse(f"realisasi:import_{jenis.value}"),
            "columns": IMPORTERS[jenis].columns(),
            "required": IMPORTERS[jenis].required,
        }
        for jenis in JenisImpor
        if may_import(user, jenis)
    ]


@role_required(*VERIFIKATOR_ROLES)
def import_home(request):
    request.session.pop(PASSWORDS_KEY, None)
    records = ImportRecord.objects.select_related("user", "fiscal_year")[:HISTORY_SIZE]
    return render(
        request, "realisasi/import_home.html", {"kinds": _kinds(request.user), "records": records}
    )


@role_required(*VERIFIKATOR_ROLES)
def import_upload(request, jenis: str):
    jenis = JenisImpor(jenis)
    if not may_import(request.user, jenis):
        raise PermissionDenied
    form_class = FORMS[jenis]
    problems = None
    mapping_offered = False
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = b"".join(upload.chunks())
            if runs_in_background(jenis, upload.name, data):
                job = start_import(jenis, form, upload.name, data, request.user)
                return redirect("tugas:job", pk=job.pk)
            try:
                result = run_import(
                    jenis,
                    upload.name,
                    data,
                    tahun=form.cleaned_data.get("tahun"),
                    user=request.user,
                    **form.import_options(),
                )
            except ImportRejected as exc:
                problems = exc
                if exc.headers:
                    request.session[HEADERS_KEY] = {"jenis": jenis.value, "headers": exc.headers}
                    mapping_offered = True
            else:
                if jenis == JenisImpor.PENGGUNA:
                    return _passwords_page(request, result)
                messages.success(request, result.summary())
                return redirect("realisasi:import_home")
    else:
        form = form_class(initial={"pemetaan": request.GET.get("pemetaan", "")})
    context = {
        "form": form,
        "jenis": jenis,
        "label": jenis.label,
        "columns": IMPORTERS[jenis].columns(),
        "required": IMPORTERS[jenis].required,
        "problems": problems.listed if problems else None,
        "problems_total": len(problems.problems) if problems else 0,
        "problems_more": problems.not_listed if problems else 0,
        "mapping_offered": mapping_offered,
        "has_sipd_preset": "sipd" in BUILTIN.get(jenis, {}),
    }
    return render(request, "realisasi/import_upload.html", context)


def _passwords_page(request, result):
    """The result of a user import, with its one-time passwords: shown this once."""
    request.session[PASSWORDS_KEY] = {"at": time.time(), "rows": result.passwords}
    response = render(
        request,
        "realisasi/import_passwords.html",
        {"result": result, "passwords": result.passwords},
    )
    response["Cache-Control"] = "no-store"
    return response


@role_required(*VERIFIKATOR_ROLES)
def import_passwords(request):
    """The one-time passwords of the last user import as a CSV, once: then they are gone."""
    if not may_import(request.user, JenisImpor.PENGGUNA):
        raise PermissionDenied
    kept = request.session.pop(PASSWORDS_KEY, None) or {}
    fresh = time.time() - kept.get("at", 0) <= PASSWORDS_TTL
    passwords = kept.get("rows") if fresh else None
    if not passwords:
        messages.warning(
            request,
            _(
                "Daftar kata sandi sekali pakai sudah diunduh atau tidak ada lagi. Atur ulang "
                "kata sandi seseorang di halaman Admin bila perlu."
            ),
        )
        return redirect("realisasi:import_home")
    rows = [["username", "nama", "kata_sandi_sekali_pakai"], *map(list, passwords)]
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kata-sandi-sekali-pakai.csv"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(*VERIFIKATOR_ROLES)
def import_mapping(request, jenis: str):
    """The column-mapping step: name which column of the Pemda's file is which template column,
    save it as a preset, then upload the file again with that preset."""
    if jenis not in JenisImpor.values:
        raise Http404
    jenis = JenisImpor(jenis)
    if not may_import(request.user, jenis):
        raise PermissionDenied
    remembered = request.session.get(HEADERS_KEY) or {}
    headers = remembered.get("headers", []) if remembered.get("jenis") == jenis.value else []
    form = ColumnPresetForm(request.POST or None, jenis=jenis, headers=headers)
    if request.method == "POST" and form.is_valid():
        preset = form.save(request.user)
        request.session.pop(HEADERS_KEY, None)
        messages.success(
            request,
            _("Pemetaan '%(n)s' disimpan. Unggah file Anda lagi dengan pemetaan ini.")
            % {"n": preset.nama},
        )
        url = reverse(f"realisasi:import_{jenis.value}")
        return redirect(f"{url}?pemetaan=preset-{preset.pk}")
    context = {"form": form, "jenis": jenis, "label": jenis.label, "headers": headers}
    return render(request, "realisasi/import_mapping.html", context)


@role_required(*VERIFIKATOR_ROLES)
def import_template(request, jenis: str, fmt: str):
    if jenis not in JenisImpor.values or fmt not in TEMPLATE_TYPES:
        raise Http404
    if not may_import(request.user, jenis):
        raise PermissionDenied
    build, content_type = TEMPLATE_TYPES[fmt]
    response = HttpResponse(build(jenis), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="template-impor-{jenis}.{fmt}"'
    return response
