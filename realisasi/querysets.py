"""Queries over budget lines, named for what they mean, aggregating in the database.

Every figure reads the ledger (realisasi.models.Ledger, written by realisasi.ledger): one row
per line and month holding the pagu of the stage in force, the cumulative target and the
carried-forward realization (../shared/domain/README.md §3). A set of lines at month m is a
plain SUM over their rows of m: the same SQL on SQLite and PostgreSQL. The formulas that turn
these sums into percentages live in realisasi/figures.py and realisasi/formulas.py.
"""

from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import Count, F, FilteredRelation, Func, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from opd.access import visible_opd_ids

from .choices import SUBMITTED_STATUSES

MONEY_OUT: models.DecimalField = models.DecimalField(max_digits=20, decimal_places=2)
PERCENT_OUT: models.DecimalField = models.DecimalField(max_digits=7, decimal_places=2)
WEIGHTED_OUT: models.DecimalField = models.DecimalField(max_digits=24, decimal_places=4)
ZERO = Value(Decimal("0"), output_field=MONEY_OUT)
ZERO_WEIGHTED = Value(Decimal("0"), output_field=WEIGHTED_OUT)

# The keys of a sums dict, and the ledger column each one sums.
SUMMED = {
    "pagu": ("pagu", MONEY_OUT),
    "target_rp": ("target_keuangan", MONEY_OUT),
    "real_rp": ("realisasi_keuangan", MONEY_OUT),
    "target_fisik_w": ("target_fisik_x_pagu", WEIGHTED_OUT),
    "real_fisik_w": ("realisasi_fisik_x_pagu", WEIGHTED_OUT),
}
MONTHLY_KEYS = tuple(SUMMED)


def ledger_sums(prefix: str = "ledger__") -> dict:
    """Aggregate expressions over ledger rows reached through `prefix`.

    pagu, target_rp, real_rp: Rupiah sums; target_fisik_w, real_fisik_w: Σ fisik × pagu;
    lines: the number of lines.
    """
    sums: dict[str, Func] = {
        key: Coalesce(
            Sum(f"{prefix}{column}", output_field=output),
            Value(Decimal("0"), output_field=output),
        )
        for key, (column, output) in SUMMED.items()
    }
    sums["lines"] = Count("pk")
    return sums


def _ledger_value(alias: str, column: str, output):
    return Coalesce(F(f"{alias}__{column}"), Value(Decimal("0"), output_field=output))


class ReportQuerySet(models.QuerySet):
    """Monthly reports and quarterly indicator reports: both carry a status and a version."""

    def submitted(self):
        """Reports that count as sent (realisasi.choices.SUBMITTED_STATUSES)."""
        return self.filter(status__in=SUBMITTED_STATUSES)

    def bump_version(self, user, now=None, **fields) -> int:
        """One more version for every report of the queryset, stamped with `user` and `now`:
        a page opened on an older version can no longer save over what changed (the
        optimistic lock of realisasi.workflow). Returns the number of reports bumped."""
        return self.update(
            version=F("version") + 1,
            updated_by=user,
            updated_at=now or timezone.now(),
            **fields,
        )


class BudgetLineQuerySet(models.QuerySet):
    def for_year(self, tahun: int):
        return self.filter(fiscal_year__tahun=tahun)

    def visible_to(self, user):
        """Lines of the OPDs a user may read (Opd.objects.visible_to)."""
        ids = visible_opd_ids(user)
        return self if ids is None else self.filter(opd_id__in=ids)

    def with_figures(self, bulan: int):
        """Annotate each line with its ledger figures at month `bulan`: pagu_m, target_rp,
        target_fisik, real_rp, real_fisik, reported (its own report for the month)."""
        return self.annotate(
            ledger_m=FilteredRelation("ledger", condition=Q(ledger__bulan=bulan))
        ).annotate(
            pagu_m=_ledger_value("ledger_m", "pagu", MONEY_OUT),
            target_rp=_ledger_value("ledger_m", "target_keuangan", MONEY_OUT),
            target_fisik=_ledger_value("ledger_m", "target_fisik", PERCENT_OUT),
            real_rp=_ledger_value("ledger_m", "realisasi_keuangan", MONEY_OUT),
            real_fisik=_ledger_value("ledger_m", "realisasi_fisik", PERCENT_OUT),
            reported=Coalesce(F("ledger_m__reported"), Value(False)),
        )

    def with_previous(self, bulan: int):
        """Annotate the cumulative realization carried up to the month before `bulan`
        (prev_rp, prev_fisik; zero in January)."""
        return self.annotate(
            ledger_prev=FilteredRelation("ledger", condition=Q(ledger__bulan=bulan - 1))
        ).annotate(
            prev_rp=_ledger_value("ledger_prev", "realisasi_keuangan", MONEY_OUT),
            prev_fisik=_ledger_value("ledger_prev", "realisasi_fisik", PERCENT_OUT),
        )

    def at_month(self, bulan: int):
        """The lines joined to their ledger row of month `bulan` (one row per line).

        The ledger row's year equals the line's: with the lines of one year, PostgreSQL
        carries that year to the ledger's (tahun, bulan) index and reads that month alone."""
        return self.order_by().filter(ledger__bulan=bulan, ledger__fiscal_year=F("fiscal_year"))

    def totals(self, bulan: int) -> dict:
        """One dict of sums over all lines of the queryset at month `bulan`."""
        return self.at_month(bulan).aggregate(**ledger_sums())

    def totals_by(self, bulan: int, *fields: str) -> list[dict]:
        """Sums at month `bulan` grouped by `fields` (e.g. "opd"), one dict per group in the
        order of `fields`."""
        return list(
            self.at_month(bulan).values(*fields).annotate(**ledger_sums()).order_by(*fields)
        )

    def monthly_totals(self, through: int = 12) -> list[dict]:
        """The sums at each month 1..12 (keys of MONTHLY_KEYS and "bulan"), realization only
        through `through` (real_rp and real_fisik_w are None after it). One query."""
        sums = ledger_sums()
        del sums["lines"]
        rows = {
            row["ledger__bulan"]: row
            for row in self.order_by()
            .filter(ledger__fiscal_year=F("fiscal_year"))
            .values("ledger__bulan")
            .annotate(**sums)
            .order_by("ledger__bulan")
        }
        return _months(rows, through)


