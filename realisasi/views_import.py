"""The "Impor data" pages: the three imports, their templates and the history of imports.

Only verifikator and admin users may import (others get 403, anonymous users the login page).
Every import goes through realisasi.importers.run_import, the one door for imported data.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .choices import JenisImpor
from .forms_import import FORMS
from .importers import IMPORTERS, ImportRejected, run_import, template_csv, template_xlsx
from .models import ImportRecord

HISTORY_SIZE = 50
TEMPLATE_TYPES = {
    "xlsx": (template_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (template_csv, "text/csv; charset=utf-8"),
}


def verifikator_required(view):
    """Login first; then verifikator or admin only (403 for everyone else)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_verifikator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _kinds():
    return [
        {
            "jenis": jenis,
            "label": jenis.label,
            "url": reverse(f"realisasi:import_{jenis.value}"),
            "columns": IMPORTERS[jenis].columns(),
            "required": IMPORTERS[jenis].required,
        }
        for jenis in JenisImpor
    ]


@verifikator_required
def import_home(request):
    records = ImportRecord.objects.select_related("user", "tahun")[:HISTORY_SIZE]
    return render(request, "realisasi/import_home.html", {"kinds": _kinds(), "records": records})


@verifikator_required
def import_upload(request, jenis: str):
    jenis = JenisImpor(jenis)
    form_class = FORMS[jenis]
    problems = None
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = run_import(
                    jenis,
                    upload.name,
                    b"".join(upload.chunks()),
                    tahun=form.cleaned_data["tahun"],
                    user=request.user,
                    **form.import_options(),
                )
            except ImportRejected as exc:
                problems = exc
            else:
                messages.success(request, result.summary())
                return redirect("realisasi:import_home")
    else:
        form = form_class()
    context = {
        "form": form,
        "jenis": jenis,
        "label": jenis.label,
        "columns": IMPORTERS[jenis].columns(),
        "required": IMPORTERS[jenis].required,
        "problems": problems.listed if problems else None,
        "problems_total": len(problems.problems) if problems else 0,
        "problems_more": problems.not_listed if problems else 0,
    }
    return render(request, "realisasi/import_upload.html", context)


@verifikator_required
def import_template(request, jenis: str, fmt: str):
    if jenis not in JenisImpor.values or fmt not in TEMPLATE_TYPES:
        raise Http404
    build, content_type = TEMPLATE_TYPES[fmt]
    response = HttpResponse(build(jenis), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="template-impor-{jenis}.{fmt}"'
    return response
