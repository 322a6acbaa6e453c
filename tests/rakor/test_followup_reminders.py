"""Follow-up reminders (rakor.notices): the OPD of a tindak lanjut hears RAKOR_REMIND_DAYS_BEFORE
days before its batas waktu and once when it is overdue; a finished one is left alone."""

import datetime

import pytest

from opd.choices import NotificationKind, Role
from opd.models import Notification
from rakor.choices import StatusTindakLanjut
from rakor.notices import followup_reminders
from tests.factories import OpdFactory, TindakLanjutFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_three_days_before_and_once_overdue(opd, operator):
    pptk = UserFactory(username="pptk.dinkes.1", role=Role.PENGELOLA, opd=opd)
    UserFactory(username="op.lain", role=Role.OPERATOR, opd=OpdFactory())
    tl = TindakLanjutFactory(
        opd=opd, uraian="Tanda tangani kontrak jalan", batas_waktu=datetime.date(2025, 12, 20)
    )
    TindakLanjutFactory(
        opd=opd, batas_waktu=datetime.date(2025, 12, 20), status=StatusTindakLanjut.SELESAI
    )

    assert followup_reminders(datetime.date(2025, 12, 16)) == 0
    assert followup_reminders(datetime.date(2025, 12, 17)) == 2
    notes = Notification.objects.filter(kind=NotificationKind.TINDAK_LANJUT)
    assert sorted(notes.values_list("user__username", flat=True)) == ["operator", "pptk.dinkes.1"]
    soon = notes.get(user=pptk)
    assert soon.judul == "Tindak lanjut jatuh tempo 20 Desember 2025"
    assert soon.pesan == (
        "Tindak lanjut \u201cTanda tangani kontrak jalan\u201d harus selesai pada 20 Desember 2025."
    )
    assert soon.url == f"/rakor/tindak-lanjut/{tl.pk}/"
    assert followup_reminders(datetime.date(2025, 12, 17)) == 0
    assert followup_reminders(datetime.date(2025, 12, 20)) == 0  # due today: not yet overdue

    assert followup_reminders(datetime.date(2025, 12, 21)) == 2
    overdue = notes.filter(key__startswith="tindak-lanjut-lewat").first()
    assert overdue.judul == "Tindak lanjut lewat batas waktu"
    assert "melewati batas waktu 20 Desember 2025" in overdue.pesan
    assert followup_reminders(datetime.date(2025, 12, 22)) == 0  # once, not every morning

    # the batas waktu moved to the new year: a new reminder three days before it
    tl.batas_waktu = datetime.date(2026, 1, 10)
    tl.save()
    assert followup_reminders(datetime.date(2026, 1, 7)) == 2
