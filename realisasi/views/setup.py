"""The set-up page ("Persiapan"): the state of a year's set-up as a checklist with links, and
the button that opens a new fiscal year. For verifikator and admin (who load the year)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from opd.access import VERIFIKATOR_ROLES, role_required

from ..forms_setup import OpenYearForm, SetupYearForm
from ..models import FiscalYear
from ..period import Period
from ..years import YearError, open_year, setup_steps


def default_setup_year(today) -> int:
    """The year being set up: the latest open year, or the year people report in now."""
    latest = FiscalYear.objects.order_by("-tahun").values_list("tahun", flat=True).first()
    return latest or Period.reporting(today).tahun


@role_required(*VERIFIKATOR_ROLES)
def setup(request):
    today = timezone.localdate()
    form = SetupYearForm(request.GET or None)
    if form.is_bound and form.is_valid():
        tahun = form.cleaned_data["tahun"]
    else:
        tahun = default_setup_year(today)
    steps = setup_steps(tahun, today)
    context = {
        "tahun": tahun,
        "steps": steps,
        "done": sum(step.done for step in steps),
        "year_form": form if form.is_bound else SetupYearForm(initial={"tahun": tahun}),
        "open_form": OpenYearForm(initial={"tahun": tahun + 1 if steps[1].done else tahun}),
    }
    return render(request, "realisasi/setup.html", context)


@require_POST
@role_required(*VERIFIKATOR_ROLES)
def setup_open_year(request):
    form = OpenYearForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("realisasi:setup")
    try:
        opened = open_year(form.cleaned_data["tahun"], form.cleaned_data.get("dari") or None)
    except YearError as exc:
        messages.error(request, str(exc))
        return redirect("realisasi:setup")
    messages.success(request, opened.summary())
    return redirect(f"{reverse('realisasi:setup')}?tahun={opened.year.tahun}")
