"""Rendered fragments of the figures pages, cached until the data they show change.

The rekap table and the Dasbor's figures are the same for every reader with the same scope,
period and filters, and they are read far more often than written; rendering them (the rekap
is 45 rows × 16 formatted cells) costs more than their SQL. A fragment is cached under a
stamp of the data it is drawn from, read in a few index-only queries that no writer waits on:

- the ledger's highest row id: every refresh writes new rows, so any change of a figure
  (report, import, admin, APBD stage) gives a new id (ids are never reused: AUTOINCREMENT on
  SQLite, a sequence on PostgreSQL), and the number of lines of the year (a line deleted);
- the month's reports: the latest change and their number (status, lateness, notes);
- the OPDs, their groupings, the sumber dana and the fiscal years (names, kinds, funding
  groups, the year list of the period form): hashed;
- the latest import and the latest change in the Django admin (a PPTK or a line's details).
A stale fragment is never served: a change moves the stamp and the old key is not read again.
"""

import hashlib

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import translation
from django.utils.safestring import mark_safe

from opd.models import Grouping, Opd
from realisasi.models import (
    BudgetLine,
    FiscalYear,
    ImportRecord,
    Ledger,
    MonthlyReport,
    SumberDana,
)

TIMEOUT = 15 * 60


def data_stamp(tahun: int, bulan: int) -> str:
    """A text that changes whenever a figure, report status or name shown for (tahun, bulan)
    changes (nine small queries, each on an index or a table of a few dozen rows)."""
    reports = MonthlyReport.objects.filter(tahun__tahun=tahun, bulan=bulan).aggregate(
        changed=Max("updated_at"), count=Count("pk")
    )
    parts = [
        Ledger.objects.aggregate(last=Max("pk"))["last"],
        BudgetLine.objects.filter(tahun__tahun=tahun).count(),
        reports["changed"],
        reports["count"],
        list(
            Opd.objects.order_by("pk").values_list(
                "pk", "kode", "nama", "singkatan", "jenis", "aktif", "grouping_id"
            )
        ),
        list(Grouping.objects.order_by("pk").values_list("pk", "kode", "nama")),
        list(SumberDana.objects.order_by("pk").values_list("pk", "nama", "kelompok")),
        list(FiscalYear.objects.order_by("pk").values_list("pk", "tahun", "batas_hari_lapor")),
        ImportRecord.objects.aggregate(last=Max("pk"))["last"],
        LogEntry.objects.aggregate(last=Max("pk"))["last"],
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def scope_of(user) -> str:
    """What of the data the user sees (and how it is shown to their role)."""
    return f"{getattr(user, 'role', '')}:{'all' if user.sees_all_opds else user.opd_id}"


def cached(request, name: str, tahun: int, bulan: int, render) -> str:
    """render()'s HTML, or the copy cached for this scope, query string and data stamp."""
    query = request.GET.urlencode()
    key = "rakor:fragment:{}:{}".format(
        name,
        hashlib.sha256(
            "\x00".join(
                [
                    scope_of(request.user),
                    translation.get_language() or "",
                    query,
                    str(tahun),
                    str(bulan),
                    data_stamp(tahun, bulan),
                ]
            ).encode()
        ).hexdigest(),
    )
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # HTML this app rendered, kept as it was


def cached_value(name: str, tahun: int, bulan: int, compute, *, extra: str = ""):
    """compute()'s result (any picklable object), or the copy cached for this period, `extra`
    and data stamp: data shared by several pages (the early warnings), computed once."""
    key = "rakor:value:{}:{}".format(
        name,
        hashlib.sha256(
            "\x00".join([str(tahun), str(bulan), extra, data_stamp(tahun, bulan)]).encode()
        ).hexdigest(),
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
