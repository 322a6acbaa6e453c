"""The Rakor briefing for the Sekda: its data, its Indonesian sentences, and issuing it.

Every figure comes from reports.figures (one home for each formula) and
realisasi.compliance; this module only chooses what the briefing shows, in the order a Sekda
reads it, and states it as the news does ("Hingga akhir November 2025, realisasi keuangan
tercatat sebesar 84,80 persen dari target 89,67 persen, sehingga masih terdapat selisih minus
4,86 persen."). The HTML is templates/reports/briefing.html; the PDF is that HTML through
reports.pdf.
"""

import dataclasses
import hashlib
import logging
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.formatting import format_persen, format_persen_words, format_rupiah, round_half_up
from opd.models import Opd
from rakor.choices import StatusBriefing
from rakor.models import Briefing, Rakor, TindakLanjut
from realisasi.choices import NAMA_BULAN, StatusLaporan
from realisasi.compliance import Compliance, compliance_for

from . import figures as fig
from .briefing_kendala import KendalaOverview, kendala_overview
from .pdf import RenderError, brief_timeout, html_to_pdf_isolated, logo_path
from .svg import kurva_svg

logger = logging.getLogger(__name__)


# --- sentences -------------------------------------------------------------------------------


def periode(tahun: int, bulan: int) -> str:
    """ "November 2025"."""
    return f"{NAMA_BULAN[bulan]} {tahun}"


def _gap_clause(deviasi) -> str:
    """How the news states a deviation: behind target, on target, or ahead of it."""
    rounded = round_half_up(deviasi, 2)
    if rounded < 0:
        return _("sehingga masih terdapat selisih %(selisih)s") % {
            "selisih": format_persen_words(deviasi)
        }
    if rounded == 0:
        return _("sehingga sesuai dengan target")
    return _("sehingga melampaui target sebesar %(selisih)s") % {
        "selisih": format_persen_words(deviasi)
    }


def _realisasi_clause(jenis: str, realisasi, target, deviasi) -> str:
    return _(
        "realisasi %(jenis)s tercatat sebesar %(realisasi)s dari target %(target)s, %(gap)s"
    ) % {
        "jenis": jenis,
        "realisasi": format_persen_words(realisasi),
        "target": format_persen_words(target),
        "gap": _gap_clause(deviasi),
    }


def headline_sentences(summary: fig.PemdaSummary) -> list[str]:
    """The headline paragraph: keuangan and fisik against target, and the same month of the
    previous year when its data exists."""
    totals = summary.totals
    waktu = periode(summary.tahun, summary.bulan)
    if totals.target_keuangan_persen is None:
        return [_("Hingga akhir %(waktu)s belum terdapat pagu anggaran.") % {"waktu": waktu}]
    sentences = [
        _("Hingga akhir %(waktu)s, %(keuangan)s.")
        % {
            "waktu": waktu,
            "keuangan": _realisasi_clause(
                _("keuangan"),
                totals.realisasi_keuangan_persen,
                totals.target_keuangan_persen,
                totals.deviasi_keuangan,
            ),
        },
        _("Adapun %(fisik)s.")
        % {
            "fisik": _realisasi_clause(
                _("fisik"), totals.realisasi_fisik, totals.target_fisik, totals.deviasi_fisik
            )
        },
        _("Total belanja yang dipantau sebesar %(pagu)s dengan realisasi %(realisasi)s.")
        % {
            "pagu": format_rupiah(totals.pagu),
            "realisasi": format_rupiah(totals.realisasi_keuangan_rp),
        },
    ]
    if totals.capaian_keuangan is not None:
        sentences.append(capaian_sentence(totals))
    previous = summary.previous
    if previous is not None and previous.realisasi_keuangan_persen is not None:
        sentences.append(
            _(
                "Pada periode yang sama tahun %(tahun)s, realisasi keuangan sebesar "
                "%(keuangan)s dan fisik %(fisik)s."
            )
            % {
                "tahun": summary.tahun - 1,
                "keuangan": format_persen_words(previous.realisasi_keuangan_persen),
                "fisik": format_persen_words(previous.realisasi_fisik),
            }
        )
        sentences.append(year_on_year_sentence(totals, previous, summary.tahun - 1))
    return sentences


