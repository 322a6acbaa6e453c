"""The early-warning blocks of the Dasbor, the OPD page and the Peringatan dini page: the
projection of what a reader looks at (the Pemda or one OPD) with its method stated, the counts
per kind and the first warnings (reports.early_warning)."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from realisasi.choices import KelompokDana

from . import early_warning
from .projection import ProjectedSums

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

BLOCK_ALERTS = 5


@dataclass(frozen=True)
class ProjectionBlock:
    """The projection of what a reader looks at (the Pemda or one OPD), its method stated."""

    title: str
    sums: ProjectedSums | None
    statement: str
    counts: list = field(default_factory=list)
    alerts: list = field(default_factory=list)
    largest: list = field(default_factory=list)
    opd_id: int | None = None


def projection_block(result, opd=None, *, user=None) -> ProjectionBlock:
    """The block of one OPD (`opd`), or of the user's scope: the Pemda for those who read every
    OPD, their own OPD otherwise."""
    if opd is None and user is not None and not user.sees_all_opds:
        opd = user.opd
    if opd is None:
        alerts = result.alerts
        return ProjectionBlock(
            title=_("Pemda"),
            sums=result.projection.pemda,
            statement=result.choice.statement,
            counts=[row for row in result.counts(alerts) if row[2]],
            alerts=alerts[:BLOCK_ALERTS],
            largest=result.largest_sisa_opds(),
        )
    alerts = result.for_opds([opd.pk])
    return ProjectionBlock(
        title=opd.nama,
        sums=result.projection.opd.get(opd.pk),
        statement=result.choice.statement,
        counts=[row for row in result.counts(alerts) if row[2]],
        alerts=alerts[:BLOCK_ALERTS],
        opd_id=opd.pk,
    )


def kelompok_rows(result) -> list[tuple["StrOrPromise", ProjectedSums]]:
    """The projection per funding group, in the order of KelompokDana."""
    groups = result.projection.kelompok
    return [(label, groups[key]) for key, label in KelompokDana.choices if key in groups]


def opd_projection_rows(result, opd_ids=None) -> list[tuple[str, str, ProjectedSums]]:
    """(kode, nama, sums) of each OPD in scope, largest projected sisa first."""
    rows = [
        (*result.opd_names[opd_id], sums)
        for opd_id, sums in result.projection.opd.items()
        if opd_ids is None or opd_id in opd_ids
    ]
    rows.sort(key=lambda row: (-row[2].sisa_rp, row[0]))
    return rows


def block_for(tahun: int, bulan: int, *, user=None, opd=None) -> ProjectionBlock:
    """The block of (tahun, bulan) from the shared, cached assessment."""
    return projection_block(early_warning.assessment(tahun, bulan), opd, user=user)
