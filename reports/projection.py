"""The year-end projection of realisasi keuangan and fisik: the one home of its methods.

Every projection is a sum over the ledger (realisasi.models.Ledger): each line's rows at the
cut-off month m and the months before it, and its plan (the anggaran kas and target fisik) at
December, read in one grouped query (line_states). A line is projected on its own, bounded by
its pagu in force at m (never below what it has already spent), and a set of lines (an OPD, a
funding group, the Pemda) is the Σ of its lines, its percentages over Σ pagu as in
../shared/domain/README.md §3. Two methods:

- LAJU, "laju tiga bulan terakhir": the line's remaining anggaran kas, scaled by how much of
  its plan it actually spent over the last RAKOR_PROYEKSI_LAJU_BULAN months:
      rasio     = (real_m − real_{m−k}) / (target_m − target_{m−k})
      proyeksi  = real_m + rasio × (target_des − target_m)
  With no plan in the window, rasio = real_m / target_m; with no plan at all, rasio = 1 (the
  line is assumed to follow its plan: a line with no history is projected at its plan).
- POLA, "pola tahun sebelumnya": the Pemda's own curve of the previous years: the share of
  the pagu still unspent at month m that was spent by December, pooled over the years before
      serap_m   = Σ_years (real_des − real_m) / Σ_years (pagu_des − real_m)
      proyeksi  = real_m + serap_m × (pagu_m − real_m)
  When no earlier year has December data the share comes from this year's plan
  (Σ (target_des − target_m) / Σ (pagu_m − target_m)), and the basis says so.

Fisik is projected the same way on the line's fisik (%), bounded by 100. The chosen method is
the one with the lower backtest error (reports.backtest), stated with its error wherever a
projection is shown; RAKOR_PROYEKSI_METODE forces one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case, DecimalField, F, Func, Max, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from realisasi import formulas
from realisasi.models import BudgetLine, Ledger

from .choices import MetodeProyeksi

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")

LAJU = MetodeProyeksi.LAJU.value
POLA = MetodeProyeksi.POLA.value
METHODS = (LAJU, POLA)

# The ledger columns read at each month of the window.
COLUMNS = {
    "pagu": "pagu",
    "target_rp": "target_keuangan",
    "real_rp": "realisasi_keuangan",
    "target_fisik": "target_fisik",
    "real_fisik": "realisasi_fisik",
}
_OUT: DecimalField[Decimal, Decimal] = DecimalField(max_digits=24, decimal_places=4)


def window() -> int:
    """Months of history read before the cut-off: the laju window and the "worse three months
    running" warning's."""
    return max(settings.RAKOR_PROYEKSI_LAJU_BULAN, settings.RAKOR_PERINGATAN_BULAN_MEMBURUK)


@dataclass(frozen=True)
class MonthValues:
    """A line's ledger row at one month (zeros before January)."""

    pagu: Decimal = ZERO
    target_rp: Decimal = ZERO
    real_rp: Decimal = ZERO
    target_fisik: Decimal = ZERO
    real_fisik: Decimal = ZERO

    @property
    def deviasi_keuangan(self) -> Decimal | None:
        return formulas.deviasi(
            formulas.persen(self.real_rp, self.pagu), formulas.persen(self.target_rp, self.pagu)
        )

    @property
    def deviasi_fisik(self) -> Decimal:
        return self.real_fisik - self.target_fisik


@dataclass(frozen=True)
class LineState:
    """What the projection and the warnings know of one line at the cut-off month: `months[k]`
    is its ledger row at month m − k (k = 0 the cut-off), `target_*_end` its plan at December."""

    line_id: int
    opd_id: int
    opd_kode: str
    opd_nama: str
    opd_aktif: bool
    kelompok: str
    sumber_dana: str
    sub_kegiatan_kode: str
    sub_kegiatan_nama: str
    months: tuple[MonthValues, ...]
    target_rp_end: Decimal
    target_fisik_end: Decimal
    reported: bool

    @property
    def now(self) -> MonthValues:
        return self.months[0]

    def ago(self, k: int) -> MonthValues:
        return self.months[k] if k < len(self.months) else MonthValues()


