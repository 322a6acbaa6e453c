"""The admin's door: changes made in the Django admin, recorded like every other change.

The admin edits rows directly; these functions record what it changed (sumber ADMIN) and bump
the report's version so a page opened before the admin's change cannot overwrite it.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import changed_fields, record_changes
from ..choices import SumberPerubahan
from ..models import MonthlyReport, Realisasi, StatusChange
from ..workflow import FIGURE_FIELDS

REPORT_AUDITED = ["status", "terlambat", "catatan_verifikator", "submitted_at", "verified_at"]


def _report_of(line, bulan: int):
    return MonthlyReport.objects.filter(
        opd_id=line.opd_id, fiscal_year_id=line.fiscal_year_id, bulan=bulan
    )


def save_realisasi(user, row: Realisasi, change: bool) -> None:
    """Save a Realisasi row edited in the admin, with its audit events."""
    with transaction.atomic():
        before = {}
        if change and row.pk:
            old = Realisasi.objects.select_for_update().get(pk=row.pk)
            before = {name: getattr(old, name) for name in FIGURE_FIELDS}
        row.updated_by = user
        row.save()
        _record_line(user, row, before, {n: getattr(row, n) for n in FIGURE_FIELDS})


def delete_realisasi(user, row: Realisasi) -> None:
    with transaction.atomic():
        before = {name: getattr(row, name) for name in FIGURE_FIELDS}
        _record_line(user, row, before, dict.fromkeys(FIGURE_FIELDS))
        row.delete()


def _record_line(user, row, before, after) -> None:
    report = _report_of(row.line, row.bulan).first()
    changes = changed_fields(before, after)
    record_changes(
        changes,
        user=user,
        sumber=SumberPerubahan.ADMIN,
        line=row.line,
        report=report,
        tahun=row.line.fiscal_year.tahun,
        bulan=row.bulan,
    )
    if report is not None and changes:
        _report_of(row.line, row.bulan).bump_version(user)


def save_report(user, report: MonthlyReport, change: bool) -> None:
    """Save a MonthlyReport edited in the admin: audit events and a StatusChange if moved."""
    with transaction.atomic():
        before = {}
        edited = change and report.pk
        if edited:
            old = MonthlyReport.objects.select_for_update().get(pk=report.pk)
            before = {name: getattr(old, name) for name in REPORT_AUDITED}
            # The bump below counts from the row's version, not the one the form was read at.
            report.version = old.version
        report.updated_by = user
        report.save()
        if edited:
            MonthlyReport.objects.filter(pk=report.pk).bump_version(user)
            report.refresh_from_db(fields=["version", "updated_at"])
        after = {name: getattr(report, name) for name in REPORT_AUDITED}
        changes = changed_fields(before, after)
        if "status" in changes:
            StatusChange.objects.create(
                report=report,
                from_status=before.get("status") or "",
                to_status=report.status,
                user=user,
                catatan=_("Diubah melalui admin."),
            )
        record_changes(
            changes,
            user=user,
            sumber=SumberPerubahan.ADMIN,
            opd=report.opd,
            report=report,
            tahun=report.fiscal_year.tahun,
            bulan=report.bulan,
        )


def delete_report(user, report: MonthlyReport) -> None:
    with transaction.atomic():
        record_changes(
            {"status": (report.status, "")},
            user=user,
            sumber=SumberPerubahan.ADMIN,
            opd=report.opd,
            tahun=report.fiscal_year.tahun,
            bulan=report.bulan,
        )
        report.delete()
