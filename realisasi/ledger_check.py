"""check_ledger's reference: each line's figures computed from its history, row by row.

The reference is the query every page ran before the ledger existed: correlated subqueries
over Pagu, Target and Realisasi per line and month (the rules of realisasi/ledger.py, written
independently in SQL). `differences()` compares it with every ledger row and names the first
rows that disagree, so a write door that forgets to refresh the ledger is found.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .models import BudgetLine, Pagu, Realisasi, Target
from .querysets import MONEY_OUT

# Ledger column → the reference annotation it must equal.
COMPARED = {
    "pagu": "ref_pagu",
    "target_keuangan": "ref_target_rp",
    "target_fisik": "ref_target_fisik",
    "realisasi_keuangan": "ref_real_rp",
    "realisasi_fisik": "ref_real_fisik",
    "reported": "ref_reported",
    "sumber": "ref_sumber",
}


def _latest(model, field: str, bulan: int, default):
    """The value of `field` of the line's latest row at or before `bulan`, or `default`."""
    output = model._meta.get_field(field).clone()
    rows = model.objects.filter(line=OuterRef("pk"), bulan__lte=bulan).order_by("-bulan")
    return Coalesce(
        Subquery(rows.values(field)[:1], output_field=output), Value(default, output_field=output)
    )


def _pagu_at(bulan: int):
    """The pagu of the line's latest stage in force at `bulan` that has a row, or 0."""
    rows = Pagu.objects.filter(line=OuterRef("pk"), stage__berlaku_mulai__lte=bulan).order_by(
        "-stage__berlaku_mulai", "-stage__urutan"
    )
    return Coalesce(
        Subquery(rows.values("pagu")[:1], output_field=MONEY_OUT),
        Value(Decimal("0"), output_field=MONEY_OUT),
    )


def reference(lines, bulan: int):
    """`lines` annotated with the reference figures at `bulan` and their ledger row (lm__*)."""
    zero = Decimal("0")
    return lines.annotate(
        ref_pagu=_pagu_at(bulan),
        ref_target_rp=_latest(Target, "target_keuangan", bulan, zero),
        ref_target_fisik=_latest(Target, "target_fisik", bulan, zero),
        ref_real_rp=_latest(Realisasi, "realisasi_keuangan", bulan, zero),
        ref_real_fisik=_latest(Realisasi, "realisasi_fisik", bulan, zero),
        ref_sumber=_latest(Realisasi, "sumber", bulan, ""),
        ref_reported=Exists(Realisasi.objects.filter(line=OuterRef("pk"), bulan=bulan)),
        lm=FilteredRelation("ledger", condition=Q(ledger__bulan=bulan)),
    ).annotate(
        lm_id=F("lm__id"),
        **{f"lm_{column}": F(f"lm__{column}") for column in COMPARED},
        lm_target_w=F("lm__target_fisik_x_pagu"),
        lm_real_w=F("lm__realisasi_fisik_x_pagu"),
    )


@dataclass(frozen=True)
class Difference:
    line_id: int
    tahun: int
    bulan: int
    column: str
    ledger: Decimal | int | str | None
    history: Decimal | int | str | None

    def __str__(self):
        return (
            f"baris {self.line_id} ({self.tahun}) bulan {self.bulan}: {self.column} "
            f"buku besar {self.ledger!r}, riwayat {self.history!r}"
        )


def differences(tahun: int | None = None, limit: int = 20) -> list[Difference]:
    """The first `limit` ledger rows (of `tahun`, or every year) that disagree with the
    history, in line and month order. A missing row counts as a difference."""
    lines = BudgetLine.objects.order_by("pk")
    if tahun is not None:
        lines = lines.for_year(tahun)
    found = []
    for bulan in range(1, 13):
        for line in reference(lines, bulan).annotate(year=F("tahun__tahun")):
            found.extend(_compare(line, bulan))
        if len(found) >= limit * 12:
            break
    found.sort(key=lambda d: (d.line_id, d.bulan))
    return found[:limit]


def _compare(line, bulan: int) -> list[Difference]:
    def diff(column, ledger, history):
        return Difference(line.pk, line.year, bulan, column, ledger, history)

    if line.lm_id is None:
        return [diff("(baris)", None, "12 baris per baris anggaran")]
    result = []
    for column, ref in COMPARED.items():
        ledger, history = getattr(line, f"lm_{column}"), getattr(line, ref)
        if column == "sumber" and not history:
            history = ""
        if _value(ledger) != _value(history):
            result.append(diff(column, ledger, history))
    products = {
        "target_fisik_x_pagu": (line.lm_target_w, line.ref_target_fisik * line.ref_pagu),
        "realisasi_fisik_x_pagu": (line.lm_real_w, line.ref_real_fisik * line.ref_pagu),
    }
    for column, (ledger, history) in products.items():
        if _value(ledger) != _value(history):
            result.append(diff(column, ledger, history))
    return result


def _value(value):
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.0001"))
    return value
