"""Capaian kinerja for the Pemda: indicators per band per OPD, the priority outcomes, the
lowest capaian, and Form E.81 (kinerja and money side by side per triwulan).

The capaian of every indicator is realisasi.kinerja (the one home of its formulas); the money
is the ledger's sums (BudgetLineQuerySet.totals_by) through reports.figures.figures_from_sums.
Nothing here computes a percentage of its own except the money of a single quarter, which is
the difference of two cumulative ledger sums.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.admin.models import LogEntry
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from opd.formatting import format_number, format_persen_words
from opd.models import Opd
from realisasi import formulas
from realisasi.choices import BELUM_INPUT, BELUM_INPUT_LABEL, NAMA_TRIWULAN, TingkatIndikator
from realisasi.kinerja import (
    AnyFigures,
    BandCount,
    IndikatorFigures,
    IndikatorTargets,
    band_count,
    capaian_of,
    figures_for,
)
from realisasi.models import (
    BudgetLine,
    FiscalYear,
    ImportRecord,
    Indikator,
    IndikatorRealisasi,
    LaporanKinerja,
)
from realisasi.workflow_kinerja import latest_quarter

from .exports import PERSEN, RUPIAH, TEXT, Column, Sheet
from .fragments import cached_html

WORST_N = 10
ZERO = Decimal("0")


def is_keluaran(tingkat: str) -> bool:
    """An indicator of a kegiatan or sub kegiatan (keluaran), not of a program (hasil)."""
    return tingkat != TingkatIndikator.PROGRAM


@dataclass
class OpdKinerja:
    """One OPD's indicators at the triwulan: counts per band and its report's status."""

    opd: Opd
    count: BandCount
    status: str = ""
    status_label: str = ""


@dataclass
class PemdaKinerja:
    """The Pemda's (or the user's OPDs') indicators at triwulan n."""

    tahun: int
    triwulan: int
    figures: list[IndikatorFigures[Indikator]]
    keluaran: BandCount
    hasil: BandCount
    opds: list[OpdKinerja]
    prioritas: list[IndikatorFigures[Indikator]]
    worst: list[IndikatorFigures[Indikator]]
    laporan: dict = field(default_factory=dict)

    @property
    def nama_triwulan(self) -> str:
        return NAMA_TRIWULAN[self.triwulan]

    @property
    def sentences(self) -> list[str]:
        return [
            band_sentence(self.keluaran, _("indikator keluaran")),
            band_sentence(self.hasil, _("indikator hasil")),
        ]


def band_sentence(count: BandCount, noun: str) -> str:
    """ "Dari 312 indikator keluaran, 241 (77,24 persen) berkategori tinggi atau sangat
    tinggi." """
    if not count.jumlah:
        return _("Belum ada %(noun)s.") % {"noun": noun}
    return _(
        "Dari %(n)s %(noun)s, %(tinggi)s (%(persen)s) berkategori tinggi atau sangat tinggi."
    ) % {
        "n": format_number(count.jumlah),
        "noun": noun,
        "tinggi": format_number(count.tinggi),
        "persen": format_persen_words(count.tinggi_persen),
    }


def _worst_key(figures: AnyFigures, opd_kode: str) -> tuple[Decimal, str, int]:
    """The order of the indicators furthest behind: lowest capaian, then the OPD's code, then
    the indicator's pk (only indicators with a capaian are ordered)."""
    assert figures.capaian is not None
    return (figures.capaian, opd_kode, figures.indikator.pk)


def _opd_rows(
    items: Iterable[tuple[int, AnyFigures]], opds: dict[int, Opd], reports: dict
) -> list[OpdKinerja]:
    """Each OPD's band count from (opd pk, figures) pairs, worst first: the lowest share in
    the tinggi bands, then the most rendah, then the code."""
    by_opd: dict[int, OpdKinerja] = {}
    for opd_id, item in items:
        entry = by_opd.get(opd_id)
        if entry is None:
            report = reports.get(opd_id)
            entry = by_opd[opd_id] = OpdKinerja(
                opds[opd_id],
                BandCount(),
                report.status if report else BELUM_INPUT,
                report.get_status_display() if report else str(BELUM_INPUT_LABEL),
            )
        entry.count.add(item)
    return sorted(
        by_opd.values(),
        key=lambda row: (
            row.count.tinggi_persen is None,
            row.count.tinggi_persen or ZERO,
            -row.count.rendah,
            row.opd.kode,
        ),
    )


