"""Who may read and do what on each report URL, GET and POST; a refused request changes nothing."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from opd.choices import Role
from realisasi.choices import StatusLaporan
from realisasi.models import AuditEvent, MonthlyReport, Realisasi, StatusChange
from tests.factories import RealisasiFactory, UserFactory

from .report_helpers import BULAN, TAHUN, fill, grid, make_lines, other_opd, url

pytestmark = pytest.mark.django_db
ACTIONS = ["report", "report_submit", "report_verify", "report_return", "report_reopen"]


@pytest.fixture
def pengelola(opd):
    return UserFactory(username="pptk", role=Role.PENGELOLA, opd=opd)


@pytest.fixture
def lines(opd, year, pengelola):
    own = make_lines(opd, year, 1, pptk=pengelola)
    return own + make_lines(opd, year, 1)


@pytest.fixture
def opd_b(year):
    opd = other_opd()
    make_lines(opd, year, 1)
    return opd


@pytest.fixture
def operator_b(opd_b):
    return UserFactory(username="operator_b", role=Role.OPERATOR, opd=opd_b)


def state():
    return (
        list(MonthlyReport.objects.values_list("status", "version")),
        list(Realisasi.objects.values_list("line_id", "realisasi_keuangan", "kendala")),
        AuditEvent.objects.count(),
        StatusChange.objects.count(),
    )


def post_data(lines, version=0):
    data = grid(lines, version=version, **fill(lines, kendala="x"))
    data["catatan"] = "catatan"
    return data


def submitted_report(opd, lines):
    for line in lines:
        RealisasiFactory(line=line, bulan=BULAN, realisasi_keuangan=500_000, realisasi_fisik=50)
    return MonthlyReport.objects.create(
        opd=opd,
        fiscal_year=lines[0].fiscal_year,
        bulan=BULAN,
        status=StatusLaporan.TERKIRIM,
        version=3,
    )


@pytest.mark.parametrize("name", ACTIONS)
def test_anonymous_is_sent_to_login_and_changes_nothing(client, opd, lines, name):
    before = state()
    for response in (client.get(url(name, opd)), client.post(url(name, opd), post_data(lines))):
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert state() == before


@pytest.mark.parametrize("name", ["report_home", "compliance"])
def test_anonymous_lists_are_sent_to_login(client, name):
    response = client.get(reverse(f"realisasi:{name}"))
    assert response.status_code == 302


@pytest.mark.parametrize("name", ACTIONS)
def test_operator_of_another_opd_gets_404_and_changes_nothing(client, opd, lines, operator_b, name):
    submitted_report(opd, lines)
    before = state()
    client.force_login(operator_b)
    assert client.post(url(name, opd), post_data(lines, version=3)).status_code == 404
    if name == "report":
        assert client.get(url(name, opd)).status_code == 404
    assert state() == before


def test_operator_of_another_opd_cannot_save_a_line_of_opd_a_through_own_page(
    client, opd, lines, operator_b, opd_b
):
    client.force_login(operator_b)
    data = grid(lines, **fill(lines))  # field names of OPD A's lines on OPD B's page
    response = client.post(url("report", opd_b), data)
    assert response.status_code == 302
    assert not Realisasi.objects.filter(line__opd=opd).exists()


def test_operator_reads_and_saves_own_opd(client, operator, opd, lines):
    client.force_login(operator)
    page = client.get(url("report", opd)).content.decode()
    assert all(f'name="keu-{line.pk}"' in page for line in lines)
    assert "Simpan dan kirim" in page
    assert client.post(url("report", opd), post_data(lines)).status_code == 302
    assert Realisasi.objects.filter(bulan=BULAN).count() == 2


def test_operator_home_lands_on_own_opd_previous_month(client, operator, opd, year):
    client.force_login(operator)
    with time_machine.travel(
        datetime.datetime(2025, 4, 5, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    ):
        response = client.get(reverse("realisasi:report_home"))
    assert response["Location"] == url("report", opd, 2025, 3)


def test_pengelola_edits_only_own_lines(client, pengelola, opd, lines):
    own, other = lines
    client.force_login(pengelola)
    page = client.get(url("report", opd)).content.decode()
    assert f'name="keu-{own.pk}"' in page
    assert f'name="keu-{other.pk}"' not in page
    assert "Simpan dan kirim" not in page
    response = client.post(url("report", opd), post_data(lines))
    assert response.status_code == 302
    assert list(Realisasi.objects.values_list("line_id", flat=True)) == [own.pk]


def test_pengelola_cannot_submit(client, pengelola, opd, lines):
    client.force_login(pengelola)
    before = state()
    assert client.post(url("report_submit", opd), post_data(lines)).status_code == 403
    assert state() == before


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.PIMPINAN])
def test_readers_see_every_opd_but_cannot_save_or_submit(client, opd, lines, role):
    user = UserFactory(username=f"u_{role}", role=role, opd=None)
    client.force_login(user)
    page = client.get(url("report", opd)).content.decode()
    assert lines[0].sub_kegiatan.kode in page
    assert 'name="keu-' not in page
    before = state()
    assert client.post(url("report", opd), post_data(lines)).status_code == 403
    assert client.post(url("report_submit", opd), post_data(lines)).status_code == 403
    assert state() == before


def test_pimpinan_cannot_verify_return_or_reopen(client, pimpinan, opd, lines):
    submitted_report(opd, lines)
    client.force_login(pimpinan)
    before = state()
    for name in ("report_verify", "report_return", "report_reopen"):
        assert client.post(url(name, opd), post_data(lines, version=3)).status_code == 403
    assert state() == before


def test_operator_cannot_verify_own_report(client, operator, opd, lines):
    submitted_report(opd, lines)
    client.force_login(operator)
    before = state()
    for name in ("report_verify", "report_return", "report_reopen"):
        assert client.post(url(name, opd), post_data(lines, version=3)).status_code == 403
    assert state() == before


def test_verifikator_verifies_returns_and_reopens(client, verifikator, opd, lines):
    report = submitted_report(opd, lines)
    client.force_login(verifikator)
    page = client.get(url("report", opd)).content.decode()
    assert "Verifikasi laporan" in page
    client.post(url("report_return", opd), {"version": 3, "catatan": "Lengkapi kendala"})
    report.refresh_from_db()
    assert report.status == StatusLaporan.DIKEMBALIKAN
    report.status = StatusLaporan.TERKIRIM
    report.save()
    client.post(url("report_verify", opd), {"version": report.version})
    report.refresh_from_db()
    assert report.status == StatusLaporan.TERVERIFIKASI
    response = client.post(url("report_reopen", opd), {"version": report.version, "catatan": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == StatusLaporan.TERVERIFIKASI  # a reopen needs a reason
    client.post(url("report_reopen", opd), {"version": report.version, "catatan": "Revisi"})
    report.refresh_from_db()
    assert report.status == StatusLaporan.DIKEMBALIKAN


def test_a_refused_note_says_why_and_changes_nothing(client, verifikator, opd, lines, settings):
    """The note's own error is the message; a post without the page's version asks for a
    reload."""
    submitted_report(opd, lines)
    settings.RAKOR_TEXT_MAX_CHARS = 10
    client.force_login(verifikator)
    before = state()
    note = {"version": 3, "catatan": "sebelas kar"}
    response = client.post(url("report_return", opd), note, follow=True)
    assert response.redirect_chain == [(url("report", opd), 302)]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Catatan paling banyak 10 karakter (tertulis 11)."
    ]
    response = client.post(url("report_return", opd), {"catatan": "Lengkapi"}, follow=True)
    assert response.redirect_chain == [(url("report", opd), 302)]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Permintaan tidak lengkap; muat ulang halaman."
    ]
    assert state() == before


def test_verifikator_home_lists_opds(client, verifikator, opd, lines):
    client.force_login(verifikator)
    response = client.get(reverse("realisasi:report_home"), {"tahun": TAHUN, "bulan": BULAN})
    assert response.status_code == 200
    assert opd.nama in response.content.decode()
    assert url("report", opd) in response.content.decode()


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.PENGELOLA])
def test_opd_users_cannot_see_compliance(client, opd, role):
    client.force_login(UserFactory(username=f"c_{role}", role=role, opd=opd))
    assert client.get(reverse("realisasi:compliance")).status_code == 403


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.PIMPINAN, Role.ADMIN])
def test_compliance_readers(client, year, role):
    client.force_login(UserFactory(username=f"r_{role}", role=role, opd=None))
    assert client.get(reverse("realisasi:compliance")).status_code == 200


def test_unknown_year_or_month_is_404(client, operator, opd, year):
    client.force_login(operator)
    assert client.get(url("report", opd, 2031, 3)).status_code == 404
    assert client.get(url("report", opd, 2025, 13)).status_code == 404
