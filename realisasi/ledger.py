"""The ledger's one writer: each budget line's figures at each month, derived from its history.

For a line at month m (../shared/domain/README.md §3):
- pagu: the pagu of the latest APBD stage in force at m (berlaku_mulai <= m, then urutan) that
  has a row for the line, so a line absent from a later stage keeps its earlier pagu; 0 when
  no stage in force has one;
- target keuangan/fisik: the latest cumulative target at or before m (0 before the first);
- realisasi keuangan/fisik: the latest reported cumulative figure at or before m (carried
  forward; 0 when never reported), with the month and source it came from; `reported` says
  whether the line has its own Realisasi row for m.

`refresh(line_ids, from_month)` recomputes the rows of those lines from that month on (a
figure of month m changes every later month it is carried into) and, in the same
transaction, the sums of their OPDs per sumber dana and month (LedgerTotal, what the Pemda's
pages read); it is the only code that writes realisasi_ledger and realisasi_ledgertotal.
Two saves of one OPD take turns on those sums (a row lock on the OPD that foreign-key
inserts do not wait for); saves of different OPDs never wait for one another. Who calls it:
- the bulk write doors, in their own transaction: the report save (realisasi.workflow), every
  importer (realisasi.importers.base), the demo and the benchmark generator (`rebuild`);
- single-row saves and deletions of Pagu, Target, Realisasi, BudgetLine and ApbdStage through
  the model (the Django admin and its inlines, the shell, test factories), through the signal
  handlers below, inside the caller's transaction. A line deleted takes its rows with it
  (ON DELETE CASCADE) and its OPD's sums are recomputed; a line moved to another OPD or
  year has both OPDs' sums recomputed.
- bulk writes through the ORM: QuerySet.update and bulk_create of Pagu, Target and Realisasi
  (realisasi.querysets.LineHistoryQuerySet) refresh the lines they touch.
A door that writes several ways wraps its write in `deferred()`: each line is refreshed once,
at the end. Writes that bypass all of these (raw SQL) must call refresh, or
`manage.py rebuild_ledger`; `manage.py check_ledger` finds any row that disagrees with the
history (realisasi/ledger_check.py).
"""

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.apps.registry import Apps
from django.db import router, transaction
from django.db.models import Count, Model, Q, QuerySet, Sum
from django.db.models.signals import post_delete, post_save

from opd.models import Opd

from . import bulk
from . import models as current
from .models import ApbdStage, BudgetLine, LedgerTotal, Pagu, Realisasi, Target

# (year id, OPD id): whose sums per sumber dana and month LedgerTotal keeps.
TotalKey = tuple[int, int]

# A line's history as line_rows reads it: its pagu by stage [(berlaku_mulai, urutan, pagu)],
# its targets {bulan: (Rp, fisik)} and its realisasi {bulan: (Rp, fisik, sumber)}.
PaguHistory = list[tuple[int, int, Decimal]]
TargetHistory = dict[int, tuple[Decimal, Decimal]]
RealisasiHistory = dict[int, tuple[Decimal, Decimal, str]]

MONTHS = range(1, 13)
ZERO = Decimal("0")
# Lines per round of reads and writes: keeps every IN (...) under SQLite's variable limit.
CHUNK = 500


_state = threading.local()


def refresh(
    line_ids: Iterable[int | None], from_month: int = 1, *, apps: Apps | None = None
) -> int:
    """Recompute the ledger rows of `line_ids` for months `from_month`..12; returns the rows
    written. Lines that no longer exist are skipped (their rows went with them). Inside
    `deferred()` the lines are only noted, and refreshed once when the block ends. `apps`:
    the historical app registry when called from a migration."""
    ids = sorted({int(pk) for pk in line_ids if pk is not None})
    from_month = max(1, min(int(from_month), 12))
    pending = getattr(_state, "pending", None)
    if pending is not None and apps is None:
        for pk in ids:
            pending[pk] = min(pending.get(pk, 12), from_month)
        return 0
    models = _Models(apps)
    written = 0
    keys: set[TotalKey] = set()
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            written += _refresh_chunk(models, ids[start : start + CHUNK], from_month, keys)
        _refresh_totals(models, keys, from_month)
    return written