def line_states(
    tahun: int, bulan: int, *, lines: QuerySet[BudgetLine] | None = None
) -> list[LineState]:
    """Every line of `tahun` (or of the queryset `lines`) at cut-off `bulan`. Two queries: the
    ledger rows of months bulan − window() … bulan and December summed per line (grouped by the
    line alone, on the ledger's (tahun, bulan) index), and the lines' names."""
    months = [bulan - k for k in range(window() + 1)]
    wanted = sorted({mo for mo in months if mo >= 1} | {12})
    rows = Ledger.objects.filter(fiscal_year__tahun=tahun, bulan__in=wanted)
    described = BudgetLine.objects.for_year(tahun)
    if lines is not None:
        rows = rows.filter(line__in=lines)
        described = described.filter(pk__in=lines)
    sums: dict[str, Func] = {}
    for k, mo in enumerate(months):
        if mo < 1:
            continue
        for key, column in COLUMNS.items():
            sums[f"{key}_{k}"] = _at(mo, column)
    sums["target_rp_end"] = _at(12, "target_keuangan")
    sums["target_fisik_end"] = _at(12, "target_fisik")
    sums["reported_now"] = Max(Case(When(bulan=bulan, reported=True, then=1), default=0))
    ledger = {row["line"]: row for row in rows.order_by().values("line").annotate(**sums)}
    names = described.order_by().values_list(
        "pk",
        "opd",
        "opd__kode",
        "opd__nama",
        "opd__aktif",
        "sumber_dana__kelompok",
        "sumber_dana__nama",
        "sub_kegiatan__kode",
        "sub_kegiatan__nama",
    )
    states = []
    for pk, opd, kode, nama, aktif, kelompok, sumber, sub_kode, sub_nama in names:
        row = ledger.get(pk)
        if row is None:
            continue
        values = []
        for k, mo in enumerate(months):
            if mo < 1:
                values.append(MonthValues())
                continue
            values.append(MonthValues(**{key: row[f"{key}_{k}"] for key in COLUMNS}))
        states.append(
            LineState(
                line_id=pk,
                opd_id=opd,
                opd_kode=kode,
                opd_nama=nama,
                opd_aktif=aktif,
                kelompok=kelompok,
                sumber_dana=sumber,
                sub_kegiatan_kode=sub_kode,
                sub_kegiatan_nama=sub_nama,
                months=tuple(values),
                target_rp_end=row["target_rp_end"],
                target_fisik_end=row["target_fisik_end"],
                reported=bool(row["reported_now"]),
            )
        )
    states.sort(key=lambda s: (s.opd_kode, s.sub_kegiatan_kode, s.line_id))
    return states


def _at(bulan: int, column: str) -> Coalesce:
    return Coalesce(
        Sum(Case(When(bulan=bulan, then=F(column)), default=None), output_field=_OUT),
        Value(ZERO, output_field=_OUT),
    )


# --- the methods, one line at a time ------------------------------------------------------


def bounded(value: Decimal, spent: Decimal, ceiling: Decimal) -> Decimal:
    """value kept between what is already spent and the ceiling (the pagu, or 100 % fisik);
    a line that already spent more than its ceiling keeps what it spent."""
    return min(max(value, spent), max(ceiling, spent))


def laju_ratio(
    real_now: Decimal, real_before: Decimal, target_now: Decimal, target_before: Decimal
) -> Decimal:
    """How much of its plan a line spent over the window: Δrealisasi / Δtarget; without a plan
    in the window realisasi / target; without any plan 1 (assumed to follow its plan)."""
    planned = target_now - target_before
    if planned > 0:
        return max(real_now - real_before, ZERO) / planned
    if target_now > 0:
        return real_now / target_now
    return ONE


def project_laju(state: LineState, months: int | None = None) -> tuple[Decimal, Decimal]:
    """(Rupiah, fisik %) at December by method LAJU (module docstring)."""
    k = months or settings.RAKOR_PROYEKSI_LAJU_BULAN
    now, before = state.now, state.ago(k)
    ratio_rp = laju_ratio(now.real_rp, before.real_rp, now.target_rp, before.target_rp)
    rp = now.real_rp + ratio_rp * max(state.target_rp_end - now.target_rp, ZERO)
    ratio_fisik = laju_ratio(
        now.real_fisik, before.real_fisik, now.target_fisik, before.target_fisik
    )
    fisik = now.real_fisik + ratio_fisik * max(state.target_fisik_end - now.target_fisik, ZERO)
    return bounded(rp, now.real_rp, now.pagu), bounded(fisik, now.real_fisik, HUNDRED)


@dataclass(frozen=True)
class Curve:
    """The share of what is left at month m that the Pemda spent by December (method POLA):
    keuangan of the unspent pagu, fisik of the unfinished 100 %; `years` it was measured on
    (empty: taken from this year's plan)."""

    bulan: int
    keuangan: Decimal
    fisik: Decimal
    years: tuple[int, ...] = ()


def project_pola(state: LineState, curve: Curve) -> tuple[Decimal, Decimal]:
    """(Rupiah, fisik %) at December by method POLA (module docstring)."""
    now = state.now
    rp = now.real_rp + curve.keuangan * max(now.pagu - now.real_rp, ZERO)
    fisik = now.real_fisik + curve.fisik * max(HUNDRED - now.real_fisik, ZERO)
    return bounded(rp, now.real_rp, now.pagu), bounded(fisik, now.real_fisik, HUNDRED)