class LedgerTotalQuerySet(models.QuerySet):
    """The ledger summed per OPD, sumber dana and month (realisasi.models.LedgerTotal): the
    sums of whole OPDs, their kinds and groupings and funding groups, in the shape of
    BudgetLineQuerySet's totals (the same keys, `lines` the number of lines)."""

    def for_year(self, tahun: int):
        return self.for_years(tahun)

    def for_years(self, *tahun: int):
        """Rows of the fiscal years `tahun`: their ids by subquery, so PostgreSQL reads the
        (tahun, bulan) index rather than joining every row to its year."""
        return self.filter(fiscal_year_id__in=year_ids(*tahun))

    def for_opds(self, opd_ids):
        """Rows of the OPDs `opd_ids` (ids or a queryset of ids); None: every OPD."""
        return self if opd_ids is None else self.filter(opd_id__in=opd_ids)

    def totals(self, bulan: int) -> dict:
        """One dict of sums at month `bulan` over every row of the queryset."""
        return self.order_by().filter(bulan=bulan).aggregate(**total_sums())

    def totals_by(self, bulan: int, *fields: str) -> list[dict]:
        """Sums at month `bulan` grouped by `fields` (lookups as on BudgetLine: "opd",
        "opd__jenis", "sumber_dana__kelompok", "fiscal_year__tahun"), in the order of `fields`."""
        return list(
            self.order_by()
            .filter(bulan=bulan)
            .values(*fields)
            .annotate(**total_sums())
            .order_by(*fields)
        )

    def monthly_totals(self, through: int = 12) -> list[dict]:
        """The sums at each month 1..12 (as BudgetLineQuerySet.monthly_totals). One query."""
        sums = total_sums()
        del sums["lines"]
        rows = {
            row["bulan"]: row
            for row in self.order_by().values("bulan").annotate(**sums).order_by("bulan")
        }
        return _months(rows, through)


def year_ids(*tahun: int):
    """A subquery of the ids of the fiscal years `tahun` (e.g. 2025)."""
    # By name from the app registry: the models import this module for their managers.
    FiscalYear = apps.get_model("realisasi", "FiscalYear")  # noqa: N806

    return FiscalYear.objects.filter(tahun__in=tahun).values("pk")


def total_sums() -> dict:
    """Aggregate expressions over LedgerTotal rows: the keys of ledger_sums()."""
    sums: dict[str, Func] = {
        key: Coalesce(Sum(column, output_field=output), Value(Decimal("0"), output_field=output))
        for key, (column, output) in SUMMED.items()
    }
    sums["lines"] = Coalesce(Sum("lines"), Value(0))
    return sums


def _months(rows: dict, through: int) -> list[dict]:
    """Twelve dicts of MONTHLY_KEYS from {bulan: sums}; realization None after `through`."""
    result = []
    for bulan in range(1, 13):
        row = rows.get(bulan) or {key: Decimal("0") for key in MONTHLY_KEYS}
        item = {"bulan": bulan, **{key: row[key] for key in MONTHLY_KEYS}}
        if bulan > through:
            item["real_rp"] = item["real_fisik_w"] = None
        result.append(item)
    return result


class LineHistoryQuerySet(models.QuerySet):
    """Pagu, Target and Realisasi rows: a bulk write through the ORM refreshes the ledger of
    the lines it touched (single saves and deletions do so through realisasi.ledger's
    signals; Model.save() does not go through update())."""

    def update(self, **kwargs):
        from . import ledger

        with ledger.deferred():
            lines = set(self.values_list("line_id", flat=True))
            count = super().update(**kwargs)
            moved_to = kwargs.get("line_id", kwargs.get("line"))
            moved_to = getattr(moved_to, "pk", moved_to)
            ledger.refresh({*lines, *([moved_to] if isinstance(moved_to, int) else [])})
        return count

    def delete(self):
        # Each deleted row's signal notes its line; the lines are refreshed once, at the end.
        from . import ledger

        with ledger.deferred():
            return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        from . import ledger

        objs = super().bulk_create(objs, *args, **kwargs)
        ledger.refresh({obj.line_id for obj in objs})
        return objs