def capaian_sentence(totals: fig.Figures) -> str:
    """ "Capaian realisasi keuangan sebesar 88,53 persen dari target anggaran kas, kategori
    Tinggi." (capaian = realisasi % / target % x 100; the target keuangan is the anggaran
    kas; the band of Permendagri 86/2017)."""
    return _(
        "Capaian realisasi keuangan sebesar %(capaian)s dari target anggaran kas, "
        "kategori %(kategori)s."
    ) % {
        "capaian": format_persen_words(totals.capaian_keuangan),
        "kategori": totals.kategori_label,
    }


def _change_words(now, before) -> str:
    """ "naik 10,52 poin persen", "turun 3,00 poin persen" or "sama": the difference in
    percentage points between two realizations, rounded once for display."""
    if now is None or before is None:
        return _("tidak dapat dibandingkan")
    difference = round_half_up(now - before, 2)
    if difference > 0:
        return _("naik %(poin)s poin persen") % {"poin": format_persen(difference)}
    if difference < 0:
        return _("turun %(poin)s poin persen") % {"poin": format_persen(-difference)}
    return _("sama")


def year_on_year_sentence(totals: fig.Figures, previous: fig.Figures, tahun_lalu: int) -> str:
    """ "Dibandingkan tahun 2024, realisasi keuangan naik 10,52 poin persen dan fisik naik
    12,54 poin persen." The difference is this year's realisasi % minus last year's, both
    unrounded (a figure of this module, from the two Figures objects)."""
    return _(
        "Dibandingkan tahun %(tahun)s, realisasi keuangan %(keuangan)s dan fisik %(fisik)s."
    ) % {
        "tahun": tahun_lalu,
        "keuangan": _change_words(
            totals.realisasi_keuangan_persen, previous.realisasi_keuangan_persen
        ),
        "fisik": _change_words(totals.realisasi_fisik, previous.realisasi_fisik),
    }


def opd_sentence(row: fig.OpdRow) -> str:
    """ "Kecamatan Wanadadi dengan realisasi keuangan 92,61 persen dan fisik 92,68 persen"."""
    return _("%(nama)s dengan realisasi keuangan %(keuangan)s dan fisik %(fisik)s") % {
        "nama": row.nama,
        "keuangan": format_persen_words(row.figures.realisasi_keuangan_persen),
        "fisik": format_persen_words(row.figures.realisasi_fisik),
    }


def fisik_sentence(row: fig.OpdRow) -> str:
    """ "Kecamatan Purwanegara dengan realisasi fisik 91,24 persen"."""
    return _("%(nama)s dengan realisasi fisik %(fisik)s") % {
        "nama": row.nama,
        "fisik": format_persen_words(row.figures.realisasi_fisik),
    }


def deviasi_sentence(row: fig.OpdRow) -> str:
    """ "Dinas Pendidikan dengan deviasi keuangan minus 10,00 persen (realisasi 70,00 persen
    dari target 80,00 persen)"."""
    f = row.figures
    return _(
        "%(nama)s dengan deviasi keuangan %(deviasi)s (realisasi %(realisasi)s dari target "
        "%(target)s)"
    ) % {
        "nama": row.nama,
        "deviasi": format_persen_words(f.deviasi_keuangan),
        "realisasi": format_persen_words(f.realisasi_keuangan_persen),
        "target": format_persen_words(f.target_keuangan_persen),
    }


@dataclass(frozen=True)
class RankingSection:
    """One ranking of the briefing as sentences: (rank, sentence) of the top and the bottom."""

    key: str
    title: str
    top: list[tuple[int, str]]
    bottom: list[tuple[int, str]]


RANKING_SENTENCES = {"keuangan": opd_sentence, "fisik": fisik_sentence, "deviasi": deviasi_sentence}


