"""Follow-up reminders (issue 18): the OPD of a tindak lanjut is told
RAKOR_REMIND_DAYS_BEFORE days before its batas waktu and once it is overdue, through
opd.notify; a moved batas waktu is a new event (its date is in the key)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.choices import NotificationKind
from opd.notify import notify
from realisasi.notices import opd_users, tanggal

from .models import TindakLanjut


def followup_reminders(today: datetime.date | None = None) -> int:
    """Beat's morning run; how many notifications it made."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=settings.RAKOR_REMIND_DAYS_BEFORE)
    made = 0
    due_soon = TindakLanjut.objects.open().filter(batas_waktu=soon).select_related("opd")
    for tl in due_soon:
        made += _notify(
            tl,
            key=f"tindak-lanjut-segera:{tl.pk}:{tl.batas_waktu}",
            judul=_("Tindak lanjut jatuh tempo %(tanggal)s") % {"tanggal": tanggal(tl.batas_waktu)},
            pesan=_("Tindak lanjut \u201c%(uraian)s\u201d harus selesai pada %(tanggal)s.")
            % {"uraian": tl.uraian[:300], "tanggal": tanggal(tl.batas_waktu)},
        )
    for tl in TindakLanjut.objects.overdue(today).select_related("opd"):
        made += _notify(
            tl,
            key=f"tindak-lanjut-lewat:{tl.pk}:{tl.batas_waktu}",
            judul=_("Tindak lanjut lewat batas waktu"),
            pesan=_(
                "Tindak lanjut \u201c%(uraian)s\u201d melewati batas waktu %(tanggal)s dan "
                "belum selesai. Perbarui kemajuannya."
            )
            % {"uraian": tl.uraian[:300], "tanggal": tanggal(tl.batas_waktu)},
        )
    return made


def _notify(tl, *, key, judul, pesan) -> int:
    return len(
        notify(
            opd_users([tl.opd_id]),
            kind=NotificationKind.TINDAK_LANJUT,
            key=key,
            judul=judul,
            pesan=pesan,
            url=reverse("rakor:followup_update", args=[tl.pk]),
        )
    )
