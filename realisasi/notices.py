"""Who is told what about the monthly reports (issue 18), through opd.notify:

- a report submitted: every verifikator, at once;
- a report returned (or a verified one reopened): the OPD's operators and pengelola, at once,
  with the verifikator's note;
- RAKOR_REMIND_DAYS_BEFORE days before the due date and on it: the operators and pengelola
  (PPTK) of each OPD that has not submitted the month (realisasi.compliance: terkirim or
  terverifikasi counts as submitted, a draf or a returned report does not);
- the morning after the due date: those OPDs again, and every verifikator with the list.

Each notice's key names its event, so a second beat run or a retried task sends nothing new.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.access import OPD_ROLES
from opd.choices import NotificationKind, Role
from opd.models import User
from opd.notify import notify

from .choices import NAMA_BULAN, StatusLaporan
from .compliance import compliance_for
from .models import FiscalYear
from .period import Period


def tanggal(day: datetime.date) -> str:
    """10 Desember 2025."""
    return f"{day.day} {NAMA_BULAN[day.month]} {day.year}"


def opd_users(opd_ids):
    return User.objects.filter(opd_id__in=opd_ids, role__in=OPD_ROLES, is_active=True)


def verifikators():
    return User.objects.filter(role=Role.VERIFIKATOR, is_active=True)


def report_url(kode: str, tahun: int, bulan: int) -> str:
    return reverse("realisasi:report", kwargs={"kode": kode, "tahun": tahun, "bulan": bulan})


def report_status_changed(report, change) -> None:
    """Called by realisasi.workflow inside the transaction of a status change."""
    periode = Period(report.fiscal_year.tahun, report.bulan).name
    url = report_url(report.opd.kode, report.fiscal_year.tahun, report.bulan)
    if change.to_status == StatusLaporan.TERKIRIM:
        notify(
            verifikators(),
            kind=NotificationKind.TERKIRIM,
            key=f"laporan-terkirim:{change.pk}",
            judul=_("Laporan %(opd)s %(periode)s menunggu verifikasi")
            % {"opd": report.opd.short_name, "periode": periode},
            pesan=_("%(opd)s telah mengirim laporan realisasi %(periode)s%(telat)s.")
            % {
                "opd": report.opd.nama,
                "periode": periode,
                "telat": _(" (terlambat)") if report.terlambat else "",
            },
            url=url,
        )
    elif change.to_status == StatusLaporan.DIKEMBALIKAN:
        notify(
            opd_users([report.opd_id]),
            kind=NotificationKind.DIKEMBALIKAN,
            key=f"laporan-dikembalikan:{change.pk}",
            judul=_("Laporan %(periode)s dikembalikan") % {"periode": periode},
            pesan=_(
                "Laporan realisasi %(opd)s bulan %(periode)s dikembalikan oleh verifikator "
                "dengan catatan: \u201c%(catatan)s\u201d. Perbaiki lalu kirim kembali."
            )
            % {"opd": report.opd.nama, "periode": periode, "catatan": change.catatan},
            url=url,
        )


def morning_reminders(today: datetime.date | None = None) -> int:
    """Beat's morning run for the month people report now; how many notifications it made."""
    today = today or timezone.localdate()
    tahun, bulan = Period.reporting(today)
    fiscal_year = FiscalYear.objects.filter(tahun=tahun).first()
    if fiscal_year is None:
        return 0
    due = fiscal_year.due_date(bulan)
    days_left = (due - today).days
    if days_left in (settings.RAKOR_REMIND_DAYS_BEFORE, 0):
        return deadline_reminders(tahun, bulan, due, days_left)
    if days_left == -1:
        return late_notices(tahun, bulan, due)
    return 0


def _not_submitted(tahun: int, bulan: int):
    return [row.opd for row in compliance_for(tahun, bulan).not_reported]


def deadline_reminders(tahun: int, bulan: int, due: datetime.date, days_left: int) -> int:
    periode = Period(tahun, bulan).name
    if days_left:
        kapan = _("%(hari)s hari lagi, %(tanggal)s") % {"hari": days_left, "tanggal": tanggal(due)}
    else:
        kapan = _("hari ini, %(tanggal)s") % {"tanggal": tanggal(due)}
    made = 0
    for opd in _not_submitted(tahun, bulan):
        made += len(
            notify(
                opd_users([opd.pk]),
                kind=NotificationKind.BATAS_LAPOR,
                key=f"batas-lapor:{tahun}-{bulan}:{opd.pk}:{days_left}",
                judul=_("Laporan %(periode)s jatuh tempo %(kapan)s")
                % {"periode": periode, "kapan": kapan},
                pesan=_(
                    "Laporan realisasi %(opd)s bulan %(periode)s belum dikirim. Batas waktunya "
                    "%(kapan)s."
                )
                % {"opd": opd.nama, "periode": periode, "kapan": kapan},
                url=report_url(opd.kode, tahun, bulan),
            )
        )
    return made


def late_notices(tahun: int, bulan: int, due: datetime.date) -> int:
    periode = Period(tahun, bulan).name
    late = _not_submitted(tahun, bulan)
    made = 0
    for opd in late:
        made += len(
            notify(
                opd_users([opd.pk]),
                kind=NotificationKind.TERLAMBAT,
                key=f"terlambat:{tahun}-{bulan}:{opd.pk}",
                judul=_("Laporan %(periode)s terlambat") % {"periode": periode},
                pesan=_(
                    "Laporan realisasi %(opd)s bulan %(periode)s belum dikirim sampai batas "
                    "waktu %(tanggal)s. Segera lengkapi dan kirim."
                )
                % {"opd": opd.nama, "periode": periode, "tanggal": tanggal(due)},
                url=report_url(opd.kode, tahun, bulan),
            )
        )
    if late:
        names = ", ".join(opd.short_name for opd in late)
        made += len(
            notify(
                verifikators(),
                kind=NotificationKind.TERLAMBAT,
                key=f"terlambat-opd:{tahun}-{bulan}",
                judul=_("%(n)s OPD belum melapor %(periode)s")
                % {"n": len(late), "periode": periode},
                pesan=_(
                    "Sampai batas waktu %(tanggal)s belum mengirim laporan %(periode)s: %(opd)s."
                )
                % {"tanggal": tanggal(due), "periode": periode, "opd": names},
                url=f"{reverse('realisasi:compliance')}?tahun={tahun}&bulan={bulan}",
            )
        )
    return made