def ranking_section(ranking: fig.Ranking) -> RankingSection:
    sentence = RANKING_SENTENCES[ranking.key]
    titles = {
        "keuangan": _("Menurut realisasi keuangan"),
        "fisik": _("Menurut realisasi fisik"),
        "deviasi": _("Menurut deviasi keuangan"),
    }
    return RankingSection(
        key=ranking.key,
        title=titles[ranking.key],
        top=[(ranked.rank, sentence(ranked.row)) for ranked in ranking.top],
        bottom=[(ranked.rank, sentence(ranked.row)) for ranked in ranking.bottom],
    )


# --- text as printed ------------------------------------------------------------------------
# WeasyPrint's line breaking grows much faster than the length of a word it cannot break (a
# 200.000-character kendala without a space ran past every time limit; issue 13): long words
# get a break chance (a zero-width space) every BREAK_EVERY characters, and long texts are
# shortened to settings.RAKOR_BRIEF_TEXT_MAX_CHARS on paper (the kendala page shows them whole).
BREAK_EVERY = 20
ZERO_WIDTH_SPACE = "\u200b"
_LONG_WORD = re.compile(rf"\S{{{BREAK_EVERY + 1},}}")


def breakable(text: str) -> str:
    """`text` with a break chance every BREAK_EVERY characters inside longer words."""

    def split(match):
        word = match.group(0)
        return ZERO_WIDTH_SPACE.join(
            word[start : start + BREAK_EVERY] for start in range(0, len(word), BREAK_EVERY)
        )

    return _LONG_WORD.sub(split, text)


def printable(text: str) -> str:
    """Whitespace collapsed, shortened to RAKOR_BRIEF_TEXT_MAX_CHARS with "…", breakable."""
    text = " ".join(text.split())
    limit = settings.RAKOR_BRIEF_TEXT_MAX_CHARS
    if len(text) > limit:
        text = text[:limit].rstrip() + "…"
    return breakable(text)


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


def kendala_themes(groups, deviasi: dict | None = None) -> list[KendalaTheme]:
    """Group the month's kendala digest (reports.figures.kendala_digest, by OPD) by kendala,
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
    tally: object
    themes: list[ThemeRef]
    more_themes: int


@dataclass(frozen=True)
class KendalaLineView:
    line: object
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


# --- the briefing's data ---------------------------------------------------------------------


@dataclass(frozen=True)
class RekapRow:
    """An OPD of the rekap as printed: the verifikator's note only while the report is
    returned to the OPD (once resubmitted or verified the old note no longer applies)."""

    row: fig.OpdRow

    @property
    def catatan(self) -> str:
        if self.row.status_laporan != StatusLaporan.DIKEMBALIKAN:
            return ""
        return printable(self.row.catatan)


@dataclass(frozen=True)
class FollowupRow:
    """A follow-up of an earlier Rakor as the briefing lists it, `overdue` on the day of the
    meeting (TindakLanjut.is_overdue)."""

    tindak_lanjut: TindakLanjut
    overdue: bool


def followup_rows(followups, as_of) -> list[FollowupRow]:
    """Overdue follow-ups first (earliest due first), then the others in their order."""
    rows = [FollowupRow(tl, tl.is_overdue(as_of)) for tl in followups]
    overdue = sorted((r for r in rows if r.overdue), key=lambda r: r.tindak_lanjut.batas_waktu)
    return overdue + [r for r in rows if not r.overdue]


@dataclass(frozen=True)
class Signatory:
    """A name in the closing block: jabatan, nama and NIP (blank lines when not set)."""

    jabatan: str
    nama: str
    nip: str


def signatories() -> tuple[Signatory, Signatory]:
    """(Sekretaris Daerah, the one who prepared the briefing) from settings RAKOR_SEKDA_* and
    RAKOR_PENYUSUN_*."""
    sekda = Signatory(
        jabatan=_("Sekretaris Daerah"),
        nama=settings.RAKOR_SEKDA_NAMA,
        nip=settings.RAKOR_SEKDA_NIP,
    )
    penyusun = Signatory(
        jabatan=settings.RAKOR_PENYUSUN_JABATAN,
        nama=settings.RAKOR_PENYUSUN_NAMA,
        nip=settings.RAKOR_PENYUSUN_NIP,
    )
    return sekda, penyusun


@dataclass(frozen=True)
class OpdAppendix:
    """One OPD's page of the appendix: its Form B (programs) and its Kurva S."""

    row: fig.OpdRow
    form_b: object
    kurva: fig.KurvaS


