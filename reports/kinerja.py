"""Capaian kinerja for the Pemda: indicators per band per OPD, the priority outcomes, the
lowest capaian, and Form E.81 (kinerja and money side by side per triwulan).

The capaian of every indicator is realisasi.kinerja (the one home of its formulas); the money
is the ledger's sums (BudgetLineQuerySet.totals_by) through reports.figures.figures_from_sums.
Nothing here computes a percentage of its own except the money of a single quarter, which is
the difference of two cumulative ledger sums.
"""

from __future__ import annotations

import hashlib
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
from realisasi.kinerja import BandCount, IndikatorFigures, band_count, figures_for
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


def is_keluaran(figures: IndikatorFigures[Indikator]) -> bool:
    return figures.indikator.tingkat != TingkatIndikator.PROGRAM


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


def _worst_key(figures: IndikatorFigures[Indikator]):
    return (figures.capaian, figures.indikator.opd.kode, figures.indikator.pk)


def pemda_kinerja(tahun: int, triwulan: int, opds=None) -> PemdaKinerja:
    """Every indicator of the year (of `opds` when given) at triwulan n: three queries."""
    # The OPDs once each (prefetched), not joined into every one of thousands of indicators.
    indikator = (
        Indikator.objects.filter(fiscal_year__tahun=tahun).prefetch_related("opd").in_form_order()
    )
    laporan = LaporanKinerja.objects.filter(fiscal_year__tahun=tahun, triwulan=triwulan)
    if opds is not None:
        indikator = indikator.filter(opd__in=opds)
        laporan = laporan.filter(opd__in=opds)
    figures = figures_for(indikator, triwulan)
    reports = {row.opd_id: row for row in laporan}
    by_opd: dict[int, OpdKinerja] = {}
    for item in figures:
        opd = item.indikator.opd
        entry = by_opd.get(opd.pk)
        if entry is None:
            report = reports.get(opd.pk)
            entry = by_opd[opd.pk] = OpdKinerja(
                opd,
                BandCount(),
                report.status if report else BELUM_INPUT,
                report.get_status_display() if report else str(BELUM_INPUT_LABEL),
            )
        entry.count.add(item)
    # Worst first: the lowest share in the tinggi bands, then the most rendah, then the code.
    opd_rows = sorted(
        by_opd.values(),
        key=lambda row: (
            row.count.tinggi_persen is None,
            row.count.tinggi_persen or ZERO,
            -row.count.rendah,
            row.opd.kode,
        ),
    )
    with_capaian = [item for item in figures if item.capaian is not None]
    return PemdaKinerja(
        tahun=tahun,
        triwulan=triwulan,
        figures=figures,
        keluaran=band_count(item for item in figures if is_keluaran(item)),
        hasil=band_count(item for item in figures if not is_keluaran(item)),
        opds=opd_rows,
        prioritas=[item for item in figures if item.indikator.prioritas],
        worst=sorted(with_capaian, key=_worst_key)[:WORST_N],
        laporan=reports,
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