def _year_indikator(tahun: int, triwulan: int, opds=None):
    """The year's indicators in Form E.81 order and the quarter's reports (of `opds`)."""
    indikator = Indikator.objects.filter(fiscal_year__tahun=tahun).in_form_order()
    laporan = LaporanKinerja.objects.filter(fiscal_year__tahun=tahun, triwulan=triwulan)
    if opds is not None:
        indikator = indikator.filter(opd__in=opds)
        laporan = laporan.filter(opd__in=opds)
    return indikator, {row.opd_id: row for row in laporan}


def pemda_kinerja(tahun: int, triwulan: int, opds=None) -> PemdaKinerja:
    """Every indicator of the year (of `opds` when given) at triwulan n: three queries."""
    indikator, reports = _year_indikator(tahun, triwulan, opds)
    # The OPDs once each (prefetched), not joined into every one of thousands of indicators.
    figures = figures_for(indikator.prefetch_related("opd"), triwulan)
    by_pk = {item.indikator.opd.pk: item.indikator.opd for item in figures}
    with_capaian = [item for item in figures if item.capaian is not None]
    return PemdaKinerja(
        tahun=tahun,
        triwulan=triwulan,
        figures=figures,
        keluaran=band_count(item for item in figures if is_keluaran(item.indikator.tingkat)),
        hasil=band_count(item for item in figures if not is_keluaran(item.indikator.tingkat)),
        opds=_opd_rows(((item.indikator.opd_id, item) for item in figures), by_pk, reports),
        prioritas=[item for item in figures if item.indikator.prioritas],
        worst=sorted(
            with_capaian,
            key=lambda f: _worst_key(f, f.indikator.opd.kode),
        )[:WORST_N],
        laporan=reports,
    )


class _Counted(IndikatorTargets):
    """An indicator's plain values for its capaian, with what the counts group it by."""

    __slots__ = ("opd_id", "tingkat", "prioritas")
    FIELDS = ["opd_id", "tingkat", "prioritas", *IndikatorTargets.FIELDS]

    def __init__(self, opd_id: int, tingkat: str, prioritas: bool, *values) -> None:
        super().__init__(*values)
        self.opd_id, self.tingkat, self.prioritas = opd_id, tingkat, prioritas


def pemda_kinerja_printed(
    tahun: int, triwulan: int, *, prioritas_n: int, worst_n: int
) -> PemdaKinerja:
    """pemda_kinerja's counts, OPD rows, first `prioritas_n` priority outcomes and `worst_n`
    lowest capaian, for a reader that prints no more (the briefing): every indicator is
    counted from its plain values (realisasi.kinerja.capaian_for's figures, the same capaian
    and band), and only the printed ones are read whole. `figures` and `laporan` are empty."""
    indikator, reports = _year_indikator(tahun, triwulan)
    counted = [_Counted(*values) for values in indikator.values_list(*_Counted.FIELDS)]
    figures = capaian_of(counted, indikator, triwulan)
    opds = {opd.pk: opd for opd in Opd.objects.filter(pk__in={ind.opd_id for ind in counted})}
    pairs = list(zip(counted, figures, strict=True))
    prioritas = [ind.pk for ind in counted if ind.prioritas][:prioritas_n]
    worst = [
        ind.pk
        for ind, item in sorted(
            ((ind, item) for ind, item in pairs if item.capaian is not None),
            key=lambda pair: _worst_key(pair[1], opds[pair[0].opd_id].kode),
        )[:worst_n]
    ]
    printed = {
        item.indikator.pk: item
        for item in figures_for(Indikator.objects.filter(pk__in={*prioritas, *worst}), triwulan)
    }
    for item in printed.values():  # the OPDs read above, not once more per indicator
        item.indikator.opd = opds[item.indikator.opd_id]
    keluaran = [item for ind, item in pairs if is_keluaran(ind.tingkat)]
    hasil = [item for ind, item in pairs if not is_keluaran(ind.tingkat)]
    return PemdaKinerja(
        tahun=tahun,
        triwulan=triwulan,
        figures=[],
        keluaran=band_count(keluaran),
        hasil=band_count(hasil),
        opds=_opd_rows(((ind.opd_id, item) for ind, item in pairs), opds, reports),
        prioritas=[printed[pk] for pk in prioritas],
        worst=[printed[pk] for pk in worst],
        laporan={},
    )


