"""The API's early warnings are the `peringatan` command's (scoped as the page is), and its
capaian kinerja the indicator page's formulas (realisasi.kinerja), computed here by hand."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from opd.choices import Role
from realisasi.choices import Polaritas, SifatIndikator
from tests.factories import IndikatorFactory, IndikatorRealisasiFactory, UserFactory
from tests.reports.api_helpers import token_client

pytestmark = pytest.mark.django_db
PERIOD = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def sekda(db):
    return UserFactory(username="sekda-api", role=Role.PIMPINAN, opd=None)


def peringatan_command():
    out = io.StringIO()
    call_command("peringatan", "--year", "2025", "--month", "3", stdout=out)
    return json.loads(out.getvalue())


def test_warnings_are_the_peringatan_command(data, sekda):
    answer = token_client(sekda).get("/api/v1/peringatan/", PERIOD)
    assert answer.status_code == 200
    got, expected = answer.json(), peringatan_command()
    assert (got["tahun"], got["bulan"]) == (2025, 3)
    for key in ("metode", "proyeksi", "peringatan"):
        assert got[key] == expected[key], key
    assert got["proyeksi"]["pemda"]["pagu"] == "2000000.00"
    assert {row["kode_opd"] for row in got["proyeksi"]["opd"]} == {"1.01", "1.02"}


def test_an_operator_reads_the_warnings_of_their_own_opd_only(data):
    operator = UserFactory(role=Role.OPERATOR, opd=data["a"])
    got = token_client(operator).get("/api/v1/peringatan/", PERIOD).json()
    assert got["proyeksi"]["pemda"] is None and got["proyeksi"]["kelompok_dana"] == {}
    assert [row["kode_opd"] for row in got["proyeksi"]["opd"]] == ["1.01"]
    assert {row["kode_opd"] for row in got["peringatan"]} <= {"1.01"}
    everyone = peringatan_command()["peringatan"]
    assert got["peringatan"] == [row for row in everyone if row["kode_opd"] == "1.01"]
    other = token_client(operator, "lain").get("/api/v1/peringatan/", PERIOD | {"opd": "1.02"})
    assert other.status_code == 404


def test_warning_filters_are_checked(data, sekda):
    client = token_client(sekda)
    bad = client.get("/api/v1/peringatan/", PERIOD | {"jenis": "entah"})
    assert bad.status_code == 400 and "jenis" in bad.json()
    kinds = {row["jenis"] for row in client.get("/api/v1/peringatan/", PERIOD).json()["peringatan"]}
    for jenis in kinds:
        rows = client.get("/api/v1/peringatan/", PERIOD | {"jenis": jenis}).json()["peringatan"]
        assert rows and {row["jenis"] for row in rows} == {jenis}


def test_capaian_kinerja_by_hand(data, sekda):
    # Kumulatif, positif: targets 25 a quarter; realisasi TW I 10, TW II 30, TW III 35:
    # s.d. TW III 75 against 75 = 100,00 %; TW I alone 10 / 25 = 40,00 %; the year 75 / 100.
    output = IndikatorFactory(line=data["a1"])
    for triwulan, value in ((1, 10), (2, 30), (3, 35)):
        IndikatorRealisasiFactory(
            indikator=output, triwulan=triwulan, realisasi=Decimal(value), faktor_pendorong="x"
        )
    # Tingkat, negatif (prevalensi): target TW III 20, realisasi TW III 22:
    # (2 × 20 − 22) / 20 × 100 = 90,00 %, band Tinggi.
    stunting = IndikatorFactory(
        line=data["b1"],
        polaritas=Polaritas.NEGATIF,
        sifat=SifatIndikator.TINGKAT,
        target_tahun=Decimal("18"),
        target_tw3=Decimal("20"),
    )
    IndikatorRealisasiFactory(indikator=stunting, triwulan=3, realisasi=Decimal("22"))
    answer = token_client(sekda).get("/api/v1/kinerja/", {"tahun": 2025, "triwulan": 3})
    assert answer.status_code == 200
    got = answer.json()
    assert (got["tahun"], got["triwulan"], got["count"]) == (2025, 3, 2)
    rows = {row["id"]: row for row in got["results"]}
    first = rows[output.pk]
    assert (first["target_sd"], first["realisasi_sd"], first["capaian"]) == (
        "75.00",
        "75.00",
        "100.00",
    )
    assert first["kategori"] == "sangat_tinggi" and first["capaian_tahun"] == "75.00"
    assert [q["capaian"] for q in first["per_triwulan"]] == ["40.00", "120.00", "140.00"]
    second = rows[stunting.pk]
    assert (second["capaian"], second["kategori"]) == ("90.00", "tinggi")
    assert second["faktor_penghambat"] == ""


def test_an_operator_reads_the_indicators_of_their_own_opd_only(data):
    IndikatorFactory(line=data["a1"])
    IndikatorFactory(line=data["b1"])
    operator = UserFactory(role=Role.OPERATOR, opd=data["a"])
    got = token_client(operator).get("/api/v1/kinerja/", {"tahun": 2025, "triwulan": 1}).json()
    assert [row["kode_opd"] for row in got["results"]] == ["1.01"]
    client = token_client(operator, "lain")
    assert client.get("/api/v1/kinerja/", {"tahun": 2025, "opd": "1.02"}).status_code == 404
    assert client.get("/api/v1/kinerja/", {"tahun": 1999}).status_code == 400
