"""Views of the Rakor meetings and their follow-ups.

Who may do what, in one place: verifikator/admin create and edit meetings and arahan
(`role_required`, opd.access); OPD users read and update only their own OPD's follow-ups
(`TindakLanjut.objects.visible_to`); pimpinan read. The briefing itself (issue, download)
lives in `reports`; the meeting page links to it by URL name.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opd.access import OPD_ROLES, VERIFIKATOR_ROLES, role_required

from ..choices import StatusBriefing, StatusTindakLanjut
from ..forms import (
    MAX_NEW_ROWS,
    NEW_ROWS,
    ArahanForm,
    ProgressForm,
    RakorForm,
    TindakLanjutFilter,
    tindak_lanjut_formset,
)
from ..models import Arahan, Rakor, TindakLanjut


@login_required
def meeting_list(request):
    rakor_list = (
        Rakor.objects.select_related("fiscal_year")
        .annotate(
            jumlah_arahan=Count("arahan_set", distinct=True),
            jumlah_terbuka=Count(
                "arahan_set__tindak_lanjut_set",
                filter=~Q(arahan_set__tindak_lanjut_set__status=StatusTindakLanjut.SELESAI),
                distinct=True,
            ),
        )
        .order_by("-tanggal", "-pk")
    )
    return render(request, "rakor/meeting_list.html", {"rakor_list": rakor_list})


@login_required
def meeting_detail(request, pk):
    rakor = get_object_or_404(Rakor.objects.select_related("fiscal_year"), pk=pk)
    followups = TindakLanjut.objects.visible_to(request.user).with_overdue().select_related("opd")
    arahan_list = rakor.arahan_set.prefetch_related(
        Prefetch("tindak_lanjut_set", queryset=followups.order_by("opd__kode", "pk"))
    )
    briefings = []
    if request.user.sees_all_opds:
        briefings = list(
            rakor.briefings.defer("pdf", "html", "figures").select_related("issued_by")
        )
        _fail_stale(briefings)
    diundang = list(rakor.opd_diundang.order_by("kode"))
    hadir_ids = set(rakor.opd_hadir.values_list("pk", flat=True))
    return render(
        request,
        "rakor/meeting_detail.html",
        {
            "rakor": rakor,
            "arahan_list": arahan_list,
            "diundang": diundang,
            # Once held, the absent OPDs first: the ones the Sekda asks about; "x dari n" counts
            # the present among the invited, so the two lists add up to the invited.
            "absent_opds": [opd for opd in diundang if opd.pk not in hadir_ids],
            "present_opds": [opd for opd in diundang if opd.pk in hadir_ids],
            "held": rakor.is_held(),
            "briefings": briefings,
            "pending": any(b.status == StatusBriefing.MENUNGGU for b in briefings),
        },
    )


def _fail_stale(briefings):
    """A render job that died without reporting is marked failed so the page stops waiting."""
    for briefing in briefings:
        briefing.fail_if_stale()


@role_required(*VERIFIKATOR_ROLES)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk=None):
    rakor = get_object_or_404(Rakor, pk=pk) if pk else None
    form = RakorForm(request.POST or None, instance=rakor)
    if request.method == "POST" and form.is_valid():
        rakor = form.save()
        messages.success(request, _("Rakor tersimpan."))
        return redirect("rakor:meeting_detail", pk=rakor.pk)
    return render(request, "rakor/meeting_form.html", {"form": form, "rakor": rakor})


@role_required(*VERIFIKATOR_ROLES)
@require_http_methods(["GET", "POST"])
def arahan_edit(request, rakor_pk, pk=None):
    rakor = get_object_or_404(Rakor, pk=rakor_pk)
    arahan = get_object_or_404(Arahan, pk=pk, rakor=rakor) if pk else Arahan(rakor=rakor)
    if pk is None:
        arahan.nomor = rakor.arahan_set.count() + 1
    form = ArahanForm(request.POST or None, instance=arahan)
    rows = _new_rows(request.GET.get("baris"))
    formset = tindak_lanjut_formset(rows)(
        request.POST or None, instance=arahan, prefix="tl", form_kwargs={"rakor": rakor}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            arahan = form.save()
            formset.instance = arahan
            formset.save()
        messages.success(request, _("Arahan dan tindak lanjutnya tersimpan."))
        if "tambah" in request.POST:
            # saved; back to the same arahan with blank rows for more follow-ups
            url = reverse("rakor:arahan_edit", args=[rakor.pk, arahan.pk])
            return redirect(f"{url}?baris={MORE_ROWS}")
        return redirect("rakor:meeting_detail", pk=rakor.pk)
    return render(
        request,
        "rakor/arahan_form.html",
        {
            "form": form,
            "formset": formset,
            "rakor": rakor,
            "arahan": arahan,
            "more_rows": min(rows + MORE_ROWS, MAX_NEW_ROWS),
        },
    )


MORE_ROWS = 5


def _new_rows(raw) -> int:
    """Blank follow-up rows asked for with ?baris= (anything else: the default)."""
    if raw and raw.isdigit():
        return min(int(raw), MAX_NEW_ROWS)
    return NEW_ROWS


@login_required
def followup_list(request):
    queryset = (
        TindakLanjut.objects.visible_to(request.user)
        .with_overdue()
        .select_related("opd", "arahan__rakor__fiscal_year")
        .order_by("batas_waktu", "opd__kode", "pk")
    )
    filterset = TindakLanjutFilter(request.GET or None, queryset=queryset)
    if not request.user.sees_all_opds:
        del filterset.form.fields["opd"]
    return render(
        request,
        "rakor/followup_list.html",
        {"filter": filterset, "followups": filterset.qs},
    )


@role_required(*OPD_ROLES, *VERIFIKATOR_ROLES)
@require_http_methods(["GET", "POST"])
def followup_update(request, pk):
    followup = get_object_or_404(
        TindakLanjut.objects.visible_to(request.user)
        .with_overdue()
        .select_related("opd", "arahan__rakor"),
        pk=pk,
    )
    form = ProgressForm(request.POST or None, initial={"status": followup.status})
    if request.method == "POST" and form.is_valid():
        followup.record_progress(
            user=request.user,
            status=form.cleaned_data["status"],
            catatan=form.cleaned_data["catatan"],
        )
        messages.success(request, _("Perkembangan tindak lanjut tersimpan."))
        return redirect("rakor:followup_list")
    notes = followup.notes.select_related("user")
    return render(
        request,
        "rakor/followup_update.html",
        {"followup": followup, "form": form, "notes": notes},
    )