def _share(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return ZERO
    return min(max(Decimal(part) / Decimal(whole), ZERO), ONE)


def history_curve(tahun: int, bulan: int, states: list[LineState]) -> Curve:
    """The POLA shares at `bulan` from every earlier year with December realization (one
    query), pooled in Rupiah:
        keuangan = Σ (real_des − real_m) / Σ (pagu_des − real_m)
        fisik    = Σ (fisik_des − fisik_m) × pagu / Σ (100 − fisik_m) × pagu   (weighted)
    With no such year, this year's plan in `states`:
        keuangan = Σ (target_des − target_m) / Σ (pagu_m − target_m), fisik likewise."""
    rows = (
        Ledger.objects.filter(fiscal_year__tahun__lt=tahun, bulan__in=[bulan, 12])
        .order_by()
        .values("fiscal_year__tahun", "bulan")
        .annotate(
            pagu=Sum("pagu"),
            real=Sum("realisasi_keuangan"),
            fisik_w=Sum("realisasi_fisik_x_pagu"),
        )
    )
    by_year: dict[int, dict[int, dict[str, Any]]] = {}
    for row in rows:
        by_year.setdefault(row["fiscal_year__tahun"], {})[row["bulan"]] = row
    years = tuple(
        sorted(y for y, mo in by_year.items() if 12 in mo and bulan in mo and mo[12]["real"])
    )
    if years:
        spent = sum(by_year[y][12]["real"] - by_year[y][bulan]["real"] for y in years)
        left = sum(by_year[y][12]["pagu"] - by_year[y][bulan]["real"] for y in years)
        done = sum(by_year[y][12]["fisik_w"] - by_year[y][bulan]["fisik_w"] for y in years)
        open_ = sum(HUNDRED * by_year[y][12]["pagu"] - by_year[y][bulan]["fisik_w"] for y in years)
        return Curve(bulan, _share(spent, left), _share(done, open_), years)
    planned = sum((s.target_rp_end - s.now.target_rp for s in states), ZERO)
    unplanned = sum((s.now.pagu - s.now.target_rp for s in states), ZERO)
    planned_f = sum(((s.target_fisik_end - s.now.target_fisik) * s.now.pagu for s in states), ZERO)
    unplanned_f = sum(((HUNDRED - s.now.target_fisik) * s.now.pagu for s in states), ZERO)
    return Curve(bulan, _share(planned, unplanned), _share(planned_f, unplanned_f))


# --- sums of projected lines ----------------------------------------------------------------


@dataclass
class ProjectedSums:
    """Σ over a set of projected lines, at the cut-off and at December (Rupiah; fisik × pagu)."""

    pagu: Decimal = ZERO
    real_rp: Decimal = ZERO
    proj_rp: Decimal = ZERO
    real_fisik_w: Decimal = ZERO
    proj_fisik_w: Decimal = ZERO
    lines: int = 0

    def add(self, state: LineState, rp: Decimal, fisik: Decimal) -> None:
        pagu = state.now.pagu
        self.pagu += pagu
        self.real_rp += state.now.real_rp
        self.proj_rp += rp
        self.real_fisik_w += state.now.real_fisik * pagu
        self.proj_fisik_w += fisik * pagu
        self.lines += 1

    @property
    def proj_persen(self) -> Decimal | None:
        """projected realisasi keuangan % = Σ projected Rp / Σ pagu × 100"""
        return formulas.persen(self.proj_rp, self.pagu)

    @property
    def real_persen(self) -> Decimal | None:
        return formulas.persen(self.real_rp, self.pagu)

    @property
    def proj_fisik(self) -> Decimal | None:
        """projected fisik % = Σ (projected fisik × pagu) / Σ pagu"""
        return formulas.weighted_fisik(self.proj_fisik_w, self.pagu)

    @property
    def sisa_rp(self) -> Decimal:
        """potential sisa anggaran (SiLPA) = Σ pagu − Σ projected Rp"""
        return formulas.sisa(self.pagu, self.proj_rp)

    @property
    def sisa_persen(self) -> Decimal | None:
        return formulas.persen(self.sisa_rp, self.pagu)


@dataclass
class YearEnd:
    """A projection of every line of a year from cut-off month `bulan` by `metode`."""

    tahun: int
    bulan: int
    metode: str
    curve: Curve | None
    lines: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)
    pemda: ProjectedSums = field(default_factory=ProjectedSums)
    opd: dict[int, ProjectedSums] = field(default_factory=dict)
    kelompok: dict[str, ProjectedSums] = field(default_factory=dict)


def project(tahun: int, bulan: int, metode: str, states: list[LineState]) -> YearEnd:
    """Project each of `states` by `metode` (LAJU or POLA) and sum them by OPD, funding group
    and the Pemda."""
    if metode not in METHODS:
        raise ValueError(f"unknown projection method {metode!r}")
    curve = history_curve(tahun, bulan, states) if metode == POLA else None
    result = YearEnd(tahun=tahun, bulan=bulan, metode=metode, curve=curve)
    for state in states:
        rp, fisik = project_pola(state, curve) if curve else project_laju(state)
        result.lines[state.line_id] = (rp, fisik)
        result.pemda.add(state, rp, fisik)
        result.opd.setdefault(state.opd_id, ProjectedSums()).add(state, rp, fisik)
        result.kelompok.setdefault(state.kelompok, ProjectedSums()).add(state, rp, fisik)
    return result
