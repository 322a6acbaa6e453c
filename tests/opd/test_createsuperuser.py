"""The first account of a new Pemda: `manage.py createsuperuser` on an empty database."""

import pytest
from django.core.management import call_command

from opd.choices import Role
from opd.models import Opd, User


def test_createsuperuser_makes_an_admin_without_an_opd(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "kalimat-sandi-bappeda-2026")
    assert not Opd.objects.exists()
    call_command(
        "createsuperuser", interactive=False, username="admin", email="admin@example.go.id"
    )
    admin = User.objects.get(username="admin")
    assert (admin.role, admin.opd, admin.is_superuser, admin.is_staff) == (
        Role.ADMIN,
        None,
        True,
        True,
    )
    assert admin.check_password("kalimat-sandi-bappeda-2026")
    assert not admin.must_change_password


def test_the_admin_logs_in_and_reaches_the_set_up_page(client, db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "kalimat-sandi-bappeda-2026")
    call_command("createsuperuser", interactive=False, username="admin", email="")
    assert client.login(username="admin", password="kalimat-sandi-bappeda-2026")
    response = client.get("/")
    assert "Persiapan" in response.content.decode()
    assert client.get("/laporan/persiapan/").status_code == 200


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.PIMPINAN])
def test_a_superuser_may_be_given_another_role_that_needs_no_opd(db, role):
    user = User.objects.create_superuser("kepala", password="x" * 12, role=role)
    assert user.role == role and user.opd is None
