import pytest
from django.core.cache import cache

from opd.choices import Role
from tests.factories import PASSWORD, FiscalYearFactory, OpdFactory, UserFactory

# Fixtures shared by test packages (pytest reads pytest_plugins only in this root conftest):
# the access matrix's world (access, browser pages) and the known Kabupaten of the briefing
# (reports, queue, security).
pytest_plugins = ["tests.access.world", "tests.reports.briefing_fixtures"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached page fragments are keyed by a stamp of the
    data, and a rolled-back test's ids are used again by the next one on SQLite."""
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def year(db):
    return FiscalYearFactory(tahun=2025)


@pytest.fixture
def opd(db):
    return OpdFactory(kode="1.02.0.00.0.00.01.0000", nama="Dinas Kesehatan", singkatan="Dinkes")


@pytest.fixture
def operator(opd):
    return UserFactory(username="operator", role=Role.OPERATOR, opd=opd)


@pytest.fixture
def verifikator(db):
    return UserFactory(username="verifikator", role=Role.VERIFIKATOR, opd=None)


@pytest.fixture
def pimpinan(db):
    return UserFactory(username="sekda", role=Role.PIMPINAN, opd=None)


@pytest.fixture
def admin_user(db):
    return UserFactory(
        username="admin", role=Role.ADMIN, opd=None, is_staff=True, is_superuser=True
    )
