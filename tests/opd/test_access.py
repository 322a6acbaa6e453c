"""Who reads which OPD and who acts in which role (opd/access.py), role by role; the scoped
querysets of budget lines and follow-ups read the same OPDs."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from opd import access
from opd.choices import Role
from opd.models import Opd
from rakor.models import TindakLanjut
from realisasi.models import BudgetLine
from tests.factories import (
    ArahanFactory,
    BudgetLineFactory,
    OpdFactory,
    TindakLanjutFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_opds(year, opd):
    other = OpdFactory(kode="1.03", nama="Dinas Pekerjaan Umum")
    lines = {o: BudgetLineFactory(fiscal_year=year, opd=o) for o in (opd, other)}
    arahan = ArahanFactory()
    followups = {o: TindakLanjutFactory(arahan=arahan, opd=o) for o in (opd, other)}
    return {"own": opd, "other": other, "lines": lines, "followups": followups}


def scoped(user):
    return (
        set(Opd.objects.visible_to(user)),
        {line.opd for line in BudgetLine.objects.visible_to(user)},
        {followup.opd for followup in TindakLanjut.objects.visible_to(user)},
    )


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.PENGELOLA])
def test_an_opd_user_reads_their_own_opd_only(two_opds, role):
    user = UserFactory(role=role, opd=two_opds["own"])
    own = {two_opds["own"]}
    assert scoped(user) == (own, own, own)
    assert access.visible_opd_ids(user) == [two_opds["own"].pk]


@pytest.mark.parametrize("fixture", ["verifikator", "pimpinan", "admin_user"])
def test_verifikator_pimpinan_and_admin_read_every_opd(two_opds, fixture, request):
    user = request.getfixturevalue(fixture)
    every = {two_opds["own"], two_opds["other"]}
    assert scoped(user) == (every, every, every)
    assert access.visible_opd_ids(user) is None


def test_an_anonymous_visitor_reads_no_opd(two_opds):
    assert scoped(AnonymousUser()) == (set(), set(), set())
    assert access.visible_opd_ids(AnonymousUser()) == []


def test_a_superuser_is_an_admin_whatever_their_role_field(two_opds):
    """An operator made superuser in the admin keeps role "operator": they act as an admin,
    on the dashboards and follow-ups as on the report pages."""
    user = UserFactory(role=Role.OPERATOR, opd=two_opds["own"], is_superuser=True)
    every = {two_opds["own"], two_opds["other"]}
    assert access.role_of(user) == Role.ADMIN
    assert scoped(user) == (every, every, every)
    assert access.is_admin(user) and access.is_verifikator(user)
    assert not access.is_opd_user(user)


def test_role_predicates(operator, verifikator, pimpinan, admin_user):
    pengelola = UserFactory(role=Role.PENGELOLA, opd=operator.opd)
    anonymous = AnonymousUser()
    table = {
        # user: (is_opd_user, is_verifikator, is_pimpinan, is_admin, sees_all_opds)
        operator: (True, False, False, False, False),
        pengelola: (True, False, False, False, False),
        verifikator: (False, True, False, False, True),
        pimpinan: (False, False, True, False, True),
        admin_user: (False, True, False, True, True),
        anonymous: (False, False, False, False, False),
    }
    for user, expected in table.items():
        got = (
            access.is_opd_user(user),
            access.is_verifikator(user),
            access.is_pimpinan(user),
            access.is_admin(user),
            access.sees_all_opds(user),
        )
        assert got == expected, user


def test_the_menu_shows_what_the_role_may_open(
    client, year, operator, verifikator, pimpinan, admin_user
):
    """The navigation reads the same role sets as the pages' guards."""
    menus = {}
    for user in (operator, verifikator, pimpinan, admin_user):
        client.force_login(user)
        menus[user.username] = {item["label"] for item in client.get("/").context["nav_items"]}
    assert "Laporan bulanan" in menus["operator"] and "Kepatuhan" not in menus["operator"]
    assert "Impor data" not in menus["operator"] and "Admin" not in menus["operator"]
    assert {"Laporan bulanan", "Kepatuhan", "Impor data", "Jejak audit"} <= menus["verifikator"]
    assert "Kepatuhan" in menus["sekda"] and "Laporan bulanan" not in menus["sekda"]
    assert "Impor data" not in menus["sekda"]
    assert {"Laporan bulanan", "Kepatuhan", "Impor data", "Admin"} <= menus["admin"]
    # Each page in a menu opens for that user (no link to a 403).
    for user in (operator, verifikator, pimpinan, admin_user):
        client.force_login(user)
        for item in client.get("/").context["nav_items"]:
            assert client.get(item["url"]).status_code in (200, 302), (user, item["url"])


def test_role_required_sends_anonymous_to_login_and_refuses_other_roles(client, operator):
    url = reverse("realisasi:audit")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(operator)
    assert client.get(url).status_code == 403
