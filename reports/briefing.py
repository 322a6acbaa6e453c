"""The Rakor briefing for the Sekda: its data, and issuing it.

Every figure comes from reports.figures (one home for each formula) and
realisasi.compliance; this module only chooses what the briefing shows, in the order a Sekda
reads it. Its sentences are reports.briefing_sentences, its kendala section
reports.briefing_kendala, its capaian kinerja section reports.briefing_kinerja, free text as
printed reports.printed_text. The HTML is templates/reports/briefing.html; the PDF is that
HTML through reports.pdf.
"""

import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.choices import NotificationKind, Role
from opd.models import Opd, User
from opd.notify import notify
from rakor.choices import StatusBriefing
from rakor.models import Briefing, Rakor, TindakLanjut
from realisasi.choices import StatusLaporan
from realisasi.compliance import Compliance, compliance_for

from . import figures as fig
from . import figures_detail
from .briefing_kendala import (
    KendalaOverview,
    KendalaTheme,
    KendalaView,
    kendala_overview,
    kendala_themes,
    kendala_view,
)
from .briefing_kinerja import KinerjaSection, kinerja_section
from .briefing_peringatan import PeringatanSection, peringatan_section
from .briefing_sentences import (
    RankingSection,
    headline_sentences,
    opd_sentence,
    periode,
    ranking_section,
)
from .pdf import RenderError, brief_timeout, early_renderer, html_to_pdf_isolated, logo_path
from .printed_text import breakable, printable  # noqa: F401  (breakable: reports.briefing API)
from .svg import kurva_svg

logger = logging.getLogger(__name__)


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
    # The capaian kinerja of the latest triwulan closed (reports.briefing_kinerja, issue 19).
    kinerja: KinerjaSection | None = None
    appendix: list[OpdAppendix] = dataclasses.field(default_factory=list)
    # the early warnings and the year-end projection (reports.briefing_peringatan)
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
        kurva=figures_detail.kurva_s(tahun, through=bulan),
        top=keuangan.top,
        bottom=keuangan.bottom,
        rows=rows,
        compliance=compliance_for(tahun, bulan),
        kendala=figures_detail.kendala_digest(tahun, bulan),
        followups=followups,
        ranking_fisik=fisik,
        ranking_deviasi=deviasi,
        kendala_section=kendala_overview(tahun, bulan),
        kinerja=kinerja_section(tahun, bulan),
        appendix=opd_appendix(tahun, bulan, rows) if lampiran else [],
        peringatan=peringatan_section(tahun, bulan),
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
    """An ad hoc briefing as PDF bytes, rendered in a child process under a time limit; the
    child starts first and loads WeasyPrint while the figures are read. Raises
    reports.pdf.RenderError."""
    with early_renderer(timeout=timeout) as render:
        return render(
            render_briefing_html(build_briefing(tahun, bulan, rakor=rakor, lampiran=lampiran))
        )


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
    for pending in rakor.briefings.filter(status=StatusBriefing.MENUNGGU).order_by("-versi"):
        if not pending.fail_if_stale():
            return pending
    return None


def start_render_job(briefing_id: int) -> None:
    """Queue the render (reports.tasks.render_briefing): on a worker with REDIS_URL, in this
    process without it. Redis down: the version stays pending and beat's
    reports.tasks.requeue_briefings queues it again (or marks it failed once stale)."""
    from .tasks import render_briefing

    try:
        render_briefing.delay(briefing_id)
    except Exception:  # kombu's OperationalError or the Redis client's: "later"
        logger.warning("briefing %s render not queued (broker unreachable)", briefing_id)


def render_job(briefing_id: int) -> Briefing:
    """Render a pending briefing's frozen HTML to PDF and store the bytes and their SHA-256;
    on failure or timeout mark it failed with the reason.

    Idempotent: the result is stored only while the version is still pending, so a task run
    twice (a retry, a duplicated delivery) stores one PDF and tells pimpinan once."""
    briefing = Briefing.objects.get(pk=briefing_id)
    if briefing.status != StatusBriefing.MENUNGGU:
        return briefing
    try:
        # a background job waits for a render slot as long as a render may take
        pdf = html_to_pdf_isolated(briefing.html, wait=brief_timeout())
    except RenderError as exc:
        outcome: dict[str, Any] = {"status": StatusBriefing.GAGAL, "pesan_galat": str(exc)}
    except Exception:  # the job must always leave a final status behind
        logger.exception("briefing %s render job failed", briefing_id)
        outcome = {"status": StatusBriefing.GAGAL, "pesan_galat": _("Penyusunan PDF gagal.")}
    else:
        outcome = {
            "status": StatusBriefing.SELESAI,
            "pdf": pdf,
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "rendered_at": timezone.now(),
            "pesan_galat": "",
        }
    with transaction.atomic():
        stored = Briefing.objects.filter(pk=briefing_id, status=StatusBriefing.MENUNGGU).update(
            **outcome
        )
        briefing.refresh_from_db()
        if stored and briefing.status == StatusBriefing.SELESAI:
            notify_issued(briefing)
    return briefing


def notify_issued(briefing: Briefing) -> None:
    """Tell every pimpinan that a briefing version is ready (once per version)."""
    rakor = briefing.rakor
    notify(
        User.objects.filter(role=Role.PIMPINAN, is_active=True),
        kind=NotificationKind.BAHAN_RAKOR,
        key=f"bahan-rakor:{briefing.pk}",
        judul=_("Bahan %(rakor)s versi %(versi)s terbit")
        % {"rakor": rakor.judul, "versi": briefing.versi},
        pesan=_("Bahan %(rakor)s (data %(periode)s) versi %(versi)s siap diunduh.")
        % {
            "rakor": rakor.judul,
            "periode": periode(briefing.tahun, briefing.bulan),
            "versi": briefing.versi,
        },
        url=reverse("rakor:meeting_detail", args=[rakor.pk]),
    )


def requeue_pending(older_than_seconds: int = 60) -> int:
    """Pending versions: queue again those whose task was never queued or was lost; mark failed
    those pending past twice the time limit (nothing stays "sedang disiapkan" for ever)."""
    before = timezone.now() - timedelta(seconds=older_than_seconds)
    queued = 0
    for pending in Briefing.objects.filter(status=StatusBriefing.MENUNGGU, issued_at__lt=before):
        if not pending.fail_if_stale():
            start_render_job(pending.pk)
            queued += 1
    return queued
