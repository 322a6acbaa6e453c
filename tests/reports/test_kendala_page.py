"""The Kendala page: filtered by OPD, sumber dana and deviasi, paginated, exported; and the
line page with its pagu, realization and kendala history (data of conftest.py)."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import BudgetLineFactory, RealisasiFactory, TargetFactory

pytestmark = pytest.mark.django_db

MARCH = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def kendala_march(data, dau):
    """a2 (DAK Fisik, OPD A): 80.000 / 400.000 = 20 % against 25 % → −5,00, merah.
    c1 (DAU, OPD B): 90.000 / 100.000 = 90 % against 50 % → +40,00, hijau."""
    row = data["a2"].realisasi_set.get(bulan=3)
    row.kendala = "Material terlambat"
    row.solusi = "Koordinasi penyedia"
    row.save()
    c1 = BudgetLineFactory(fiscal_year=data["year"], opd=data["b"], sumber_dana=dau, pagu=100_000)
    TargetFactory(line=c1, bulan=3, target_keuangan=50_000, target_fisik=50)
    RealisasiFactory(
        line=c1, bulan=3, realisasi_keuangan=90_000, realisasi_fisik=90, kendala="Cuaca"
    )
    return data | {"c1": c1}


def rows_of(content: str) -> list[str]:
    body = re.search(r'<table class="kendala">.*?<tbody>(.*?)</tbody>', content, re.S)
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []


def test_kendala_rows_carry_the_line_deviation_and_filter(client, verifikator, kendala_march):
    client.force_login(verifikator)
    url = reverse("reports:kendala")
    rows = rows_of(client.get(url, MARCH).content.decode())
    assert len(rows) == 2
    assert "Material terlambat" in rows[0] and "-5,00" in rows[0] and "lampu-merah" in rows[0]
    assert "Cuaca" in rows[1] and "40,00" in rows[1] and "lampu-hijau" in rows[1]

    by_opd = rows_of(client.get(url, {**MARCH, "opd": kendala_march["b"].pk}).content.decode())
    assert len(by_opd) == 1 and "Cuaca" in by_opd[0]
    dau = kendala_march["c1"].sumber_dana
    by_dana = rows_of(client.get(url, {**MARCH, "sumber_dana": dau.pk}).content.decode())
    assert len(by_dana) == 1 and "Cuaca" in by_dana[0]
    merah = rows_of(client.get(url, {**MARCH, "lampu": "merah"}).content.decode())
    assert len(merah) == 1 and "Material terlambat" in merah[0]
    none = client.get(url, {**MARCH, "lampu": "kuning"}).content.decode()
    assert rows_of(none) == [] and "Tidak ada kendala yang sesuai." in none


def test_operator_cannot_filter_to_another_opd(client, kendala_march):
    from opd.choices import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.OPERATOR, opd=kendala_march["a"]))
    content = client.get(
        reverse("reports:kendala"), {**MARCH, "opd": kendala_march["b"].pk}
    ).content.decode()
    assert "Cuaca" not in content
    opd_select = re.search(r'<select name="opd".*?</select>', content, re.S).group(0)
    assert "Kecamatan Beta" not in opd_select and "Dinas Alfa" in opd_select


def test_kendala_is_paginated_and_exported_whole(client, verifikator, data):
    for n in range(30):
        line = BudgetLineFactory(fiscal_year=data["year"], opd=data["a"], pagu=1_000)
        RealisasiFactory(
            line=line, bulan=3, realisasi_keuangan=0, realisasi_fisik=0, kendala=f"Kendala {n}"
        )
    client.force_login(verifikator)
    url = reverse("reports:kendala")
    first = client.get(url, MARCH).content.decode()
    # 30 kendala, 25 a page
    assert "30 kendala. Halaman 1 dari 2." in first
    assert len(rows_of(first)) == 25
    second = client.get(url, {**MARCH, "page": 2}).content.decode()
    assert len(rows_of(second)) == 5
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(url, {**MARCH, "_export": "xlsx"}).content)
    ).active
    header = next(r[0].row for r in sheet.iter_rows() if r[0].value == "OPD")
    assert sheet.max_row - header == 30
    assert sheet["A2"].value == "Kendala dan solusi" and sheet["A3"].value == "Maret 2025"


def test_form_b_exports_with_its_total(client, verifikator, data):
    client.force_login(verifikator)
    url = reverse("reports:opd", kwargs={"kode": "1.01"})
    page = client.get(url, MARCH).content.decode()
    assert "Total OPD" in page and "_export=xlsx" in page
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(url, {**MARCH, "_export": "xlsx"}).content)
    ).active
    assert sheet["A2"].value == "Form B Dinas Alfa"
    row = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Kode")
    headers = [c.value for c in sheet[row]]
    last = sheet.max_row
    assert sheet.cell(last, 2).value == "Total OPD"
    # OPD A: pagu 600.000 + 400.000; realisasi 120.000 + 80.000 = 200.000
    assert sheet.cell(last, headers.index("Pagu (Rp)") + 1).value == 1_000_000
    assert sheet.cell(last, headers.index("Realisasi keu (Rp)") + 1).value == 200_000
    assert sheet.cell(last, headers.index("Pagu (Rp)") + 1).number_format.startswith('"Rp"')


def test_line_page_shows_pagu_history_and_kendala(client, verifikator, data):
    client.force_login(verifikator)
    content = client.get(reverse("reports:line", kwargs={"pk": data["a1"].pk})).content.decode()
    assert "Pagu per tahap APBD" in content and "Rp600.000" in content
    history = re.search(r'<table class="riwayat">(.*?)</table>', content, re.S).group(1)
    # a1 reported February only: 120.000, 30 %, kendala "Lelang ulang"
    assert "Februari" in history and "Rp120.000" in history and "30,00" in history
    assert "Lelang ulang" in history and "Percepat tender" in history
    assert "<svg" in content