def opd_appendix(tahun: int, bulan: int, rows: list[fig.OpdRow]) -> list[OpdAppendix]:
    """The appendix pages, one per OPD of the rekap (two queries per OPD)."""
    opds = {opd.pk: opd for opd in Opd.objects.filter(pk__in=[row.opd_id for row in rows])}
    return [
        OpdAppendix(
            row=row,
            form_b=fig.opd_form_b(tahun, bulan, opds[row.opd_id]),
            kurva=fig.kurva_s(tahun, opd=opds[row.opd_id], through=bulan),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class BriefingData:
    """Everything the briefing template shows, in reading order."""

    tahun: int
    bulan: int
    rakor: Rakor | None
    summary: fig.PemdaSummary
    headline: list[str]
    kurva: fig.KurvaS
    top: list[fig.Ranked]
    bottom: list[fig.Ranked]
    rows: list[fig.OpdRow]
    compliance: Compliance
    kendala: list
    followups: list
    # by realisasi fisik and by deviasi keuangan (reports.figures.ranking), after keuangan's
    # top/bottom above
    ranking_fisik: fig.Ranking | None = None
    ranking_deviasi: fig.Ranking | None = None
    kendala_section: KendalaOverview | None = None
    appendix: list[OpdAppendix] = dataclasses.field(default_factory=list)

    @property
    def rekap(self) -> list[RekapRow]:
        return [RekapRow(row) for row in self.rows]

    @property
    def as_of(self):
        """The day follow-ups are judged on: the meeting's, or today for an ad hoc briefing."""
        return self.rakor.tanggal if self.rakor else timezone.localdate()

    @property
    def followup_rows(self) -> list[FollowupRow]:
        return followup_rows(self.followups, self.as_of)

    @property
    def periode(self) -> str:
        return periode(self.tahun, self.bulan)

    @property
    def top_sentences(self) -> list[tuple[int, str]]:
        return [(ranked.rank, opd_sentence(ranked.row)) for ranked in self.top]

    @property
    def bottom_sentences(self) -> list[tuple[int, str]]:
        return [(ranked.rank, opd_sentence(ranked.row)) for ranked in self.bottom]

    @property
    def rankings(self) -> list[RankingSection]:
        """The rankings by keuangan, by fisik and by deviasi, as sentences."""
        keuangan = fig.Ranking(key="keuangan", top=self.top, bottom=self.bottom)
        others = [r for r in (self.ranking_fisik, self.ranking_deviasi) if r is not None]
        return [ranking_section(ranking) for ranking in (keuangan, *others)]

    @property
    def kendala_themes(self) -> list[KendalaTheme]:
        deviasi = {row.opd_id: row.figures.deviasi_keuangan for row in self.rows}
        return kendala_themes(self.kendala, deviasi)

    @property
    def kendala_printed(self) -> tuple[list[KendalaTheme], int]:
        """The first settings.RAKOR_BRIEF_KENDALA_MAX themes and how many more there are."""
        themes = self.kendala_themes
        limit = settings.RAKOR_BRIEF_KENDALA_MAX
        return themes[:limit], max(len(themes) - limit, 0)

    @property
    def kendala_view(self) -> "KendalaView | None":
        """The kendala section with each kendala text referring to its number in the printed
        themes table (K1, K2, ...), so a text is printed once in the section."""
        if self.kendala_section is None:
            return None
        themes, _more = self.kendala_printed
        return kendala_view(self.kendala_section, [theme.kendala for theme in themes])

    @property
    def dana(self):
        """The funding-group blocks: DAK Fisik, DAK Non Fisik, Bankeu Provinsi, APBD tanpa
        BOS/BLUD."""
        return self.summary.dana

    def as_json(self) -> dict:
        """The figures the briefing shows, frozen with an issued version (Decimal as text)."""
        return _jsonable(
            {
                "tahun": self.tahun,
                "bulan": self.bulan,
                "headline": self.headline,
                "totals": self.summary.totals,
                "previous": self.summary.previous,
                "dana": self.summary.dana,
                "top": [(r.rank, r.row.kode, r.value) for r in self.top],
                "bottom": [(r.rank, r.row.kode, r.value) for r in self.bottom],
                "top_sentences": self.top_sentences,
                "bottom_sentences": self.bottom_sentences,
                "peringkat": {
                    section.key: {"top": section.top, "bottom": section.bottom}
                    for section in self.rankings
                },
                "rekap": [
                    {
                        "kode": r.kode,
                        "nama": r.nama,
                        "status": r.status_laporan,
                        **_fields(r.figures),
                    }
                    for r in self.rows
                ],
                "kepatuhan": {
                    "kalimat": self.compliance.sentence,
                    "opd_total": self.compliance.opd_total,
                    "opd_lapor": self.compliance.opd_reported,
                    "pengelola_lapor": self.compliance.pengelola_reported,
                },
                "tindak_lanjut": [(t.pk, t.status) for t in self.followups],
            }
        )


def _fields(value):
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


def _jsonable(value):
    if dataclasses.is_dataclass(value):
        return _jsonable(_fields(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def build_briefing(
    tahun: int, bulan: int, *, rakor: Rakor | None = None, lampiran: bool = False
) -> BriefingData:
    """Collect the briefing of (tahun, bulan); with a Rakor, its previous Rakor's follow-ups,
    otherwise those of the latest Rakor held before today. `lampiran` adds the appendix of
    one page per OPD."""
    summary = fig.pemda_summary(tahun, bulan)
    rows = fig.opd_rows(tahun, bulan)
    keuangan = fig.ranking(rows, "keuangan")
    fisik = fig.ranking(rows, "fisik")
    deviasi = fig.ranking(rows, "deviasi")
    followups = list(TindakLanjut.objects.for_briefing(rakor=rakor))
    return BriefingData(
        tahun=tahun,
        bulan=bulan,
        rakor=rakor,
        summary=summary,
        headline=headline_sentences(summary),
        kurva=fig.kurva_s(tahun, through=bulan),
        top=keuangan.top,
        bottom=keuangan.bottom,
        rows=rows,
        compliance=compliance_for(tahun, bulan),
        kendala=fig.kendala_digest(tahun, bulan),
        followups=followups,
        ranking_fisik=fisik,
        ranking_deviasi=deviasi,
        kendala_section=kendala_overview(tahun, bulan),
        appendix=opd_appendix(tahun, bulan, rows) if lampiran else [],
    )


def render_briefing_html(data: BriefingData, *, briefing: Briefing | None = None) -> str:
    """The briefing as HTML: the page preview and the source of the PDF."""
    logo = logo_path()
    sekda, penyusun = signatories()
    return render_to_string(
        "reports/briefing.html",
        {
            "data": data,
            "briefing": briefing,
            "pemda_name": settings.RAKOR_PEMDA_NAME,
            "logo_url": logo.as_uri() if logo else "",
            # the plain static URL, never the manifest's hashed name: the briefing renders
            # before collectstatic too (LocalFetcher reads it from the source static folder)
            "stylesheet_url": f"{settings.STATIC_URL}css/briefing.css",
            "kurva_svg": kurva_svg(
                data.kurva, title=_("Kurva S %(waktu)s") % {"waktu": data.periode}
            ),
            "appendix_pages": [
                (
                    page,
                    kurva_svg(
                        page.kurva,
                        title=_("Kurva S %(opd)s") % {"opd": page.row.nama},
                        id_prefix=f"kurva-opd-{page.row.opd_id}",
                    ),
                )
                for page in data.appendix
            ],
            "sekda": sekda,
            "penyusun": penyusun,
            "generated_at": timezone.localtime(),
        },
    )


def render_briefing_pdf(
    tahun: int, bulan: int, *, rakor=None, timeout=None, lampiran: bool = False
) -> bytes:
    """An ad hoc briefing as PDF bytes, rendered in a child process under a time limit.
    Raises reports.pdf.RenderError."""
    html = render_briefing_html(build_briefing(tahun, bulan, rakor=rakor, lampiran=lampiran))
    return html_to_pdf_isolated(html, timeout=timeout)


# --- issuing a version for a Rakor -----------------------------------------------------------


def issue_briefing(rakor: Rakor, user, *, lampiran: bool = False) -> Briefing:
    """Freeze the briefing of a Rakor as a new version (the old ones stay) and start its
    render job. The figures and the HTML are taken now; the PDF follows in the background.

    One render per Rakor at a time: while a version is being rendered, issuing again joins it
    (the version is returned with `joined` set) instead of starting another render; a version
    pending past twice the time limit died unreported and is marked failed."""
    with transaction.atomic():
        Rakor.objects.select_for_update().filter(pk=rakor.pk).first()
        running = _running_version(rakor)
        if running is not None:
            running.joined = True
            return running
        data = build_briefing(rakor.tahun.tahun, rakor.bulan_data, rakor=rakor, lampiran=lampiran)
        versi = (rakor.briefings.aggregate(m=Max("versi"))["m"] or 0) + 1
        briefing = Briefing(
            rakor=rakor,
            versi=versi,
            tahun=data.tahun,
            bulan=data.bulan,
            issued_by=user if getattr(user, "is_authenticated", False) else None,
            figures=data.as_json(),
        )
        briefing.html = render_briefing_html(data, briefing=briefing)
        briefing.save()
        transaction.on_commit(lambda: start_render_job(briefing.pk))
    return briefing


def _running_version(rakor: Rakor) -> Briefing | None:
    timeout = getattr(settings, "RAKOR_BRIEF_TIMEOUT", 60)
    for pending in rakor.briefings.filter(status=StatusBriefing.MENUNGGU).order_by("-versi"):
        if not pending.is_stale(timeout):
            return pending
        pending.status = StatusBriefing.GAGAL
        pending.pesan_galat = _("Penyusunan tidak selesai dalam batas waktu.")
        pending.save(update_fields=["status", "pesan_galat"])
    return None


def start_render_job(briefing_id: int) -> None:
    """Render in the background: a separate process by default (settings.RAKOR_BRIEF_RUNNER
    "process"); "thread" or "sync" for tests and single-process setups."""
    runner = getattr(settings, "RAKOR_BRIEF_RUNNER", "process")
    if runner == "sync":
        render_job(briefing_id)
    elif runner == "thread":
        threading.Thread(target=render_job, args=(briefing_id,), daemon=True).start()
    else:
        subprocess.Popen(
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "rakor_brief",
                "--briefing",
                str(briefing_id),
            ],
            cwd=settings.BASE_DIR,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def render_job(briefing_id: int) -> Briefing:
    """Render a pending briefing's frozen HTML to PDF and store the bytes and their SHA-256;
    on failure or timeout mark it failed with the reason."""
    briefing = Briefing.objects.get(pk=briefing_id)
    if briefing.status != StatusBriefing.MENUNGGU:
        return briefing
    try:
        # a background job waits for a render slot as long as a render may take
        pdf = html_to_pdf_isolated(briefing.html, wait=brief_timeout())
    except RenderError as exc:
        briefing.status = StatusBriefing.GAGAL
        briefing.pesan_galat = str(exc)
    except Exception:  # the job must always leave a final status behind
        logger.exception("briefing %s render job failed", briefing_id)
        briefing.status = StatusBriefing.GAGAL
        briefing.pesan_galat = _("Penyusunan PDF gagal.")
    else:
        briefing.pdf = pdf
        briefing.sha256 = hashlib.sha256(pdf).hexdigest()
        briefing.status = StatusBriefing.SELESAI
        briefing.rendered_at = timezone.now()
    briefing.save(update_fields=["pdf", "sha256", "status", "rendered_at", "pesan_galat"])
    return briefing
