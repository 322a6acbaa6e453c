"""Who may see and do what in the monthly report: the one place the views and the workflow ask.

- Operator OPD: reads and edits every line of their own OPD's report and submits it.
- Pengelola/PPTK: reads their OPD's report and edits only the lines where they are the PPTK.
  They do not submit: the operator submits the OPD's month as a whole, so one person answers
  for its completeness.
- Verifikator: reads every OPD, verifies or returns a submitted report, reopens a verified one.
- Pimpinan: reads everything, changes nothing.
- Admin (role admin or superuser): everything the others may do.
The roles and who reads which OPD are opd.access's; this module adds the report's own rules.
A report can be edited while it is draf or dikembalikan (or does not exist yet); terkirim waits
for the verifikator and terverifikasi is locked until reopened.

Segregation of duties (issue 13, finding 8): a verifikator never verifies, returns or reopens
the report of the OPD they belong to, and nobody decides on a report they submitted or whose
figures they typed; RAKOR_ALLOW_SELF_VERIFY (off by default) lifts this for a Bappeda of one.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from opd.access import is_admin, is_opd_user, is_verifikator
from opd.choices import Role

from .choices import EDITABLE_STATUSES, StatusLaporan


def report_is_editable(report) -> bool:
    """A missing report (belum input), a draf or a returned one can be edited."""
    return report is None or report.status in EDITABLE_STATUSES


def can_edit_report(user, opd, report) -> bool:
    """Whether the user may change any figure of the OPD's report (at least one line)."""
    if not report_is_editable(report):
        return False
    if is_admin(user):
        return True
    return is_opd_user(user) and user.opd_id == opd.pk


def can_edit_line(user, line, report=None) -> bool:
    """Operator: every line of their OPD; pengelola: the lines where they are the PPTK."""
    if not report_is_editable(report):
        return False
    if is_admin(user):
        return True
    if not user.is_authenticated or user.opd_id != line.opd_id:
        return False
    if user.role == Role.OPERATOR:
        return True
    return user.role == Role.PENGELOLA and line.pptk_id == user.pk


def can_submit(user, opd, report) -> bool:
    if not report_is_editable(report):
        return False
    if is_admin(user):
        return True
    return user.is_authenticated and user.role == Role.OPERATOR and user.opd_id == opd.pk


def duty_conflict(user, report) -> str:
    """Why `user` may not decide on `report` (segregation of duties), or "" when they may."""
    if report is None or settings.RAKOR_ALLOW_SELF_VERIFY:
        return ""
    if user.opd_id is not None and user.opd_id == report.opd_id:
        return _("Anda tidak dapat memverifikasi laporan OPD Anda sendiri.")
    if report.submitted_by_id == user.pk or report.typed_by(user):
        return _("Anda tidak dapat memverifikasi laporan yang Anda kirim atau isi sendiri.")
    return ""


def can_verify(user, report) -> bool:
    return (
        report is not None
        and report.status == StatusLaporan.TERKIRIM
        and is_verifikator(user)
        and not duty_conflict(user, report)
    )


def can_return(user, report) -> bool:
    return can_verify(user, report)


def can_reopen(user, report) -> bool:
    return (
        report is not None
        and report.status == StatusLaporan.TERVERIFIKASI
        and is_verifikator(user)
        and not duty_conflict(user, report)
    )
