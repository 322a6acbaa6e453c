"""The one home of the capaian kinerja formulas (Permendagri 86/2017 Form E.81).

Definitions, with a worked example of each polarity × kind, are in docs/indikator.md. For an
indicator with quarter targets T1..T4 and quarter realizations R1..R4 (the quarter's own
value), at triwulan n:

    kumulatif: target s.d. TW n = T1 + … + Tn;  realisasi s.d. TW n = R1 + … + Rn
               (a quarter not reported adds nothing)
    tingkat:   target s.d. TW n = Tn;  realisasi s.d. TW n = the latest reported Rq, q <= n
    positif:   capaian = R / T × 100
    negatif:   capaian = (2T − R) / T × 100, never below 0
    no capaian (shown "—") when T is zero or missing, or nothing is reported yet.

The band of a capaian is realisasi.figures.kategori: the same thresholds as money. Every page,
export, the briefing and the import read the IndikatorFigures built here, unrounded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar

from .choices import NAMA_TRIWULAN, Kategori, Polaritas, SifatIndikator
from .figures import kategori
from .formulas import HUNDRED
from .models_kinerja import IndikatorRealisasi

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

    from .models_kinerja import Indikator

ZERO = Decimal("0")
TRIWULAN = (1, 2, 3, 4)


def capaian_kinerja(
    realisasi: Decimal | None, target: Decimal | None, polaritas: str
) -> Decimal | None:
    """Capaian in percent: positif R / T × 100; negatif (2T − R) / T × 100, never below 0.

    None when there is no realization, or the target is zero or missing (no division).
    """
    if realisasi is None or target is None or Decimal(target) == 0:
        return None
    realisasi, target = Decimal(realisasi), Decimal(target)
    if polaritas == Polaritas.NEGATIF:
        return max(ZERO, (2 * target - realisasi) / target * HUNDRED)
    return realisasi / target * HUNDRED


def target_sd(targets: dict[int, Decimal | None], sifat: str, triwulan: int) -> Decimal | None:
    """The target up to triwulan n: Σ T1..Tn (kumulatif; a missing target counts 0), Tn
    (tingkat). None when no target of those quarters is set."""
    if sifat == SifatIndikator.TINGKAT:
        return targets.get(triwulan)
    given = [value for q in range(1, triwulan + 1) if (value := targets.get(q)) is not None]
    return sum(given, ZERO) if given else None


def realisasi_sd(values: dict[int, Decimal], sifat: str, triwulan: int) -> Decimal | None:
    """The realization up to triwulan n: Σ R1..Rn of the quarters reported (kumulatif), the
    latest reported Rq with q <= n (tingkat). None when no quarter up to n is reported."""
    reported = [q for q in range(1, triwulan + 1) if values.get(q) is not None]
    if not reported:
        return None
    if sifat == SifatIndikator.TINGKAT:
        return values[reported[-1]]
    return sum((values[q] for q in reported), ZERO)


class RealisasiRow(NamedTuple):
    """What the pages read of an IndikatorRealisasi (read as plain values: a Pemda holds tens of
    thousands of them, and model instances would cost more than the page; a named tuple is
    built several times faster than a frozen dataclass, and an OPD's page builds thousands)."""

    indikator_id: int
    triwulan: int
    realisasi: Decimal
    faktor_pendorong: str = ""
    faktor_penghambat: str = ""
    tindak_lanjut: str = ""
    updated_at: datetime.datetime | None = None  # the row's token (workflow_kinerja.row_token)


ROW_FIELDS = list(RealisasiRow._fields)
# What a capaian and its band need of a realization (capaian_for).
FIGURE_FIELDS = ROW_FIELDS[:3]


class QuarterValue(Protocol):
    """What the figures read of a quarter's realization: a RealisasiRow, or an
    IndikatorRealisasi (the submit door's check, the demo)."""

    @property
    def realisasi(self) -> Decimal: ...
    @property
    def faktor_pendorong(self) -> str: ...
    @property
    def faktor_penghambat(self) -> str: ...
    @property
    def tindak_lanjut(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Quarter:
    """One triwulan of an indicator on its own: its target, realization and capaian."""

    triwulan: int
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None

    @property
    def kategori(self) -> str | None:
        return kategori(self.capaian)

    @property
    def nama(self) -> str:
        return NAMA_TRIWULAN[self.triwulan]


# The indicator an IndikatorFigures is built on: a model instance (figures_for: pages that show
# its wording and item) or its plain values (capaian_for: counts).
IndT = TypeVar("IndT", "Indikator", "IndikatorTargets")


class IndikatorFigures(Generic[IndT]):
    """An indicator at triwulan n: each quarter (computed when read), and the year so far
    against the target up to n (its band is the indicator's) and against the annual target."""

    __slots__ = (
        "indikator",
        "triwulan",
        "targets",
        "values",
        "target_sd",
        "realisasi_sd",
        "capaian",
        "kategori",
        "row",
        "rows",
        "_quarters",
    )

    def __init__(self, indikator: IndT, rows: Mapping[int, QuarterValue], triwulan: int) -> None:
        self.indikator: IndT = indikator
        self.rows: Mapping[int, QuarterValue] = rows
        self.triwulan: int = triwulan
        targets = targets_of(indikator)
        self.targets: dict[int, Decimal | None] = targets
        values = {q: row.realisasi for q, row in rows.items() if q <= triwulan}
        self.values: dict[int, Decimal] = values
        self.target_sd: Decimal | None = target_sd(targets, indikator.sifat, triwulan)
        self.realisasi_sd: Decimal | None = realisasi_sd(values, indikator.sifat, triwulan)
        self.capaian: Decimal | None = capaian_kinerja(
            self.realisasi_sd, self.target_sd, indikator.polaritas
        )
        self.kategori: str | None = kategori(self.capaian)
        self.row: QuarterValue | None = rows.get(
            triwulan
        )  # the row of triwulan n (faktor, tindak lanjut), or None
        self._quarters: list[Quarter] | None = None

    @property
    def quarters(self) -> list[Quarter]:
        if self._quarters is None:
            self._quarters = self._each_quarter()
        return self._quarters

    def _each_quarter(self) -> list[Quarter]:
        polaritas = self.indikator.polaritas
        return [
            Quarter(
                q,
                self.targets[q],
                self.values.get(q),
                capaian_kinerja(self.values.get(q), self.targets[q], polaritas),
            )
            for q in TRIWULAN
        ]

    @property
    def capaian_tahun(self) -> Decimal | None:
        return capaian_kinerja(
            self.realisasi_sd, self.indikator.target_tahun, self.indikator.polaritas
        )

    @property
    def reported(self) -> bool:
        return self.row is not None

    @property
    def kategori_label(self) -> StrOrPromise:
        return Kategori(self.kategori).label if self.kategori else ""

    @property
    def quarter(self) -> Quarter:
        return self.quarters[self.triwulan - 1]


def targets_of(indikator: Indikator | IndikatorTargets) -> dict[int, Decimal | None]:
    return {q: indikator.target_triwulan(q) for q in TRIWULAN}


def indikator_figures(
    indikator: IndT, rows: Mapping[int, QuarterValue], triwulan: int
) -> IndikatorFigures[IndT]:
    """The figures of one indicator at triwulan n from its realization rows {triwulan: row}."""
    return IndikatorFigures(indikator, rows, triwulan)


def figures_for(
    indikator_qs: QuerySet[Indikator], triwulan: int
) -> list[IndikatorFigures[Indikator]]:
    """IndikatorFigures of every indicator of a queryset at triwulan n: two queries."""
    return _figures(list(indikator_qs), indikator_qs, triwulan, ROW_FIELDS)


class IndikatorTargets:
    """What a capaian needs of an indicator (with its wording), read as plain values
    (IndikatorFigures reads these attributes of an Indikator): a page that counts an OPD's
    ~900 indicators and shows a few dozen builds these for the count."""

    __slots__ = ("pk", "program_id", "uraian", "sifat", "polaritas", "target_tahun", "targets")
    FIELDS = ["pk", "program_id", "uraian", "sifat", "polaritas", "target_tahun"] + [
        f"target_tw{q}" for q in TRIWULAN
    ]

    def __init__(
        self,
        pk: int,
        program_id: int,
        uraian: str,
        sifat: str,
        polaritas: str,
        target_tahun: Decimal,
        *targets: Decimal | None,
    ) -> None:
        self.pk, self.program_id, self.uraian = pk, program_id, uraian
        self.sifat, self.polaritas = sifat, polaritas
        self.target_tahun, self.targets = target_tahun, targets

    def target_triwulan(self, triwulan: int) -> Decimal | None:
        return self.targets[triwulan - 1]


def capaian_for(
    indikator_qs: QuerySet[Indikator], triwulan: int
) -> list[IndikatorFigures[IndikatorTargets]]:
    """figures_for with the figures only: each indicator an IndikatorTargets, each row
    without its texts and token (two queries, no model instances)."""
    targets = [
        IndikatorTargets(*values)
        for values in indikator_qs.select_related(None).values_list(*IndikatorTargets.FIELDS)
    ]
    return _figures(targets, indikator_qs, triwulan, FIGURE_FIELDS)


def capaian_of(
    indikator: Sequence[IndikatorTargets], indikator_qs: QuerySet[Indikator], triwulan: int
) -> list[IndikatorFigures[IndikatorTargets]]:
    """capaian_for of indicators already read as plain values (`indikator`, in its order) from
    `indikator_qs`: one query for their realization."""
    return _figures(indikator, indikator_qs, triwulan, FIGURE_FIELDS)


def _figures(
    indikator: Sequence[IndT],
    indikator_qs: QuerySet[Indikator],
    triwulan: int,
    row_fields: list[str],
) -> list[IndikatorFigures[IndT]]:
    rows: dict[int, dict[int, RealisasiRow]] = {}
    # Unordered: the rows land in a dict, and the model's ordering (its indicator's E.81
    # order) would join four tables and sort every row of the OPD.
    realized = (
        IndikatorRealisasi.objects.filter(
            indikator__in=indikator_qs.values("pk"), triwulan__lte=triwulan
        )
        .order_by()
        .values_list(*row_fields)
    )
    for values in realized:
        row = RealisasiRow(*values)
        rows.setdefault(row.indikator_id, {})[row.triwulan] = row
    return [indikator_figures(item, rows.get(item.pk, {}), triwulan) for item in indikator]


# Either kind of IndikatorFigures, where only the figures are read.
AnyFigures = IndikatorFigures["Indikator"] | IndikatorFigures["IndikatorTargets"]


# --- counts by band ----------------------------------------------------------------------------

BANDS = [choice.value for choice in Kategori]
HIGH_BANDS = {Kategori.SANGAT_TINGGI.value, Kategori.TINGGI.value}


@dataclass
class BandCount:
    """How many indicators fall in each band; `tanpa` have no capaian (no target, not
    reported)."""

    jumlah: int = 0
    per_band: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    tanpa: int = 0

    def add(self, figures: AnyFigures) -> None:
        self.jumlah += 1
        if figures.kategori is None:
            self.tanpa += 1
        else:
            self.per_band[figures.kategori] += 1

    @property
    def tinggi(self) -> int:
        """Sangat tinggi or tinggi: the count the briefing's sentence quotes."""
        return sum(self.per_band[key] for key in HIGH_BANDS)

    @property
    def tinggi_persen(self) -> Decimal | None:
        return Decimal(self.tinggi) / Decimal(self.jumlah) * HUNDRED if self.jumlah else None

    @property
    def rendah(self) -> int:
        """Rendah or sangat rendah: the indicators a Rakor asks about."""
        return self.per_band[Kategori.RENDAH.value] + self.per_band[Kategori.SANGAT_RENDAH.value]

    @property
    def bands(self) -> list[tuple[str, StrOrPromise, int]]:
        return [(key, Kategori(key).label, self.per_band[key]) for key in BANDS]


def band_count(items: Iterable[AnyFigures]) -> BandCount:
    count = BandCount()
    for figures in items:
        count.add(figures)
    return count
