"""The briefing's data: what the paper shows, in the order a Sekda reads it.

Every figure comes from reports.figures (one home for each formula) and
realisasi.compliance; this module only chooses what the briefing shows. Its sentences are
reports.briefing.sentences, its kendala section reports.briefing.kendala, its capaian kinerja
section reports.briefing.kinerja, its early warnings reports.briefing.peringatan, free text as
printed reports.printed_text.
"""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from opd.models import Opd
from rakor.models import Rakor, TindakLanjut
from realisasi.choices import StatusLaporan
from realisasi.compliance import Compliance, compliance_for

from .. import figures as fig
from .. import figures_detail
from ..printed_text import printable
from .kendala import (
    KendalaOverview,
    KendalaTheme,
    KendalaView,
    kendala_overview,
    kendala_themes,
    kendala_view,
)
from .kinerja import KinerjaSection, kinerja_section
from .peringatan import PeringatanSection, peringatan_section
from .sentences import (
    RankingSection,
    headline_sentences,
    opd_sentence,
    periode,
    ranking_section,
)


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
    meeting (TindakLanjut.objects.for_briefing annotates it)."""

    tindak_lanjut: TindakLanjut
    overdue: bool


def followup_rows(followups) -> list[FollowupRow]:
    """Overdue follow-ups first (earliest due first), then the others in their order."""
    rows = [FollowupRow(tl, tl.lewat_batas) for tl in followups]
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
    form_b: figures_detail.FormB
    kurva: figures_detail.KurvaS


def opd_appendix(tahun: int, bulan: int, rows: list[fig.OpdRow]) -> list[OpdAppendix]:
    """The appendix pages, one per OPD of the rekap (two queries per OPD)."""
    opds = {opd.pk: opd for opd in Opd.objects.filter(pk__in=[row.opd_id for row in rows])}
    return [
        OpdAppendix(
            row=row,
            form_b=figures_detail.opd_form_b(tahun, bulan, opds[row.opd_id]),
            kurva=figures_detail.kurva_s(tahun, opd=opds[row.opd_id], through=bulan),
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
    kurva: figures_detail.KurvaS
    # by realisasi keuangan, by realisasi fisik and by deviasi keuangan (reports.figures.ranking)
    ranking_keuangan: fig.Ranking
    ranking_fisik: fig.Ranking
    ranking_deviasi: fig.Ranking
    rows: list[fig.OpdRow]
    compliance: Compliance
    kendala: list
    followups: list
    kendala_section: KendalaOverview | None = None
    # The capaian kinerja of the latest triwulan closed (reports.briefing.kinerja, issue 19).
    kinerja: KinerjaSection | None = None
    appendix: list[OpdAppendix] = dataclasses.field(default_factory=list)
    # the early warnings and the year-end projection (reports.briefing.peringatan)
    peringatan: PeringatanSection | None = None

    @property
    def rekap(self) -> list[RekapRow]:
        return [RekapRow(row) for row in self.rows]

    @property
    def followup_rows(self) -> list[FollowupRow]:
        return followup_rows(self.followups)

    @property
    def periode(self) -> str:
        return periode(self.tahun, self.bulan)

    @property
    def top_sentences(self) -> list[tuple[int, str]]:
        return [(ranked.rank, opd_sentence(ranked.row)) for ranked in self.ranking_keuangan.top]

    @property
    def bottom_sentences(self) -> list[tuple[int, str]]:
        return [(ranked.rank, opd_sentence(ranked.row)) for ranked in self.ranking_keuangan.bottom]

    @property
    def rankings(self) -> list[RankingSection]:
        """The rankings by keuangan, by fisik and by deviasi, as sentences."""
        return [
            ranking_section(ranking)
            for ranking in (self.ranking_keuangan, self.ranking_fisik, self.ranking_deviasi)
        ]

    @property
    def kendala_themes(self) -> list[KendalaTheme]:
        deviasi = {row.opd_id: row.figures.deviasi_keuangan for row in self.rows}
        return kendala_themes(self.kendala, deviasi)

    @property
    def kendala_printed(self) -> tuple[list[KendalaTheme], int]:
        """The settings.RAKOR_BRIEF_KENDALA_MAX themes whose OPDs lag furthest behind (lowest
        deviasi keuangan, then most reported), in reading order, and how many are left out
        (the rule of the hardening branch, issue 13)."""
        themes = self.kendala_themes
        limit = settings.RAKOR_BRIEF_KENDALA_MAX
        if len(themes) <= limit:
            return themes, 0
        behind = sorted(
            range(len(themes)),
            key=lambda i: (themes[i].deviasi is None, themes[i].deviasi or 0, i),
        )
        chosen = sorted(behind[:limit])
        return [themes[i] for i in chosen], len(themes) - limit

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
                "top": [(r.rank, r.row.kode, r.value) for r in self.ranking_keuangan.top],
                "bottom": [(r.rank, r.row.kode, r.value) for r in self.ranking_keuangan.bottom],
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
                "peringatan": self.peringatan,
                "kinerja": self.kinerja.as_json() if self.kinerja else None,
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
    followups = list(TindakLanjut.objects.for_briefing(rakor=rakor))
    return BriefingData(
        tahun=tahun,
        bulan=bulan,
        rakor=rakor,
        summary=summary,
        headline=headline_sentences(summary),
        kurva=figures_detail.kurva_s(tahun, through=bulan),
        ranking_keuangan=fig.ranking(rows, "keuangan"),
        ranking_fisik=fig.ranking(rows, "fisik"),
        ranking_deviasi=fig.ranking(rows, "deviasi"),
        rows=rows,
        compliance=compliance_for(tahun, bulan),
        kendala=figures_detail.kendala_digest(tahun, bulan),
        followups=followups,
        kendala_section=kendala_overview(tahun, bulan),
        kinerja=kinerja_section(tahun, bulan),
        appendix=opd_appendix(tahun, bulan, rows) if lampiran else [],
        peringatan=peringatan_section(tahun, bulan),
    )
