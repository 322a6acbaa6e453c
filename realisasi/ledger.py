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
figure of month m changes every later month it is carried into) and is the only code that
writes realisasi_ledger. Who calls it:
- the bulk write doors, in their own transaction: the report save (realisasi.workflow), every
  importer (realisasi.importers.base), the demo and the benchmark generator (`rebuild`);
- single-row saves and deletions of Pagu, Target, Realisasi, BudgetLine and ApbdStage through
  the model (the Django admin and its inlines, the shell, test factories), through the signal
  handlers below, inside the caller's transaction. A line deleted takes its rows with it
  (ON DELETE CASCADE).
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
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save

from . import bulk
from . import models as current
from .models import ApbdStage, BudgetLine, Pagu, Realisasi, Target

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
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            written += _refresh_chunk(models, ids[start : start + CHUNK], from_month)
    return written


class _Models:
    """The models refresh writes through: the current ones, or a migration's historical ones
    (built at run time, so typed Any: their managers are not the current classes')."""

    BudgetLine: Any
    Pagu: Any
    Target: Any
    Realisasi: Any
    Ledger: Any

    def __init__(self, apps: Apps | None = None) -> None:
        for name in ("BudgetLine", "Pagu", "Target", "Realisasi", "Ledger"):
            model = apps.get_model("realisasi", name) if apps else getattr(current, name)
            setattr(self, name, model)


@contextmanager
def deferred() -> Iterator[None]:
    """Note every refresh asked for inside the block (by a door, a signal, a bulk write) and
    run them once at its end, in the caller's transaction: a door that writes the same lines
    several ways refreshes each line once. Nothing is refreshed when the block raises."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    pending: dict[int, int] = {}
    _state.pending = pending
    try:
        yield
    finally:
        _state.pending = None
    by_month: defaultdict[int, list[int]] = defaultdict(list)
    for pk, month in pending.items():
        by_month[month].append(pk)
    for month, ids in sorted(by_month.items()):
        refresh(ids, month)


def rebuild(tahun: int | None = None) -> int:
    """Recompute every ledger row (of fiscal year `tahun`, or of every year)."""
    lines = BudgetLine.objects.all() if tahun is None else BudgetLine.objects.for_year(tahun)
    return refresh(lines.values_list("pk", flat=True))


def _refresh_chunk(models: _Models, ids: list[int], from_month: int) -> int:
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
    existing = models.BudgetLine.objects.filter(pk__in=ids).values_list("pk", "tahun_id")
    rows = [
        (line_id, tahun_id, *values.values())
        for line_id, tahun_id in existing
        for values in line_rows(pagu[line_id], targets[line_id], reals[line_id], from_month)
    ]
    models.Ledger.objects.filter(line_id__in=ids, bulan__gte=from_month).delete()
    _insert(models.Ledger, rows)
    return len(rows)


COLUMNS = (
    "line_id",
    "tahun_id",
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


def _insert(model: type[Model], rows: list[tuple[Any, ...]]) -> None:
    """INSERT the rows (values in COLUMNS order) at once (realisasi.bulk.insert_rows: no model
    instances, one statement or a COPY, whatever the number of rows)."""
    bulk.insert_rows(model, COLUMNS, rows, using=router.db_for_write(model))


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
    # A new line gets its twelve rows; a line moved to another year takes them along.
    if not raw:
        refresh([instance.pk])


def _stage_saved(
    sender: type[Model], instance: ApbdStage, raw: bool = False, **kwargs: Any
) -> None:
    # A stage's month or order decides which pagu is in force for every line of its year.
    if not raw:
        lines = Pagu.objects.filter(stage__tahun_id=instance.tahun_id).values_list(
            "line_id", flat=True
        )
        refresh(lines)


def connect_signals() -> None:
    for model in (Pagu, Target, Realisasi):
        post_save.connect(_history_saved, sender=model, dispatch_uid=f"ledger-save-{model}")
        post_delete.connect(_history_deleted, sender=model, dispatch_uid=f"ledger-del-{model}")
    post_save.connect(_line_saved, sender=BudgetLine, dispatch_uid="ledger-line-save")
    post_save.connect(_stage_saved, sender=ApbdStage, dispatch_uid="ledger-stage-save")
