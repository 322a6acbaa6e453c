"""Reporting compliance of a month: who has reported, who has not, who was late.

Definitions (the figures the Rakor quotes, "Sebanyak 175 pengelola dari 45 OPD telah
menyampaikan laporan"):
- The OPDs counted are the active OPDs that have at least one budget line in the year.
- An OPD "has reported" when its report of the month is terkirim or terverifikasi. A draf or a
  dikembalikan report is still with the OPD and does not count.
- A "pengelola who reported" is a distinct user who is the PPTK (BudgetLine.pptk) of at least
  one line that has its own Realisasi row for the month, in an OPD that has reported. Lines
  without a PPTK count for their OPD but not for any pengelola.
- "Late" lists the OPDs whose report was first submitted after the deadline (terlambat).
The computation takes a fixed number of queries whatever the number of OPDs.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from opd.formatting import format_number
from opd.models import Opd, User

from .choices import BELUM_INPUT, BELUM_INPUT_LABEL, SUBMITTED_STATUSES, StatusLaporan
from .models import BudgetLine, Ledger, LedgerTotal, MonthlyReport
from .querysets import year_ids


@dataclass
class OpdCompliance:
    """One OPD's line in the compliance table."""

    opd: Opd
    status: str
    status_label: str
    terlambat: bool = False
    submitted_at: datetime | None = None
    submitted_by: User | None = None
    pengelola: int = 0
    report: MonthlyReport | None = None

    @property
    def reported(self) -> bool:
        return self.status in SUBMITTED_STATUSES


@dataclass
class Compliance:
    tahun: int
    bulan: int
    rows: list[OpdCompliance] = field(default_factory=list)
    pengelola_reported: int = 0
    # distinct PPTK of the year's lines in active OPDs: "119 dari 175 pengelola"
    pengelola_total: int = 0

    @property
    def opd_total(self) -> int:
        return len(self.rows)

    @property
    def opd_reported(self) -> int:
        return sum(1 for row in self.rows if row.reported)

    @property
    def not_reported(self) -> list[OpdCompliance]:
        return [row for row in self.rows if not row.reported]

    @property
    def late(self) -> list[OpdCompliance]:
        return [row for row in self.rows if row.terlambat]

    @property
    def waiting(self) -> list[OpdCompliance]:
        """Reports submitted and not yet verified or returned: the verifikator's queue."""
        return [row for row in self.rows if row.status == StatusLaporan.TERKIRIM]

    @property
    def sentence(self) -> str:
        """ "Sebanyak 175 pengelola dari 45 OPD telah menyampaikan laporan."

        Over zero OPDs (a year whose APBD is not loaded) it claims nothing.
        """
        if not self.rows:
            return _("Belum ada OPD yang wajib melapor untuk tahun %(tahun)s.") % {
                "tahun": self.tahun
            }
        text = _("Sebanyak %(pengelola)s pengelola dari %(opd)s OPD telah menyampaikan laporan.")
        return text % {
            "pengelola": format_number(self.pengelola_reported),
            "opd": format_number(self.opd_reported),
        }


def _pengelola_reported(tahun: int, bulan: int) -> set[tuple[int, int]]:
    """(OPD, PPTK) of every line that has its own figures for the month (the ledger's
    `reported`) in an OPD whose report counts as reported."""
    submitted = MonthlyReport.objects.submitted().filter(
        opd=OuterRef("line__opd"), fiscal_year=OuterRef("fiscal_year"), bulan=bulan
    )
    return set(
        Ledger.objects.filter(
            fiscal_year_id__in=year_ids(tahun), bulan=bulan, reported=True, line__pptk__isnull=False
        )
        .filter(Exists(submitted))
        .order_by()
        .values_list("line__opd", "line__pptk")
        .distinct()
    )


def compliance_for(tahun: int, bulan: int) -> Compliance:
    """The compliance of month `bulan` of year `tahun` (four queries)."""
    # the OPDs with budget lines in the year: those the ledger keeps sums for
    with_lines = LedgerTotal.objects.for_year(tahun).values("opd")
    opds = Opd.objects.filter(aktif=True, pk__in=with_lines).order_by("kode")
    reports = {
        report.opd_id: report
        for report in MonthlyReport.objects.filter(
            fiscal_year__tahun=tahun, bulan=bulan
        ).select_related("submitted_by")
    }
    pairs = _pengelola_reported(tahun, bulan)
    per_opd = Counter(opd_id for opd_id, _pptk in pairs)
    total = len({pptk for _opd, pptk in pairs})
    pengelola_total = (
        BudgetLine.objects.filter(fiscal_year__tahun=tahun, opd__aktif=True, pptk__isnull=False)
        .order_by()
        .aggregate(n=Count("pptk", distinct=True))["n"]
    )
    statuses = dict(StatusLaporan.choices)
    rows = []
    for opd in opds:
        report = reports.get(opd.pk)
        status = report.status if report else BELUM_INPUT
        rows.append(
            OpdCompliance(
                opd=opd,
                status=status,
                status_label=str(statuses.get(status, BELUM_INPUT_LABEL)),
                terlambat=bool(report and report.terlambat),
                submitted_at=report.submitted_at if report else None,
                submitted_by=report.submitted_by if report else None,
                pengelola=per_opd.get(opd.pk, 0),
                report=report,
            )
        )
    return Compliance(
        tahun=tahun,
        bulan=bulan,
        rows=rows,
        pengelola_reported=total or 0,
        pengelola_total=pengelola_total or 0,
    )