def data_stamp(tahun: int) -> str:
    """A text that changes whenever an indicator, a realization, a quarterly report or a name
    shown for the year changes (reports.fragments' rule: a stale page is never served)."""
    year = {"fiscal_year__tahun": tahun}
    parts = [
        Indikator.objects.filter(**year).aggregate(n=Count("pk"), last=Max("pk")),
        IndikatorRealisasi.objects.filter(indikator__fiscal_year__tahun=tahun).aggregate(
            n=Count("pk"), changed=Max("updated_at")
        ),
        LaporanKinerja.objects.filter(**year).aggregate(n=Count("pk"), changed=Max("updated_at")),
        list(Opd.objects.order_by("pk").values_list("pk", "kode", "nama", "singkatan")),
        ImportRecord.objects.aggregate(last=Max("pk"))["last"],
        LogEntry.objects.aggregate(last=Max("pk"))["last"],
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_page(request, tahun: int, triwulan: int, render) -> str:
    """render()'s HTML, or the copy cached for this reader's scope, quarter and data stamp:
    at a Kabupaten's 9,000 indicators the capaian of each costs more than its SQL."""
    return cached_html(request, "kinerja", [str(tahun), str(triwulan), data_stamp(tahun)], render)


def default_quarter(today=None, years=None) -> tuple[int, int]:
    """The triwulan people report now, within the fiscal years that exist (`years`, read
    when not given)."""
    tahun, triwulan = latest_quarter(today)
    if years is None:
        years = FiscalYear.objects.values_list("tahun", flat=True)
    years = sorted(years)
    if not years or tahun in years:
        return tahun, triwulan
    earlier = [year for year in years if year < tahun]
    return (max(earlier), 4) if earlier else (years[0], 1)


# --- Form E.81 ---------------------------------------------------------------------------------


def _money(tahun: int, opd, triwulan: int) -> dict:
    """{(tingkat, item pk): {"pagu", "tw": [Rp of TW 1..n], "sd": Rp s.d. TW n, "figures"}}
    from the ledger at the months that close each quarter (at most four queries)."""
    lines = BudgetLine.objects.for_year(tahun).filter(opd=opd)
    keys = (
        "sub_kegiatan",
        "sub_kegiatan__kegiatan",
        "sub_kegiatan__kegiatan__program",
    )
    levels = (
        (TingkatIndikator.SUB_KEGIATAN, keys[0]),
        (TingkatIndikator.KEGIATAN, keys[1]),
        (TingkatIndikator.PROGRAM, keys[2]),
    )
    cumulative: dict = {}
    for q in range(1, triwulan + 1):
        for row in lines.totals_by(q * 3, *keys):
            for tingkat, key in levels:
                item = cumulative.setdefault((tingkat, row[key]), {})
                sums = item.setdefault(q, {"pagu": ZERO, "real_rp": ZERO, "target_rp": ZERO})
                for name in sums:
                    sums[name] += row[name]
    money = {}
    for key, by_quarter in cumulative.items():
        last = by_quarter.get(triwulan) or {"pagu": ZERO, "real_rp": ZERO, "target_rp": ZERO}
        quarters, previous = [], ZERO
        for q in range(1, triwulan + 1):
            real = by_quarter.get(q, {}).get("real_rp", previous)
            quarters.append(real - previous)
            previous = real
        money[key] = {
            "pagu": last["pagu"],
            "tw": quarters,
            "sd": last["real_rp"],
            "capaian": formulas.persen(last["real_rp"], last["pagu"]),
        }
    return money


def e81_sheet(tahun: int, opd, triwulan: int) -> Sheet:
    """Form E.81 of one OPD at triwulan n: each indicator in program → kegiatan → sub-kegiatan
    order with kinerja (K) and money (Rp) side by side: the annual target and pagu, each
    triwulan's realization, the realization s.d. TW n and its capaian; the total row sums the
    money and averages the capaian kinerja of the indicators that have one."""
    indikator = Indikator.objects.of_year(tahun).filter(opd=opd).in_form_order()
    figures = figures_for(indikator, triwulan)
    money = _money(tahun, opd, triwulan)
    quarters = range(1, triwulan + 1)
    columns = [
        # "No" alone would be translated as the Indonesian "Tidak"
        Column(pgettext("nomor urut", "No"), TEXT, 5),
        Column(_("Kode"), TEXT, 18),
        Column(_("Program / kegiatan / sub kegiatan"), TEXT, 36),
        Column(_("Indikator kinerja"), TEXT, 36),
        Column(_("Satuan"), TEXT, 10),
        Column(_("K"), PERSEN),
        Column(_("Rp"), RUPIAH),
    ]
    groups = [(_("Target tahun"), 5, 6)]
    for q in quarters:
        start = len(columns)
        columns += [Column(_("K"), PERSEN), Column(_("Rp"), RUPIAH)]
        groups.append((_("Realisasi TW %(tw)s") % {"tw": NAMA_TRIWULAN[q]}, start, start + 1))
    start = len(columns)
    columns += [Column(_("K"), PERSEN), Column(_("Rp"), RUPIAH)]
    groups.append(
        (_("Realisasi s.d. TW %(tw)s") % {"tw": NAMA_TRIWULAN[triwulan]}, start, start + 1)
    )
    start = len(columns)
    columns += [Column(_("K (%)"), PERSEN), Column(_("Rp (%)"), PERSEN)]
    groups.append((_("Capaian s.d. TW %(tw)s") % {"tw": NAMA_TRIWULAN[triwulan]}, start, start + 1))
    columns += [
        Column(_("Kategori"), TEXT, 14),
        Column(_("Faktor pendorong"), TEXT, 28),
        Column(_("Faktor penghambat"), TEXT, 28),
        Column(_("Tindak lanjut"), TEXT, 28),
    ]
    rows = []
    counted: set = set()
    for number, item in enumerate(figures, start=1):
        ind = item.indikator
        key = (ind.tingkat, ind.item.pk)
        # An item's money is printed on its first indicator only, so the total sums it once.
        first = key not in counted
        counted.add(key)
        cash = money.get(key) if first else None
        empty: dict[str, Any] = {"pagu": None, "tw": [None] * triwulan, "sd": None, "capaian": None}
        cash = cash or empty
        row = [
            str(number),
            ind.kode_item,
            f"{ind.get_tingkat_display()}: {ind.item.nama}",
            ind.uraian,
            ind.satuan,
            ind.target_tahun,
            cash["pagu"],
        ]
        for q in quarters:
            row += [item.quarters[q - 1].realisasi, cash["tw"][q - 1]]
        row += [item.realisasi_sd, cash["sd"], item.capaian, cash["capaian"]]
        texts = item.row
        row += [
            item.kategori_label or "–",
            texts.faktor_pendorong if texts else "",
            texts.faktor_penghambat if texts else "",
            texts.tindak_lanjut if texts else "",
        ]
        rows.append(row)
    total = _e81_total(figures, money, triwulan)
    title = _("Form E.81 Capaian kinerja dan anggaran %(opd)s") % {"opd": opd.nama}
    return Sheet(
        title=title,
        period=_("Triwulan %(tw)s tahun %(tahun)s")
        % {"tw": NAMA_TRIWULAN[triwulan], "tahun": tahun},
        columns=columns,
        rows=rows,
        total=total,
        groups=groups,
        filename=f"e81-{opd.kode}-{tahun}-tw{triwulan}",
    )


def _e81_total(figures, money, triwulan: int) -> list:
    """The OPD's money (its programs' sums, every line once) and the mean capaian kinerja."""
    programs = [value for (tingkat, _pk), value in money.items() if tingkat == "program"]
    pagu = sum((value["pagu"] for value in programs), ZERO)
    sd = sum((value["sd"] for value in programs), ZERO)
    per_quarter = [sum((value["tw"][q] for value in programs), ZERO) for q in range(triwulan)]
    capaian = [item.capaian for item in figures if item.capaian is not None]
    mean = sum(capaian, ZERO) / len(capaian) if capaian else None
    row = ["", "", _("Jumlah / rata-rata capaian kinerja"), "", "", None, pagu]
    for q in range(triwulan):
        row += [None, per_quarter[q]]
    row += [None, sd, mean, formulas.persen(sd, pagu), "", "", "", ""]
    return row
