"""A Pemda's first day: on a database with no fiscal year, no OPD and no data, every page
answers 200 and says in one sentence that the year has no data, with a link to the set-up page
for those who can act (verifikator, admin)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from opd.choices import Role
from tests.factories import OpdFactory, UserFactory

# "Today": 5 February 2026; the last complete month is January 2026.
NOW = datetime.datetime(2026, 2, 5, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
SENTENCE = "Belum ada data untuk tahun anggaran 2026"
YEAR_PAGES = [
    "reports:summary",
    "reports:rekap",
    "reports:kurva",
    "reports:kendala",
    "realisasi:compliance",
    "realisasi:report_home",
]
OTHER_PAGES = [
    "home",
    "realisasi:setup",
    "realisasi:import_home",
    "realisasi:audit",
    "rakor:meeting_list",
    "rakor:followup_list",
]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def admin(db):
    return UserFactory(
        username="admin", role=Role.ADMIN, opd=None, is_superuser=True, is_staff=True
    )


@pytest.mark.parametrize("name", YEAR_PAGES)
def test_year_pages_say_the_year_has_no_data(client, admin, name):
    client.force_login(admin)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert SENTENCE in html
    assert "Saringan tidak valid" not in html
    assert f'href="{reverse("realisasi:setup")}?tahun=2026"' in html


@pytest.mark.parametrize("name", OTHER_PAGES)
def test_other_pages_answer_200(client, admin, name):
    client.force_login(admin)
    assert client.get(reverse(name)).status_code == 200


def test_the_dasbor_offers_the_current_year(client, admin):
    client.force_login(admin)
    html = client.get(reverse("reports:summary")).content.decode()
    assert '<option value="2026" selected>2026</option>' in html


def test_a_pimpinan_is_told_whom_to_ask(client, db):
    sekda = UserFactory(username="sekda", role=Role.PIMPINAN, opd=None)
    client.force_login(sekda)
    html = client.get(reverse("reports:rekap")).content.decode()
    assert SENTENCE in html
    assert "Hubungi Bappeda atau admin aplikasi." in html
    assert reverse("realisasi:setup") not in html


def test_an_operator_of_an_opd_without_lines_sees_its_empty_month(client, db):
    operator = UserFactory(username="op", role=Role.OPERATOR, opd=OpdFactory(kode="1.01"))
    client.force_login(operator)
    response = client.get(reverse("realisasi:report_home"))
    assert response.status_code == 200
    assert SENTENCE in response.content.decode()
    assert "Hubungi Bappeda atau admin aplikasi." in response.content.decode()


def test_the_briefing_of_a_year_without_data_is_refused_by_name(client, admin):
    """The briefing is a PDF download, not a page: an unknown year is a 400 that names it."""
    client.force_login(admin)
    response = client.get(reverse("reports:briefing"))
    assert response.status_code == 400
    assert "Tahun 2026 tidak dikenal." in response.content.decode()


def test_an_opd_page_without_lines_says_so(client, admin):
    OpdFactory(kode="1.02", nama="Dinas Kesehatan")
    client.force_login(admin)
    response = client.get(reverse("reports:opd", kwargs={"kode": "1.02"}))
    assert response.status_code == 200
    assert "Belum ada data Dinas Kesehatan untuk tahun anggaran 2026" in response.content.decode()
