"""Open data: off by default; once the admin turns it on, the Pemda's and each OPD's figures
and Kurva S without a login, the rekap as CSV and JSON (the `rekap` command's), no names of
people and no notes, a licence line, and the answer cached until a figure changes."""

import io
import json

import pytest
from django.core.management import call_command

from rakor.opendata import OpenData
from tests.factories import RealisasiFactory

pytestmark = pytest.mark.django_db
PERIOD = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def switched_on(db):
    return OpenData.objects.create(pk=1, aktif=True)


def test_off_by_default(data, client):
    for url in ("/data-terbuka/", "/data-terbuka/opd/1.01/", "/data-terbuka/rekap.csv"):
        assert client.get(url, PERIOD).status_code == 404


def test_the_public_page_shows_the_pemda_and_each_opd(data, switched_on, client):
    page = client.get("/data-terbuka/", PERIOD)
    assert page.status_code == 200
    html = page.content.decode()
    # the Pemda: 200.000 / 2.000.000 = 10 %; OPD A 20 %, OPD B 0 %
    assert "10,00 %" in html
    assert "Dinas Alfa" in html and "Kecamatan Beta" in html and "20,00" in html
    assert "CC BY 4.0" in html and 'rel="license"' in html
    assert "<svg" in html  # the Kurva S
    # no notes, no kendala, no people
    assert "Lelang ulang" not in html and "Percepat tender" not in html
    assert data["a1"].pptk is None or data["a1"].pptk.username not in html
    opd = client.get("/data-terbuka/opd/1.01/", PERIOD).content.decode()
    assert "Dinas Alfa" in opd and "20,00 %" in opd and "<svg" in opd


def test_downloads_are_the_rekap_command_s(data, switched_on, client):
    out = io.StringIO()
    call_command("rekap", "--year", "2025", "--month", "3", stdout=out)
    expected = json.loads(out.getvalue())
    got = json.loads(client.get("/data-terbuka/rekap.json", PERIOD).content)
    assert got.pop("lisensi") == "CC BY 4.0"
    assert got == expected
    csv_out = io.StringIO()
    call_command("rekap", "--year", "2025", "--month", "3", "--format", "csv", stdout=csv_out)
    answer = client.get("/data-terbuka/rekap.csv", PERIOD)
    assert answer["Content-Disposition"] == 'attachment; filename="rekap-2025-03.csv"'
    assert answer.content.decode() == csv_out.getvalue()


def test_cached_until_a_figure_changes(data, switched_on, client, django_assert_max_num_queries):
    client.get("/data-terbuka/", PERIOD)
    # a hit: the open-data switch, the period form's years, the data stamp (10 queries)
    with django_assert_max_num_queries(14):
        client.get("/data-terbuka/", PERIOD)
    RealisasiFactory(line=data["b1"], bulan=3, realisasi_keuangan=500_000, realisasi_fisik=50)
    # a new figure is shown at once: (200.000 + 500.000) / 2.000.000 = 35 %
    assert "35,00 %" in client.get("/data-terbuka/", PERIOD).content.decode()


@pytest.mark.parametrize("url", ["/data-terbuka/", "/data-terbuka/rekap.json"])
def test_served_to_every_role_once_on(url, data, switched_on, client, operator, pimpinan):
    for user in (None, operator, pimpinan):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(url, PERIOD).status_code == 200
