"""check_ledger's reference: each line's figures computed from its history, row by row.

The reference is the query every page ran before the ledger existed: correlated subqueries
over Pagu, Target and Realisasi per line and month (the rules of realisasi/ledger.py, written
independently in SQL). `differences()` compares it with every ledger row and names the first
rows that disagree, so a write door that forgets to refresh the ledger is found;
`total_differences()` compares the sums per OPD, sumber dana and month (LedgerTotal) with the
ledger's rows summed here, so a door that moves or deletes a line without recomputing its
OPD's sums is found too. check_ledger runs both.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from opd.formatting import format_number

from .models import BudgetLine, Ledger, LedgerTotal, Pagu, Realisasi, Target
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


@dataclass(frozen=True)
class TotalDifference:
    """A LedgerTotal row that disagrees with the sum of its lines' ledger rows."""

    opd_id: int
    sumber_dana_id: int
    tahun: int
    bulan: int
    column: str
    total: Decimal | int | None
    ledger: Decimal | int | None

    def __str__(self):
        def shown(value):
            return "tidak ada" if value is None else format_number(value, 4)

        return (
            f"jumlah OPD {self.opd_id} sumber dana {self.sumber_dana_id} ({self.tahun}) "
            f"bulan {self.bulan}: {self.column} tersimpan {shown(self.total)}, "
            f"jumlah buku besar {shown(self.ledger)}"
        )


def differences(tahun: int | None = None, limit: int = 20) -> list[Difference]:
    """The first `limit` ledger rows (of `tahun`, or every year) that disagree with the
    history, in line and month order. A missing row counts as a difference."""
    lines = BudgetLine.objects.order_by("pk")
    if tahun is not None:
        lines = lines.for_year(tahun)
    found = []
    for bulan in range(1, 13):
        for line in reference(lines, bulan).annotate(year=F("fiscal_year__tahun")):
            found.extend(_compare(line, bulan))
        if len(found) >= limit * 12:
            break
    found.sort(key=lambda d: (d.line_id, d.bulan))
    return found[:limit]


# LedgerTotal column → how the ledger rows of its OPD, sumber dana and month sum to it.
TOTALLED = {
    "pagu": Sum("pagu"),
    "target_keuangan": Sum("target_keuangan"),
    "realisasi_keuangan": Sum("realisasi_keuangan"),
    "target_fisik_x_pagu": Sum("target_fisik_x_pagu"),
    "realisasi_fisik_x_pagu": Sum("realisasi_fisik_x_pagu"),
    "lines": Count("pk"),
    "reported": Count("pk", filter=Q(reported=True)),
}


def total_differences(tahun: int | None = None) -> list[TotalDifference]:
    """Every LedgerTotal row (of `tahun`, or every year) that differs from the sum of its
    lines' ledger rows, and every sum missing or left over, in OPD, sumber dana and month
    order."""
    ledger = Ledger.objects.order_by()
    totals = LedgerTotal.objects.order_by()
    if tahun is not None:
        ledger, totals = ledger.filter(fiscal_year__tahun=tahun), totals.for_year(tahun)
    keys = ("line__opd_id", "line__sumber_dana_id", "fiscal_year__tahun", "bulan")
    expected = {
        tuple(row[key] for key in keys): row
        for row in ledger.values(*keys).annotate(
            **{f"x_{column}": aggregate for column, aggregate in TOTALLED.items()}
        )
    }
    stored = {
        (row["opd_id"], row["sumber_dana_id"], row["fiscal_year__tahun"], row["bulan"]): row
        for row in totals.values(
            "opd_id", "sumber_dana_id", "fiscal_year__tahun", "bulan", *TOTALLED
        )
    }
    found = []
    for key in sorted(expected.keys() | stored.keys()):
        want, have = expected.get(key), stored.get(key)
        for column in TOTALLED:
            ledger_value = want[f"x_{column}"] if want else None
            total_value = have[column] if have else None
            if _value(ledger_value) != _value(total_value):
                opd_id, sumber_dana_id, year, bulan = key
                found.append(
                    TotalDifference(
                        opd_id, sumber_dana_id, year, bulan, column, total_value, ledger_value
                    )
                )
    return found


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
