"""The kendala section of the briefing: what stands in the way, in at most two pages.

The Kendala page and its export keep the full list (reports.figures_detail.kendala_digest); the
briefing summarises it for the Sekda:
- groups with the number of sub-kegiatan lines reporting a kendala and the Rupiah at stake
  (the pagu of those lines and what of it is not yet spent), the themes (same kendala text)
  within each group, largest at stake first;
- the OPDs most affected (largest pagu at stake);
- the lines furthest behind their target keuangan (worst deviasi) with their kendala and
  solusi.

The group of a line is decided in one place, `kendala_group`: the kendala category the OPD
chose on the report (KategoriKendala, kept by the admin), "Tanpa kategori" when none.

The figures of a line or a group are reports.figures.figures_from_sums over the sums of
BudgetLine.with_figures (pagu, target and realization of the month, carried forward); nothing
here computes a percentage itself.
"""

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from realisasi.figures import line_sums
from realisasi.models import BudgetLine, Realisasi

from .. import figures as fig
from ..printed_text import printable


@dataclass(frozen=True)
class KendalaLine:
    """A sub-kegiatan line that reported a kendala for the month, with its figures."""

    opd_id: int
    opd_nama: str
    sub_kegiatan_kode: str
    sub_kegiatan_nama: str
    sumber_dana: str
    kendala: str
    solusi: str
    sums: dict
    figures: fig.Figures
    kategori_id: int | None = None
    kategori: str = ""


@dataclass(frozen=True)
class KendalaTally:
    """Lines with a kendala in one group (or OPD): how many, the Rupiah at stake and the
    themes (same kendala text) within, most reported first."""

    key: str
    label: str
    jumlah: int
    figures: fig.Figures
    themes: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class KendalaOverview:
    groups: list[KendalaTally]
    more_groups: KendalaTally | None
    more_groups_count: int
    total: KendalaTally
    opd_most: list[KendalaTally]
    worst: list[KendalaLine]

    @property
    def empty(self) -> bool:
        return self.total.jumlah == 0


def kendala_group(line: KendalaLine) -> tuple[str, str]:
    """(key, label) of the group a kendala is counted in: its category, or "Tanpa kategori"."""
    if line.kategori_id is None:
        return "tanpa-kategori", _("Tanpa kategori")
    return f"kategori-{line.kategori_id}", line.kategori


def kendala_lines(tahun: int, bulan: int) -> list[KendalaLine]:
    """Every line whose report of `bulan` names a kendala, with its figures. One query."""
    of_month = Realisasi.objects.filter(line=OuterRef("pk"), bulan=bulan)
    with_kendala = of_month.filter(~Q(kendala=""))
    lines = (
        BudgetLine.objects.for_year(tahun)
        .filter(Exists(with_kendala))
        .with_figures(bulan)
        .annotate(
            kendala_bulan=Subquery(of_month.values("kendala")[:1]),
            solusi_bulan=Subquery(of_month.values("solusi")[:1]),
            kategori_id=Subquery(of_month.values("kategori_kendala_id")[:1]),
            kategori_nama=Subquery(of_month.values("kategori_kendala__nama")[:1]),
        )
        .select_related("opd", "sub_kegiatan", "sumber_dana")
        .order_by("opd__kode", "sub_kegiatan__kode", "pk")
    )
    result = []
    for line in lines:
        sums = line_sums(line)
        result.append(
            KendalaLine(
                opd_id=line.opd_id,
                opd_nama=line.opd.nama,
                sub_kegiatan_kode=line.sub_kegiatan.kode,
                sub_kegiatan_nama=line.sub_kegiatan.nama,
                sumber_dana=line.sumber_dana.nama,
                kendala=" ".join(line.kendala_bulan.split()),
                solusi=" ".join((line.solusi_bulan or "").split()),
                sums=sums,
                figures=fig.figures_from_sums(sums),
                kategori_id=line.kategori_id,
                kategori=line.kategori_nama or "",
            )
        )
    return result


def _tally(key: str, label: str, lines: list[KendalaLine]) -> KendalaTally:
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.kendala] = counts.get(line.kendala, 0) + 1
    themes = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return KendalaTally(
        key=key,
        label=label,
        jumlah=len(lines),
        figures=fig.figures_from_sums(fig.add_sums(*(line.sums for line in lines))),
        themes=themes,
    )


def _tallies(lines: list[KendalaLine], group) -> list[KendalaTally]:
    """One tally per group, largest pagu at stake first (then most lines, then label)."""
    grouped: dict[tuple[str, str], list[KendalaLine]] = {}
    for line in lines:
        grouped.setdefault(group(line), []).append(line)
    tallies = [_tally(key, label, members) for (key, label), members in grouped.items()]
    tallies.sort(key=lambda t: (-t.figures.pagu, -t.jumlah, t.label))
    return tallies


def _behind(line: KendalaLine) -> Decimal:
    deviasi = line.figures.deviasi_keuangan
    return deviasi if deviasi is not None else Decimal("0")