def refresh_totals(keys: Iterable[TotalKey], from_month: int = 1) -> None:
    """Recompute the sums (LedgerTotal) of the OPDs and years `keys` from `from_month` on:
    for a line deleted, or moved to another OPD or year, whose old OPD no refresh of its
    rows reaches. Inside `deferred()` only noted."""
    keys = set(keys)
    pending = getattr(_state, "pending_totals", None)
    if pending is not None:
        for key in keys:
            pending[key] = min(pending.get(key, 12), from_month)
        return
    with transaction.atomic():
        _refresh_totals(_Models(), keys, from_month)


class _Models:
    """The models refresh writes through: the current ones, or a migration's historical ones
    (built at run time, so typed Any: their managers are not the current classes')."""

    BudgetLine: Any
    Pagu: Any
    Target: Any
    Realisasi: Any
    Ledger: Any
    LedgerTotal: Any  # None in a migration older than the sums' table
    Opd: Any

    def __init__(self, apps: Apps | None = None) -> None:
        for name in ("BudgetLine", "Pagu", "Target", "Realisasi", "Ledger", "LedgerTotal"):
            try:
                model = apps.get_model("realisasi", name) if apps else getattr(current, name)
            except LookupError:
                model = None
            setattr(self, name, model)
        self.Opd = apps.get_model("opd", "Opd") if apps else Opd
        # The year's column: a migration older than realisasi 0013 still calls it tahun.
        renamed = any(f.name == "fiscal_year" for f in self.BudgetLine._meta.get_fields())
        self.year_id = "fiscal_year_id" if renamed else "tahun_id"

    def columns(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        """`columns` with the year's column under its name in these models."""
        return tuple(self.year_id if c == "fiscal_year_id" else c for c in columns)


@contextmanager
def deferred() -> Iterator[None]:
    """Note every refresh asked for inside the block (by a door, a signal, a bulk write) and
    run them once at its end, in the caller's transaction: a door that writes the same lines
    several ways refreshes each line once. Nothing is refreshed when the block raises."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    pending: dict[int, int] = {}
    pending_totals: dict[TotalKey, int] = {}
    _state.pending, _state.pending_totals = pending, pending_totals
    try:
        yield
    finally:
        _state.pending = _state.pending_totals = None
    by_month: defaultdict[int, list[int]] = defaultdict(list)
    for pk, month in pending.items():
        by_month[month].append(pk)
    for month, ids in sorted(by_month.items()):
        refresh(ids, month)
    if pending_totals:
        refresh_totals(pending_totals, min(pending_totals.values()))


def rebuild(tahun: int | None = None) -> int:
    """Recompute every ledger row (of fiscal year `tahun`, or of every year)."""
    lines = BudgetLine.objects.all() if tahun is None else BudgetLine.objects.for_year(tahun)
    totals = LedgerTotal.objects.all() if tahun is None else LedgerTotal.objects.for_year(tahun)
    with transaction.atomic():
        totals.delete()  # sums of OPDs that no longer have lines go too
        return refresh(lines.values_list("pk", flat=True))


def _refresh_chunk(models: _Models, ids: list[int], from_month: int, keys: set[TotalKey]) -> int:
    Pagu, Target, Realisasi = models.Pagu, models.Target, models.Realisasi  # noqa: N806
    pagu: defaultdict[int, PaguHistory] = defaultdict(list)
    for line_id, since, urutan, value in Pagu.objects.filter(line_id__in=ids).values_list(
        "line_id", "stage__berlaku_mulai", "stage__urutan", "pagu"
    ):
        pagu[line_id].append((since, urutan, value))
    targets: defaultdict[int, TargetHistory] = defaultdict(dict)
    for line_id, bulan, keuangan, fisik in Target.objects.filter(line_id__in=ids).values_list(
        "line_id", "bulan", "target_keuangan", "target_fisik"
    ):
        targets[line_id][bulan] = (keuangan, fisik)
    reals: defaultdict[int, RealisasiHistory] = defaultdict(dict)
    for line_id, bulan, keuangan, fisik, sumber in Realisasi.objects.filter(
        line_id__in=ids
    ).values_list("line_id", "bulan", "realisasi_keuangan", "realisasi_fisik", "sumber"):
        reals[line_id][bulan] = (keuangan, fisik, sumber)
    existing = list(
        models.BudgetLine.objects.filter(pk__in=ids).values_list("pk", models.year_id, "opd_id")
    )
    keys.update((fiscal_year_id, opd_id) for _pk, fiscal_year_id, opd_id in existing)
    rows = [
        (line_id, fiscal_year_id, *values.values())
        for line_id, fiscal_year_id, _opd_id in existing
        for values in line_rows(pagu[line_id], targets[line_id], reals[line_id], from_month)
    ]
    models.Ledger.objects.filter(line_id__in=ids, bulan__gte=from_month).delete()
    _insert(models.Ledger, models.columns(COLUMNS), rows)
    return len(rows)


def _refresh_totals(models: _Models, keys: set[TotalKey], from_month: int) -> None:
    """Recompute LedgerTotal of the years × OPDs of `keys` for months from_month..12 from
    their lines' ledger rows (already refreshed in this transaction)."""
    if not keys or models.LedgerTotal is None:
        return
    fiscal_year_ids = sorted({fiscal_year_id for fiscal_year_id, _opd in keys})
    opd_ids = sorted({opd_id for _tahun, opd_id in keys})
    # One OPD's sums are recomputed by one transaction at a time: the second waits here for
    # the first to commit, then sums the rows the first wrote. FOR NO KEY UPDATE: inserts
    # referencing the OPD (reports, audit events) do not wait for it. SQLite has one writer.
    list(
        models.Opd.objects.select_for_update(no_key=True)
        .filter(pk__in=opd_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sums = (
        models.Ledger.objects.filter(
            **{f"{models.year_id}__in": fiscal_year_ids},
            line__opd_id__in=opd_ids,
            bulan__gte=from_month,
        )
        .values_list(models.year_id, "line__opd_id", "line__sumber_dana_id", "bulan")
        .annotate(
            **{f"sum_{column}": Sum(column) for column in TOTAL_SUMMED},
            sum_lines=Count("pk"),
            sum_reported=Count("pk", filter=Q(reported=True)),
        )
        .order_by()
    )
    rows = [tuple(row) for row in sums]
    models.LedgerTotal.objects.filter(
        **{f"{models.year_id}__in": fiscal_year_ids}, opd_id__in=opd_ids, bulan__gte=from_month
    ).delete()
    _insert(models.LedgerTotal, models.columns(TOTAL_COLUMNS), rows)


def rebuild_totals(*, apps: Apps | None = None) -> None:
    """Recompute every LedgerTotal row from the ledger (the migration that adds the table)."""
    models = _Models(apps)
    keys = set(models.BudgetLine.objects.values_list(models.year_id, "opd_id").distinct())
    with transaction.atomic():
        _refresh_totals(models, keys, 1)


COLUMNS = (
    "line_id",
    "fiscal_year_id",
    "bulan",
    "pagu",
    "target_keuangan",
    "target_fisik",
    "realisasi_keuangan",
    "realisasi_fisik",
    "target_fisik_x_pagu",
    "realisasi_fisik_x_pagu",
    "reported",
    "realisasi_bulan",
    "sumber",
)


# The ledger columns LedgerTotal sums, and its columns in the order _refresh_totals reads them.
TOTAL_SUMMED = (
    "pagu",
    "target_keuangan",
    "realisasi_keuangan",
    "target_fisik_x_pagu",
    "realisasi_fisik_x_pagu",
)
TOTAL_COLUMNS = (
    "fiscal_year_id",
    "opd_id",
    "sumber_dana_id",
    "bulan",
    *TOTAL_SUMMED,
    "lines",
    "reported",
)


def _insert(model: type[Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT the rows (values in `columns` order) at once (realisasi.bulk.insert_rows: no
    model instances, one statement or a COPY, whatever the number of rows)."""
    bulk.insert_rows(model, columns, rows, using=router.db_for_write(model))


def line_rows(
    pagu: PaguHistory, targets: TargetHistory, reals: RealisasiHistory, from_month: int = 1
) -> list[dict[str, Any]]:
    """The ledger values of one line for months from_month..12.

    pagu: [(berlaku_mulai, urutan, pagu)]; targets: {bulan: (Rp, fisik)};
    reals: {bulan: (Rp, fisik, sumber)}.
    """
    stages = sorted(pagu)
    target = (ZERO, ZERO)
    real: tuple[Decimal, Decimal] = (ZERO, ZERO)
    real_month: int | None = None
    sumber = ""
    rows: list[dict[str, Any]] = []
    for bulan in MONTHS:
        in_force = [value for since, _urutan, value in stages if since <= bulan]
        line_pagu = in_force[-1] if in_force else ZERO
        if bulan in targets:
            target = targets[bulan]
        if bulan in reals:
            keuangan, fisik, sumber = reals[bulan]
            real, real_month = (keuangan, fisik), bulan
        if bulan < from_month:
            continue
        rows.append(
            dict(
                bulan=bulan,
                pagu=line_pagu,
                target_keuangan=target[0],
                target_fisik=target[1],
                realisasi_keuangan=real[0],
                realisasi_fisik=real[1],
                target_fisik_x_pagu=target[1] * line_pagu,
                realisasi_fisik_x_pagu=real[1] * line_pagu,
                reported=bulan in reals,
                realisasi_bulan=real_month,
                sumber=sumber if real_month else "",
            )
        )
    return rows


# --- single-row saves and deletions through the model -----------------------------------------


def _deleted_with_its_line(origin: Model | QuerySet[Any]) -> bool:
    """A history row deleted because its line (or the line's year) is: nothing to refresh."""
    model = getattr(origin, "model", None) or type(origin)
    return model is BudgetLine


def _history_saved(
    sender: type[Model], instance: Pagu | Target | Realisasi, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    refresh({instance.line_id, getattr(instance, "_loaded_line_id", None)})


def _history_deleted(
    sender: type[Model],
    instance: Pagu | Target | Realisasi,
    origin: Model | QuerySet[Any] | None = None,
    **kwargs: Any,
) -> None:
    if origin is not None and _deleted_with_its_line(origin):
        return
    refresh({instance.line_id, getattr(instance, "_loaded_line_id", None)})


def _line_saved(
    sender: type[Model],
    instance: BudgetLine,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    # A new line gets its twelve rows; a line moved to another year takes them along, and the
    # OPD and year it left get their sums recomputed.
    if raw:
        return
    refresh([instance.pk])
    loaded = getattr(instance, "_loaded_key", None)
    if (
        loaded is not None
        and None not in loaded
        and loaded != (instance.fiscal_year_id, instance.opd_id)
    ):
        refresh_totals([loaded])
    instance._loaded_key = (instance.fiscal_year_id, instance.opd_id)


def _line_deleted(sender: type[Model], instance: BudgetLine, **kwargs: Any) -> None:
    # Its ledger rows went with it (CASCADE); its OPD's sums no longer count it.
    refresh_totals([(instance.fiscal_year_id, instance.opd_id)])


def _stage_saved(
    sender: type[Model], instance: ApbdStage, raw: bool = False, **kwargs: Any
) -> None:
    # A stage's month or order decides which pagu is in force for every line of its year.
    if not raw:
        lines = Pagu.objects.filter(stage__fiscal_year_id=instance.fiscal_year_id).values_list(
            "line_id", flat=True
        )
        refresh(lines)


def connect_signals() -> None:
    for model in (Pagu, Target, Realisasi):
        post_save.connect(_history_saved, sender=model, dispatch_uid=f"ledger-save-{model}")
        post_delete.connect(_history_deleted, sender=model, dispatch_uid=f"ledger-del-{model}")
    post_save.connect(_line_saved, sender=BudgetLine, dispatch_uid="ledger-line-save")
    post_delete.connect(_line_deleted, sender=BudgetLine, dispatch_uid="ledger-line-delete")
    post_save.connect(_stage_saved, sender=ApbdStage, dispatch_uid="ledger-stage-save")
