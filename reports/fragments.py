"""Rendered fragments of the figures pages, cached until the data they show change.

The rekap table and the Dasbor's figures are the same for every reader with the same scope,
period and filters, and they are read far more often than written; rendering them (the rekap
is 45 rows × 16 formatted cells) costs more than their SQL. A fragment is cached under a
stamp of the data it is drawn from, read in one statement of small subqueries (index-only or
on tables of a few dozen rows) that no writer waits on:

- the ledger's highest row id: every refresh writes new rows, so any change of a figure
  (report, import, admin, APBD stage) gives a new id (ids are never reused: AUTOINCREMENT on
  SQLite, a sequence on PostgreSQL), and the number of lines of the year (a line deleted);
- the month's reports: the latest change and their number (status, lateness, notes);
- the OPDs, their groupings, the sumber dana and the fiscal years (names, kinds, funding
  groups, the year list of the period form): hashed;
- the latest import and the latest change in the Django admin (a PPTK or a line's details).
A stale fragment is never served: a change moves the stamp and the old key is not read again.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import connections, router
from django.db.models import Aggregate, Count, Manager, Max, QuerySet, TextField, Value
from django.db.models.functions import Cast, Concat
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

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType
    from django.http import HttpRequest

    from opd.models import User

TIMEOUT = 15 * 60
T = TypeVar("T")


def data_stamp(tahun: int, bulan: int) -> str:
    """A text that changes whenever a figure, report status or name shown for (tahun, bulan)
    changes: one statement of small subqueries, each on an index or a table of a few dozen
    rows (it runs on every request of the figures pages)."""
    alias = router.db_for_read(Ledger)
    sql, params = _stamp_statement(alias, tahun, bulan)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()


@functools.lru_cache(maxsize=128)
def _stamp_statement(alias: str, tahun: int, bulan: int) -> tuple[str, tuple[Any, ...]]:
    """The stamp's SQL and parameters, compiled once per database and period: building the
    ORM expressions of its ten subqueries cost more than running them."""
    reports = MonthlyReport.objects.filter(fiscal_year__tahun=tahun, bulan=bulan)
    parts = [
        _last_pk(Ledger.objects),
        _count(BudgetLine.objects.filter(fiscal_year__tahun=tahun)),
        _single(reports, Max("updated_at")),
        _count(reports),
        _rows(Opd.objects, "pk", "kode", "nama", "singkatan", "jenis", "aktif", "grouping_id"),
        _rows(Grouping.objects, "pk", "kode", "nama"),
        _rows(SumberDana.objects, "pk", "nama", "kelompok"),
        _rows(FiscalYear.objects, "pk", "tahun", "batas_hari_lapor"),
        _last_pk(ImportRecord.objects),
        _last_pk(LogEntry.objects),
    ]
    sql: list[str] = []
    params: list[Any] = []
    for query in parts:
        text, values = query.using(alias).query.sql_with_params()
        sql.append(f"({text})")
        params.extend(values)
    return "SELECT " + ", ".join(sql), tuple(params)


class _TextAgg(Aggregate):
    """The rows' texts joined in one value (GROUP_CONCAT; STRING_AGG on PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> _AsSqlType:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ';')",
        )


def _single(queryset: QuerySet[Any], expression: Aggregate) -> QuerySet[Any]:
    """`expression` over every row of `queryset`, as a one-value query usable as a subquery."""
    one_value: QuerySet[Any] = (
        queryset.order_by().annotate(one=Value(1)).values("one").annotate(v=expression).values("v")
    )
    return one_value


def _count(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return _single(queryset, Count("pk"))


def _last_pk(manager: Manager[Any]) -> QuerySet[Any]:
    return manager.order_by("-pk").values("pk")[:1]


def _rows(manager: Manager[Any], *fields: str) -> QuerySet[Any]:
    """Every row's fields as one text (a name or kind changed changes it; so may an update
    that leaves the row as it was, which only costs one render)."""
    texts: list[Cast | Value] = []
    for name in fields:
        texts += [Cast(name, TextField()), Value("|")]
    return _single(manager.all(), _TextAgg(Concat(*texts, output_field=TextField())))


def scope_of(user: User | AnonymousUser) -> str:
    """What of the data the user sees (and how it is shown to their role)."""
    if not user.is_authenticated:  # the cached pages are behind a login: never reached
        return ":none"
    return f"{getattr(user, 'role', '')}:{'all' if user.sees_all_opds else user.opd_id}"


def cached(
    request: HttpRequest, name: str, tahun: int, bulan: int, render: Callable[[], str]
) -> str:
    """render()'s HTML, or the copy cached for this scope, query string and data stamp."""
    return cached_html(
        request,
        name,
        [request.GET.urlencode(), str(tahun), str(bulan), data_stamp(tahun, bulan)],
        render,
    )


def cached_html(
    request: HttpRequest, name: str, parts: list[str], render: Callable[[], str]
) -> str:
    """render()'s HTML, or the copy cached for the reader's scope and language and `parts`
    (the period, the query, a stamp of the data drawn: a changed stamp is a new key)."""
    text = "\x00".join([scope_of(request.user), translation.get_language() or "", *parts])
    key = f"rakor:fragment:{name}:{hashlib.sha256(text.encode()).hexdigest()}"
    html: str | None = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # HTML this app rendered, kept as it was


def cached_value(
    name: str, tahun: int, bulan: int, compute: Callable[[], T], *, extra: str = ""
) -> T:
    """compute()'s result (any picklable object), or the copy cached for this period, `extra`
    and data stamp: data shared by several pages (the early warnings), computed once."""
    key = "rakor:value:{}:{}".format(
        name,
        hashlib.sha256(
            "\x00".join([str(tahun), str(bulan), extra, data_stamp(tahun, bulan)]).encode()
        ).hexdigest(),
    )
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
