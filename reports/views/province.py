"""The province dashboard (province mode only): every kabupaten/kota's realization against
target from its last good pull, ranked, with who is stale or unreachable (reports.province)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from opd.access import sees_all_opds

from ..province import province_rows, province_total


@login_required
def province(request):
    if not settings.RAKOR_PROVINCE_MODE:
        raise Http404
    if not sees_all_opds(request.user):
        raise PermissionDenied
    rows = province_rows()
    context = {
        "rows": rows,
        "total": province_total(rows),
        "stale_hours": settings.RAKOR_PROVINCE_STALE_HOURS,
    }
    return render(request, "reports/province.html", context)