def kendala_overview(tahun: int, bulan: int) -> KendalaOverview:
    """The kendala section of the briefing of (tahun, bulan). One query.

    Printed: the first settings.RAKOR_BRIEF_KENDALA_GROUPS groups (the rest summed in one
    row), the settings.RAKOR_RANKING_N OPDs with the largest pagu at stake and the
    settings.RAKOR_BRIEF_KENDALA_LINES lines furthest behind target (lowest negative deviasi
    keuangan)."""
    lines = kendala_lines(tahun, bulan)
    tallies = _tallies(lines, kendala_group)
    limit = settings.RAKOR_BRIEF_KENDALA_GROUPS
    rest = tallies[limit:]
    more = None
    if rest:
        rest_lines = [line for line in lines if kendala_group(line)[0] in {t.key for t in rest}]
        more = _tally("lainnya", _("Lainnya"), rest_lines)
    by_opd = _tallies(lines, lambda line: (str(line.opd_id), line.opd_nama))
    # only lines behind their target: a line ahead of it is no worry of the meeting
    worst = sorted(
        (
            line
            for line in lines
            if line.figures.deviasi_keuangan is not None and line.figures.deviasi_keuangan < 0
        ),
        key=lambda line: (_behind(line), line.sub_kegiatan_kode),
    )
    return KendalaOverview(
        groups=tallies[:limit],
        more_groups=more,
        more_groups_count=len(rest),
        total=_tally("jumlah", _("Jumlah"), lines),
        opd_most=by_opd[: settings.RAKOR_RANKING_N],
        worst=worst[: settings.RAKOR_BRIEF_KENDALA_LINES],
    )


# --- themes and references, as printed ---------------------------------------------------


@dataclass(frozen=True)
class KendalaTheme:
    """One kendala as reported (same text), with how many sub-kegiatan lines and which OPDs
    reported it, the solusi they gave and the pihak they expect help from (Form E), each most
    frequent first."""

    kendala: str
    jumlah: int
    opd: list[str]
    solusi: list[str]
    pihak_terkait: list[str] = dataclasses.field(default_factory=list)
    # the lowest deviasi keuangan (points) of its OPDs: how far behind its reporters are
    deviasi: Decimal | None = None


def kendala_themes(groups, deviasi: dict | None = None) -> list[KendalaTheme]:
    """Group the month's kendala digest (reports.figures_detail.kendala_digest, by OPD) by kendala,
    so the Sekda reads each obstacle once with its reach: most reported first, then the one
    whose OPDs lag furthest behind (`deviasi`: deviasi keuangan by OPD id). Texts come out
    as printed on paper (`printable`)."""
    deviasi = deviasi or {}
    themes: dict[str, dict] = {}
    for group in groups:
        for item in group.items:
            key = " ".join(item.kendala.split()) or _("(kendala tidak diuraikan)")
            theme = themes.setdefault(
                key, {"jumlah": 0, "opd": {}, "solusi": {}, "pihak_terkait": {}, "lag": []}
            )
            theme["jumlah"] += 1
            theme["opd"].setdefault(group.nama, None)
            if deviasi.get(group.opd_id) is not None:
                theme["lag"].append(deviasi[group.opd_id])
            for name in ("solusi", "pihak_terkait"):
                text = printable(getattr(item, name))
                if text:
                    theme[name][text] = theme[name].get(text, 0) + 1
    ordered = sorted(
        themes.items(),
        key=lambda entry: (-entry[1]["jumlah"], min(entry[1]["lag"], default=0), entry[0]),
    )
    return [
        KendalaTheme(
            kendala=printable(key),
            jumlah=theme["jumlah"],
            opd=list(theme["opd"]),
            solusi=_most_frequent_first(theme["solusi"]),
            pihak_terkait=_most_frequent_first(theme["pihak_terkait"]),
            deviasi=min(theme["lag"], default=None),
        )
        for key, theme in ordered
    ]


def _most_frequent_first(counts: dict[str, int]) -> list[str]:
    return sorted(counts, key=lambda text: (-counts[text], text))


@dataclass(frozen=True)
class ThemeRef:
    """A kendala as the section's tables print it: K<nomor> when it is in the printed themes
    table, its (shortened) text otherwise; `jumlah` lines reported it."""

    nomor: int | None
    text: str
    jumlah: int = 1


@dataclass(frozen=True)
class KendalaGroupView:
    tally: KendalaTally
    themes: list[ThemeRef]
    more_themes: int


@dataclass(frozen=True)
class KendalaLineView:
    line: KendalaLine
    kendala: ThemeRef
    solusi: str


@dataclass(frozen=True)
class KendalaView:
    overview: KendalaOverview
    groups: list[KendalaGroupView]
    worst: list[KendalaLineView]


THEMES_PER_GROUP = 2


def kendala_view(overview: KendalaOverview, printed: list[str]) -> KendalaView:
    """`overview` with its kendala texts as references to the `printed` themes (K1 is the
    first)."""
    numbers = {text: nomor for nomor, text in enumerate(printed, start=1)}

    def ref(text: str, jumlah: int = 1) -> ThemeRef:
        shown = printable(text)
        return ThemeRef(nomor=numbers.get(shown), text=shown, jumlah=jumlah)

    groups = [
        KendalaGroupView(
            tally=tally,
            themes=[ref(text, n) for text, n in tally.themes[:THEMES_PER_GROUP]],
            more_themes=max(len(tally.themes) - THEMES_PER_GROUP, 0),
        )
        for tally in overview.groups
    ]
    worst = [
        KendalaLineView(line=line, kendala=ref(line.kendala), solusi=printable(line.solusi))
        for line in overview.worst
    ]
    return KendalaView(overview=overview, groups=groups, worst=worst)
