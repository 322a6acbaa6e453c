import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

KEYS = [
    "kode_opd",
    "nama_opd",
    "pagu",
    "target_keuangan_rp",
    "target_keuangan_persen",
    "realisasi_keuangan_rp",
    "realisasi_keuangan_persen",
    "deviasi_keuangan",
    "target_fisik",
    "realisasi_fisik",
    "deviasi_fisik",
    "sisa",
    "kategori",
    "status_laporan",
]


def run(*args):
    out = io.StringIO()
    call_command("rekap", *args, stdout=out)
    return out.getvalue()


def test_rekap_json(data):
    result = json.loads(run("--year", "2025", "--month", "3"))
    assert result["tahun"] == 2025 and result["bulan"] == 3
    assert list(result["opd"][0]) == KEYS
    a, b = result["opd"]
    assert a["kode_opd"] == "1.01" and a["nama_opd"] == "Dinas Alfa"
    # 200.000 / 1.000.000 = 20 %; target 40 %; fisik 28 vs 38
    assert a["pagu"] == "1000000.00"
    assert a["realisasi_keuangan_rp"] == "200000.00"
    assert a["realisasi_keuangan_persen"] == "20.00"
    assert a["deviasi_keuangan"] == "-20.00"
    assert a["realisasi_fisik"] == "28.00" and a["target_fisik"] == "38.00"
    assert a["sisa"] == "800000.00"
    assert a["kategori"] == "sangat_rendah"
    assert a["status_laporan"] == "terkirim"
    assert b["status_laporan"] == "belum_input"
    pemda = result["pemda"]
    assert list(pemda) == KEYS[2:-1]
    # 650.000 / 2.000.000 = 32,5 %
    assert pemda["target_keuangan_persen"] == "32.50"
    assert pemda["deviasi_keuangan"] == "-22.50"


def test_rekap_json_rounds_once_from_unrounded_values(year):
    from tests.factories import BudgetLineFactory, RealisasiFactory, TargetFactory

    line = BudgetLineFactory(fiscal_year=year, pagu=1_000_000_000)
    TargetFactory(line=line, bulan=11, target_keuangan=896_660_000, target_fisik=90)
    RealisasiFactory(line=line, bulan=11, realisasi_keuangan=848_040_000, realisasi_fisik=85)
    pemda = json.loads(run("--year", "2025", "--month", "11"))["pemda"]
    # 84,804 − 89,666 = −4,862 → "-4.86" (not 84.80 − 89.67 = −4.87)
    assert pemda["realisasi_keuangan_persen"] == "84.80"
    assert pemda["target_keuangan_persen"] == "89.67"
    assert pemda["deviasi_keuangan"] == "-4.86"


def test_rekap_csv(data):
    rows = list(
        csv.DictReader(io.StringIO(run("--year", "2025", "--month", "3", "--format", "csv")))
    )
    assert list(rows[0]) == KEYS
    assert [row["kode_opd"] for row in rows] == ["1.01", "1.02", ""]
    assert rows[0]["realisasi_keuangan_persen"] == "20.00"
    assert rows[-1]["nama_opd"] == "TOTAL PEMDA"
    assert rows[-1]["pagu"] == "2000000.00"
    assert rows[-1]["status_laporan"] == ""


def test_rekap_csv_neutralises_formulas(data):
    data["a"].nama = "=cmd()"
    data["a"].save()
    rows = list(
        csv.DictReader(io.StringIO(run("--year", "2025", "--month", "3", "--format", "csv")))
    )
    assert rows[0]["nama_opd"] == "'=cmd()"
    assert rows[0]["deviasi_keuangan"] == "-20.00"  # numbers are never prefixed


def test_rekap_unknown_year_is_refused(data):
    with pytest.raises(CommandError, match="2019"):
        run("--year", "2019", "--month", "3")
    with pytest.raises(CommandError, match="13"):
        run("--year", "2025", "--month", "13")
