"""The permission predicates of realisasi/permissions.py, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from opd import access
from opd.choices import Role
from opd.models import Opd
from realisasi import permissions
from realisasi.choices import StatusLaporan
from realisasi.models import MonthlyReport
from tests.factories import UserFactory

from .report_helpers import BULAN, make_lines, other_opd

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(opd, year, operator):
    pengelola = UserFactory(username="pptk", role=Role.PENGELOLA, opd=opd)
    own, other = make_lines(opd, year, 1, pptk=pengelola) + make_lines(opd, year, 1)
    opd_b = other_opd()
    return {"pengelola": pengelola, "own": own, "other": other, "opd_b": opd_b}


def report(opd, year, status):
    return MonthlyReport(opd=opd, fiscal_year=year, bulan=BULAN, status=status)


def test_scoped_opds(setup, operator, verifikator, pimpinan, admin_user, opd):
    assert list(Opd.objects.visible_to(operator)) == [opd]
    assert list(Opd.objects.visible_to(setup["pengelola"])) == [opd]
    for user in (verifikator, pimpinan, admin_user):
        assert Opd.objects.visible_to(user).count() == 2
    assert not Opd.objects.visible_to(AnonymousUser()).exists()


def test_edit_line_by_role(setup, operator, verifikator, pimpinan, admin_user):
    own, other = setup["own"], setup["other"]
    assert permissions.can_edit_line(operator, own) and permissions.can_edit_line(operator, other)
    assert permissions.can_edit_line(setup["pengelola"], own)
    assert not permissions.can_edit_line(setup["pengelola"], other)
    assert not permissions.can_edit_line(verifikator, own)
    assert not permissions.can_edit_line(pimpinan, own)
    assert permissions.can_edit_line(admin_user, own)
    operator_b = UserFactory(role=Role.OPERATOR, opd=setup["opd_b"])
    assert not permissions.can_edit_line(operator_b, own)


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (None, True),
        (StatusLaporan.DRAF, True),
        (StatusLaporan.DIKEMBALIKAN, True),
        (StatusLaporan.TERKIRIM, False),
        (StatusLaporan.TERVERIFIKASI, False),
    ],
)
def test_editing_depends_on_status(setup, operator, opd, year, status, editable):
    current = report(opd, year, status) if status else None
    assert permissions.can_edit_report(operator, opd, current) is editable
    assert permissions.can_edit_line(operator, setup["own"], current) is editable
    assert permissions.can_submit(operator, opd, current) is editable


def test_only_the_operator_or_admin_submits(setup, operator, verifikator, admin_user, opd):
    assert permissions.can_submit(operator, opd, None)
    assert not permissions.can_submit(setup["pengelola"], opd, None)
    assert not permissions.can_submit(verifikator, opd, None)
    assert permissions.can_submit(admin_user, opd, None)


def test_verification_predicates(operator, verifikator, pimpinan, admin_user, opd, year):
    sent = report(opd, year, StatusLaporan.TERKIRIM)
    verified = report(opd, year, StatusLaporan.TERVERIFIKASI)
    for user in (verifikator, admin_user):
        assert permissions.can_verify(user, sent) and permissions.can_return(user, sent)
        assert permissions.can_reopen(user, verified)
        assert not permissions.can_verify(user, verified)
        assert not permissions.can_reopen(user, sent)
    for user in (operator, pimpinan):
        assert not permissions.can_verify(user, sent)
        assert not permissions.can_reopen(user, verified)


def test_compliance_readers(operator, verifikator, pimpinan, admin_user):
    assert not access.sees_all_opds(operator)
    assert not access.sees_all_opds(AnonymousUser())
    assert all(access.sees_all_opds(u) for u in (verifikator, pimpinan, admin_user))
