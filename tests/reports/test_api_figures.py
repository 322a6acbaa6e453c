"""Every figure the API returns is the page's and the `rekap` command's for the same period
(the hand-computed data of tests/reports/conftest.py, year 2025, cut-off March)."""

import io
import json

import pytest
from django.core.management import call_command

from opd.choices import Role
from reports import figures, figures_detail
from reports.records import figures_record
from tests.factories import UserFactory
from tests.reports.api_helpers import token_client

pytestmark = pytest.mark.django_db
PERIOD = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def sekda(db):
    return UserFactory(username="sekda-api", role=Role.PIMPINAN, opd=None)


def rekap_command():
    out = io.StringIO()
    call_command("rekap", "--year", "2025", "--month", "3", stdout=out)
    return json.loads(out.getvalue())


def test_rekap_is_the_rekap_command(data, sekda):
    answer = token_client(sekda).get("/api/v1/rekap/", PERIOD)
    assert answer.status_code == 200
    got = answer.json()
    expected = rekap_command()
    assert got["pemda"] == expected["pemda"]
    assert got["opd"] == expected["opd"]
    assert got["kepatuhan"] == expected["kepatuhan"]
    # 200.000 / 1.000.000 = 20 % for OPD A; the Pemda 200.000 / 2.000.000 = 10 %
    assert got["opd"][0]["realisasi_keuangan_persen"] == "20.00"
    assert got["pemda"]["realisasi_keuangan_persen"] == "10.00"
    assert got["pemda"]["deviasi_keuangan"] == "-22.50"


def test_rekap_takes_the_page_s_filters(data, sekda):
    client = token_client(sekda)
    got = client.get("/api/v1/rekap/", PERIOD | {"jenis": "kecamatan"}).json()
    assert [row["kode_opd"] for row in got["opd"]] == ["1.02"]
    # the total row is the shown OPDs' lines: b1 alone, 0 / 1.000.000, target 25 %
    assert got["total"]["realisasi_keuangan_persen"] == "0.00"
    assert got["total"]["target_keuangan_persen"] == "25.00"
    bad = client.get("/api/v1/rekap/", PERIOD | {"kategori": "luar_biasa"})
    assert bad.status_code == 400
    assert "kategori" in bad.json()


def test_summary_is_the_dashboard_s(data, sekda, client):
    got = token_client(sekda).get("/api/v1/ringkasan/", PERIOD).json()
    summary = figures.pemda_summary(2025, 3)
    assert got["total"] == figures_record(summary.totals)
    dana = {block["key"]: block["figures"] for block in got["dana"]}
    # DAK Fisik: a2 alone, 80.000 / 400.000 = 20 %
    assert dana["dak_fisik"]["realisasi_keuangan_persen"] == "20.00"
    # APBD tanpa BOS/BLUD: a1 + a2, 200.000 / 1.000.000 = 20 %
    assert dana["tanpa_bos_blud"]["realisasi_keuangan_persen"] == "20.00"
    # the dashboard page shows the same total (84,80-style display of 10,00 %)
    client.force_login(sekda)
    page = client.get("/dasbor/", PERIOD)
    assert "10,00" in page.content.decode()


def test_form_b_kurva_and_kendala_are_the_pages(data, sekda):
    client = token_client(sekda)
    form_b = client.get("/api/v1/opd/1.01/form-b/", PERIOD).json()
    expected = figures_detail.opd_form_b(2025, 3, data["a"])
    assert form_b["total"] == figures_record(expected.totals)
    lines = [row for p in form_b["program"] for k in p["kegiatan"] for row in k["sub_kegiatan"]]
    by_id = {row["id"]: row for row in lines}
    # a1: bobot 600.000 / 1.000.000 = 60 %; fisik 30 (carried from February) × 60 % = 18
    assert by_id[data["a1"].pk]["bobot"] == "60.00"
    assert by_id[data["a1"].pk]["realisasi_tertimbang"] == "18.00"
    assert by_id[data["a1"].pk]["dilaporkan"] is False

    kurva = client.get("/api/v1/kurva-s/", PERIOD | {"opd": "1.01"}).json()
    march = kurva["titik"][2]
    # OPD A in March: 200.000 / 1.000.000 = 20 %; fisik (30×600.000 + 25×400.000) / 1.000.000 = 28
    assert march["realisasi_keuangan"] == "20.00" and march["realisasi_fisik"] == "28.00"
    assert kurva["titik"][3]["realisasi_keuangan"] is None  # after the cut-off month

    kendala = client.get("/api/v1/kendala/", {"tahun": 2025, "bulan": 2}).json()
    assert [(row["opd_kode"], row["kendala"]) for row in kendala] == [("1.01", "Lelang ulang")]


def test_budget_lines_carry_their_figures(data, sekda):
    got = token_client(sekda).get("/api/v1/baris/", PERIOD | {"opd": "1.01"}).json()
    assert got["count"] == 2
    a2 = next(row for row in got["results"] if row["id"] == data["a2"].pk)
    # a2: 80.000 / 400.000 = 20 %, target 100.000 / 400.000 = 25 %, deviasi -5
    assert a2["figures"]["realisasi_keuangan_persen"] == "20.00"
    assert a2["figures"]["deviasi_keuangan"] == "-5.00"


def test_compliance_is_the_rekap_command_s(data, sekda):
    got = token_client(sekda).get("/api/v1/kepatuhan/", PERIOD).json()
    expected = rekap_command()["kepatuhan"]
    assert {key: got[key] for key in expected} == expected
    assert got["opd_lapor"] == 1 and got["terlambat"] == ["1.01"]


def test_an_unknown_year_is_named(data, sekda):
    answer = token_client(sekda).get("/api/v1/ringkasan/", {"tahun": 2031, "bulan": 3})
    assert answer.status_code == 400
    assert answer.json() == {"tahun": ["Tahun anggaran 2031 tidak ada."]}


def test_an_operator_sees_only_their_opd(data):
    operator = UserFactory(username="op-alfa", role=Role.OPERATOR, opd=data["a"])
    client = token_client(operator)
    rekap = client.get("/api/v1/rekap/", PERIOD).json()
    assert [row["kode_opd"] for row in rekap["opd"]] == ["1.01"]
    assert rekap["kepatuhan"] is None
    # the "Pemda" of an operator is their own OPD's lines: 200.000 / 1.000.000 = 20 %
    assert rekap["pemda"]["realisasi_keuangan_persen"] == "20.00"
    assert client.get("/api/v1/opd/1.02/form-b/", PERIOD).status_code == 404
    assert client.get("/api/v1/kurva-s/", PERIOD | {"opd": "1.02"}).status_code == 404
    assert client.get("/api/v1/kepatuhan/", PERIOD).status_code == 403
    assert [o["kode"] for o in client.get("/api/v1/opd/").json()] == ["1.01"]


def test_the_rekap_endpoint_stays_flat(data, sekda, django_assert_max_num_queries):
    client = token_client(sekda)
    # the token, its use, the period, the OPDs' sums, their reports, the totals, the Pemda
    # summary, the compliance: the same at 2 OPDs as at 200
    with django_assert_max_num_queries(20):
        assert client.get("/api/v1/rekap/", PERIOD).status_code == 200
