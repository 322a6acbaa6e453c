"""The "Impor data" pages: who may use them, errors listed, templates downloadable."""

import io

import openpyxl
import pytest
from django.urls import reverse

from opd.choices import Role
from realisasi.importers import template_csv
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import BudgetLine, FiscalYear, ImportRecord, Pagu
from tests.factories import UserFactory

from .import_helpers import HEADER, login, upload

pytestmark = pytest.mark.django_db

GOOD = [
    HEADER,
    ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "1.500.000"],
    ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0002", "Ibu Bersalin", "PAD", "2.500.000"],
]


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("realisasi:import_home"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.parametrize("url_name", ["import_home", "import_apbd", "import_realisasi"])
def test_operator_and_pimpinan_are_refused(client, operator, pimpinan, url_name):
    for user in (operator, pimpinan):
        response = login(client, user).get(reverse(f"realisasi:{url_name}"))
        assert response.status_code == 403


def test_operator_cannot_post_an_import(client, operator):
    response = login(client, operator).post(
        reverse("realisasi:import_apbd"),
        {"tahun": 2025, "stage": "murni", "file": upload("a.csv", csv_bytes(GOOD))},
    )
    assert response.status_code == 403 and not BudgetLine.objects.exists()


def test_verifikator_imports_and_sees_the_counts(client, verifikator):
    response = login(client, verifikator).post(
        reverse("realisasi:import_apbd"),
        {"tahun": 2025, "stage": "murni", "file": upload("apbd.xlsx", xlsx_bytes(GOOD))},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("realisasi:import_home")
    assert "APBD (pagu): 2 baris (ditambah 2, diubah 0, tetap 0)." in response.content.decode()
    # 1.500.000 + 2.500.000 = 4.000.000
    assert sum(Pagu.objects.values_list("pagu", flat=True)) == 4_000_000
    record = ImportRecord.objects.get()
    assert record.user == verifikator and record.nama_file == "apbd.xlsx"
    assert "apbd.xlsx" in response.content.decode()  # in the history


def test_admin_may_import(client, admin_user):
    response = login(client, admin_user).get(reverse("realisasi:import_target"))
    assert response.status_code == 200


def test_errors_are_listed_and_the_options_kept(client, verifikator):
    bad = [
        HEADER,
        ["1.02", "Dinas Kesehatan", "1.02.02.2.01.0001", "Ibu Hamil", "DAU", "12x"],
        ["1.02", "", "1.02.02.2.01.0002", "Ibu Bersalin", "PAD", "-1"],
    ]
    response = login(client, verifikator).post(
        reverse("realisasi:import_apbd"),
        {
            "tahun": 2024,
            "stage": "perubahan",
            "berlaku_mulai": "10",
            "file": upload("apbd.csv", csv_bytes(bad)),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Impor ditolak: 3 masalah" in html
    assert '<td class="num">2</td><td>pagu</td><td>&#x27;12x&#x27; bukan angka Rupiah</td>' in html
    assert "<td>nama_opd</td><td>wajib diisi.</td>" in html
    assert 'value="2024"' in html
    assert '<option value="perubahan" selected>' in html
    assert '<option value="10" selected>' in html
    assert not FiscalYear.objects.exists() and not ImportRecord.objects.exists()


def test_wrong_file_type_is_a_form_error(client, verifikator):
    response = login(client, verifikator).post(
        reverse("realisasi:import_target"),
        {"tahun": 2025, "file": upload("target.pdf", b"%PDF-1.4")},
    )
    assert response.status_code == 200
    assert "Jenis file &#x27;.pdf&#x27; tidak didukung" in response.content.decode()


def test_home_lists_the_imports_in_a_constant_number_of_queries(
    client, verifikator, year, django_assert_num_queries
):
    login(client, verifikator)
    url = reverse("realisasi:import_home")
    client.get(url)  # warm the session
    ImportRecord.objects.create(
        jenis="apbd", fiscal_year=year, nama_file="a.xlsx", checksum="0" * 64
    )
    # session, user, the history with its users and years (one join); the session is not
    # written (renewed at most once a minute)
    with django_assert_num_queries(3):
        response = client.get(url)
    assert "a.xlsx" in response.content.decode()
    for n in range(20):
        ImportRecord.objects.create(
            jenis="target",
            fiscal_year=year,
            user=verifikator,
            nama_file=f"{n}.csv",
            checksum="0" * 64,
        )
    with django_assert_num_queries(3):
        response = client.get(url)
    html = response.content.decode()
    for name in ("Impor APBD (pagu)", "Impor Target", "Impor Realisasi"):
        assert name in html


def test_the_history_names_each_imports_year_and_a_dash_for_the_user_import(
    client, verifikator, year
):
    ImportRecord.objects.create(
        jenis="apbd", fiscal_year=year, nama_file="apbd.xlsx", checksum="0" * 64
    )
    ImportRecord.objects.create(jenis="pengguna", nama_file="users.csv", checksum="1" * 64)
    html = login(client, verifikator).get(reverse("realisasi:import_home")).content.decode()
    rows = {
        name: row for row in html.split("<tr") for name in ("apbd.xlsx", "users.csv") if name in row
    }
    assert "<td>2025</td>" in rows["apbd.xlsx"]
    assert "<td>–</td>" in rows["users.csv"]


@pytest.mark.parametrize("jenis", ["apbd", "target", "realisasi"])
def test_xlsx_template_opens_with_openpyxl(client, verifikator, jenis):
    response = login(client, verifikator).get(
        reverse("realisasi:import_template", args=[jenis, "xlsx"])
    )
    assert response.status_code == 200
    assert f"template-impor-{jenis}.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("kode_opd", "nama_opd" if jenis == "apbd" else "kode_sub_kegiatan")
    assert len(rows) == 2 and rows[1][0] == "1.02.0.00.0.00.01.0000"
    assert workbook.sheetnames == ["Data", "Petunjuk"]


def test_csv_template_is_utf8_with_header_and_example(client, verifikator):
    response = login(client, verifikator).get(
        reverse("realisasi:import_template", args=["realisasi", "csv"])
    )
    text = response.content.decode("utf-8-sig").splitlines()
    assert text[0].startswith("kode_opd;kode_sub_kegiatan;bulan;realisasi_keuangan")
    assert len(text) == 2


def test_the_apbd_template_imports_as_it_is(client, verifikator):
    response = login(client, verifikator).post(
        reverse("realisasi:import_apbd"),
        {"tahun": 2025, "stage": "murni", "file": upload("t.csv", template_csv("apbd"))},
    )
    assert response.status_code == 302
    assert BudgetLine.objects.get().sub_kegiatan.kode == "1.02.02.2.01.0001"


def test_unknown_template_is_404(client, verifikator):
    response = login(client, verifikator).get(
        reverse("realisasi:import_template", args=["apbd", "pdf"])
    )
    assert response.status_code == 404


def test_pengelola_is_refused(client):
    user = UserFactory(role=Role.PENGELOLA)
    assert login(client, user).get(reverse("realisasi:import_home")).status_code == 403
