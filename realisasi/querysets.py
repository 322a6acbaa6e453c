"""Queries over budget lines, named for what they mean, aggregating in the database.

The figures of a month m for a budget line are:
- pagu: the pagu of the latest APBD stage in force at m (berlaku_mulai <= m) that has a row
  for the line, so a line absent from a later stage keeps its earlier pagu;
- target keuangan/fisik: the cumulative target at m (the latest target at or before m);
- realisasi keuangan/fisik: the latest reported cumulative figure at or before m (carry
  forward; zero when never reported). `reported` says whether the line has its own row for m.
The formulas that turn these sums into percentages live in realisasi/formulas.py.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Exists, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

MONEY_OUT = models.DecimalField(max_digits=20, decimal_places=2)
PERCENT_OUT = models.DecimalField(max_digits=7, decimal_places=2)
WEIGHTED_OUT = models.DecimalField(max_digits=24, decimal_places=4)
ZERO = Value(Decimal("0"), output_field=MONEY_OUT)


def _latest(model_name: str, field: str, bulan: int):
    """The value of `field` of the latest row at or before `bulan`, or 0."""
    from django.apps import apps

    model = apps.get_model("realisasi", model_name)
    # Distinct output fields keep Django from treating two of these subqueries as equal
    # (and dropping one) when they only differ in the selected column.
    output = model._meta.get_field(field).clone()
    rows = model.objects.filter(line=OuterRef("pk"), bulan__lte=bulan)
    return Coalesce(
        Subquery(rows.order_by("-bulan").values(field)[:1], output_field=output),
        Value(Decimal("0"), output_field=output),
    )


def pagu_at(bulan: int):
    """The pagu of the line at month `bulan`: the latest stage in force that has a row."""
    from .models import Pagu

    rows = Pagu.objects.filter(line=OuterRef("pk"), stage__berlaku_mulai__lte=bulan).order_by(
        "-stage__berlaku_mulai", "-stage__urutan"
    )
    return Coalesce(Subquery(rows.values("pagu")[:1], output_field=MONEY_OUT), ZERO)


class BudgetLineQuerySet(models.QuerySet):
    def for_year(self, tahun: int):
        return self.filter(tahun__tahun=tahun)

    def visible_to(self, user):
        """Lines a user may read: every line for verifikator/pimpinan, own OPD otherwise."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_opds:
            return self
        return self.filter(opd_id=user.opd_id)

    def with_figures(self, bulan: int):
        """Annotate each line with its pagu, targets and (carried-forward) realization at m."""
        from .models import Realisasi

        return self.annotate(
            pagu_m=pagu_at(bulan),
            target_rp=_latest("Target", "target_keuangan", bulan),
            target_fisik=_latest("Target", "target_fisik", bulan),
            real_rp=_latest("Realisasi", "realisasi_keuangan", bulan),
            real_fisik=_latest("Realisasi", "realisasi_fisik", bulan),
            reported=Exists(Realisasi.objects.filter(line=OuterRef("pk"), bulan=bulan)),
        )

    def with_previous(self, bulan: int):
        """Annotate the cumulative realization reported up to the month before `bulan`."""
        return self.annotate(
            prev_rp=_latest("Realisasi", "realisasi_keuangan", bulan - 1),
            prev_fisik=_latest("Realisasi", "realisasi_fisik", bulan - 1),
        )

    @staticmethod
    def sums(bulan: int) -> dict:
        """Aggregate expressions of the sums the formulas need at month `bulan`.

        pagu, target_rp, real_rp: Rupiah sums; target_fisik_w, real_fisik_w: Σ fisik × pagu.
        The per-line subqueries are aggregated directly (not through annotations): Django
        5.2 drops some subquery annotations when it wraps an aggregate over them.
        """
        pagu = pagu_at(bulan)

        def weighted(field):
            return Coalesce(
                Sum(_latest(*field, bulan) * pagu, output_field=WEIGHTED_OUT),
                Value(Decimal("0"), output_field=WEIGHTED_OUT),
            )

        return {
            "pagu": Coalesce(Sum(pagu), ZERO),
            "target_rp": Coalesce(Sum(_latest("Target", "target_keuangan", bulan)), ZERO),
            "real_rp": Coalesce(Sum(_latest("Realisasi", "realisasi_keuangan", bulan)), ZERO),
            "target_fisik_w": weighted(("Target", "target_fisik")),
            "real_fisik_w": weighted(("Realisasi", "realisasi_fisik")),
            "lines": models.Count("pk"),
        }

    def totals(self, bulan: int) -> dict:
        """One dict of sums over all lines of the queryset at month `bulan`."""
        return self.order_by().aggregate(**self.sums(bulan))

    def totals_by(self, bulan: int, *fields: str):
        """Sums at month `bulan` grouped by `fields` (e.g. "opd"), one dict per group."""
        return self.order_by().values(*fields).annotate(**self.sums(bulan)).order_by(*fields)
