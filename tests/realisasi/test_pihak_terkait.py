"""Form E's "pihak yang diharapkan membantu" (Realisasi.pihak_terkait) through every door:
the report page, the realization import and its templates, and the admin."""

import io

import openpyxl
import pytest
from django.urls import reverse

from realisasi.choices import JenisImpor, SumberPerubahan
from realisasi.importers import run_import, template_csv, template_xlsx
from realisasi.importers.template_files import csv_bytes
from realisasi.models import AuditEvent, MonthlyReport, Realisasi
from tests.factories import RealisasiFactory, SubKegiatanFactory

from .report_helpers import BULAN, grid, make_lines, url

pytestmark = pytest.mark.django_db

PIHAK = "Dinas PUPR (desain teknis) dan Bagian Pengadaan Barang/Jasa"


@pytest.fixture
def lines(opd, year):
    return make_lines(opd, year, 2)


@pytest.fixture
def client_op(client, operator):
    client.force_login(operator)
    return client


# --- the report page -------------------------------------------------------------------------


def test_report_page_has_a_labelled_input_per_line(client_op, opd, lines):
    page = client_op.get(url("report", opd)).content.decode()
    for line in lines:
        assert f'<label for="id_pihak-{line.pk}">Pihak yang diharapkan membantu</label>' in page
        assert f'name="pihak-{line.pk}"' in page


def test_report_page_saves_and_audits_the_pihak_terkait(client_op, opd, lines, operator):
    data = grid(lines, **{f"l{lines[0].pk}": ("400.000", "30", "Lelang gagal", {"pihak": PIHAK})})
    response = client_op.post(url("report", opd), data, follow=True)
    assert "Laporan disimpan sebagai draf." in response.content.decode()
    row = Realisasi.objects.get(line=lines[0], bulan=BULAN)
    assert row.pihak_terkait == PIHAK
    event = AuditEvent.objects.get(field="pihak_terkait")
    assert (event.old_value, event.new_value) == ("", PIHAK)
    assert event.sumber == SumberPerubahan.FORM and event.user == operator
    assert event.line == lines[0] and event.report == MonthlyReport.objects.get()
    # shown again in the input on the next visit
    page = client_op.get(url("report", opd)).content.decode()
    assert f">{PIHAK}</textarea>" in page


def test_changing_only_the_pihak_terkait_is_saved_and_audited(client_op, opd, lines):
    data = grid(lines, **{f"l{lines[0].pk}": ("400.000", "30", "", {"pihak": "Bappeda"})})
    client_op.post(url("report", opd), data)
    data = grid(lines, version=1, **{f"l{lines[0].pk}": ("400.000", "30", "", {"pihak": "BPKAD"})})
    client_op.post(url("report", opd), data)
    assert Realisasi.objects.get(line=lines[0]).pihak_terkait == "BPKAD"
    changes = list(
        AuditEvent.objects.filter(field="pihak_terkait")
        .order_by("pk")
        .values_list("old_value", "new_value")
    )
    assert changes == [("", "Bappeda"), ("Bappeda", "BPKAD")]


def test_refused_save_keeps_the_typed_pihak_terkait(client_op, opd, lines):
    data = grid(
        lines,
        **{
            f"l{lines[0].pk}": ("1.000.001", "10"),  # above the pagu: refused
            f"l{lines[1].pk}": ("100.000", "10", "", {"pihak": PIHAK}),
        },
    )
    response = client_op.post(url("report", opd), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "melebihi pagu Rp1.000.000" in page
    assert f'id="id_pihak-{lines[1].pk}" rows="2">{PIHAK}</textarea>' in page
    assert not Realisasi.objects.exists()


def test_pihak_terkait_without_figures_is_refused_naming_the_line(client_op, opd, lines):
    data = {"version": "0", f"pihak-{lines[0].pk}": "Bappeda"}
    page = client_op.post(url("report", opd), data).content.decode()
    assert "Isi realisasi keuangan dan fisik baris ini." in page
    assert 'id="id_pihak-' in page and ">Bappeda</textarea>" in page
    assert not Realisasi.objects.exists()


def test_read_only_page_shows_the_saved_pihak_terkait(client, opd, lines, pimpinan):
    RealisasiFactory(
        line=lines[0],
        bulan=BULAN,
        realisasi_keuangan=100_000,
        realisasi_fisik=10,
        pihak_terkait="Dinas Pertanian",
    )
    client.force_login(pimpinan)
    page = client.get(url("report", opd)).content.decode()
    assert "Pihak yang diharapkan membantu:</span> Dinas Pertanian" in page


# --- the realization import ------------------------------------------------------------------

HEADER = ["kode_opd", "kode_sub_kegiatan", "sumber_dana", "bulan", "realisasi_keuangan"]
HEADER += ["realisasi_fisik", "kendala", "solusi"]


@pytest.fixture
def line(opd, year):
    opd.kode = "1.02"
    opd.save()
    line = make_lines(opd, year, 1)[0]
    line.sub_kegiatan = SubKegiatanFactory(kode="1.02.02.2.01.0001")
    line.save()
    return line


def import_rows(header, *rows, user=None):
    data = csv_bytes([header, *rows])
    return run_import(JenisImpor.REALISASI, "r.csv", data, tahun=2025, user=user)


def test_import_stores_and_audits_the_pihak_terkait_column(line, admin_user):
    row = ["1.02", "1.02.02.2.01.0001", "DAU", BULAN, "250.000", "30", "Hujan", "Lembur"]
    import_rows([*HEADER, "pihak_terkait"], [*row, "  Dinas PUPR\nBPBD  "], user=admin_user)
    stored = Realisasi.objects.get(line=line, bulan=BULAN)
    assert stored.pihak_terkait == "Dinas PUPR\nBPBD"  # kept on its lines, like kendala
    event = AuditEvent.objects.get(field="pihak_terkait")
    assert (event.old_value, event.new_value, event.sumber) == (
        "",
        "Dinas PUPR\nBPBD",
        SumberPerubahan.IMPOR,
    )


def test_import_without_the_column_leaves_the_pihak_terkait_unchanged(line):
    RealisasiFactory(
        line=line, bulan=BULAN, realisasi_keuangan=100_000, realisasi_fisik=10, pihak_terkait="BPBD"
    )
    row = ["1.02", "1.02.02.2.01.0001", "DAU", BULAN, "250.000", "30", "Hujan", "Lembur"]
    result = import_rows(HEADER, row)
    assert result.changed == 1
    stored = Realisasi.objects.get(line=line, bulan=BULAN)
    assert (stored.realisasi_keuangan, stored.kendala, stored.pihak_terkait) == (
        250_000,
        "Hujan",
        "BPBD",
    )
    assert not AuditEvent.objects.filter(field="pihak_terkait").exists()


def test_import_with_an_empty_cell_clears_the_pihak_terkait(line):
    RealisasiFactory(
        line=line, bulan=BULAN, realisasi_keuangan=100_000, realisasi_fisik=10, pihak_terkait="BPBD"
    )
    row = ["1.02", "1.02.02.2.01.0001", "DAU", BULAN, "100.000", "10", "", "", ""]
    import_rows([*HEADER, "pihak_terkait"], row)
    assert Realisasi.objects.get(line=line).pihak_terkait == ""


def test_import_refuses_a_too_long_pihak_terkait_naming_row_and_column(line):
    from realisasi.importers.problems import ImportRejected

    row = ["1.02", "1.02.02.2.01.0001", "DAU", BULAN, "100.000", "10", "", "", "x" * 2001]
    with pytest.raises(ImportRejected) as refused:
        import_rows([*HEADER, "pihak_terkait"], row)
    problem = refused.value.problems[0]
    assert (problem.baris, problem.kolom) == (2, "pihak_terkait")
    assert "terlalu panjang" in problem.masalah
    assert not Realisasi.objects.exists()


def test_templates_carry_the_pihak_terkait_column():
    header = template_csv("realisasi").decode("utf-8-sig").splitlines()[0].split(";")
    assert "pihak_terkait" in header
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx("realisasi")))
    assert "pihak_terkait" in [cell.value for cell in workbook["Data"][1]]
    guide = {row[0].value: row[2].value for row in workbook["Petunjuk"].iter_rows()}
    assert guide["pihak_terkait"].startswith("Pihak yang diharapkan membantu")


# --- the admin ---------------------------------------------------------------------------------


def test_admin_edits_and_audits_the_pihak_terkait(client, admin_user, line):
    report = MonthlyReport.objects.create(
        opd=line.opd, fiscal_year=line.fiscal_year, bulan=BULAN, version=2
    )
    row = RealisasiFactory(line=line, bulan=BULAN, realisasi_keuangan=100_000, realisasi_fisik=10)
    client.force_login(admin_user)
    path = reverse("admin:realisasi_realisasi_change", args=[row.pk])
    form = client.get(path).content.decode()
    assert "Pihak yang diharapkan membantu" in form and 'name="pihak_terkait"' in form
    data = {
        "line": row.line_id,
        "bulan": row.bulan,
        "realisasi_keuangan": "100000",
        "realisasi_fisik": "10",
        "kendala": "",
        "solusi": "",
        "pihak_terkait": "Inspektorat",
        "sumber": row.sumber,
        "alasan_koreksi": "",
    }
    assert client.post(path, data).status_code == 302
    assert Realisasi.objects.get().pihak_terkait == "Inspektorat"
    event = AuditEvent.objects.get()
    assert (event.field, event.new_value, event.sumber) == (
        "pihak_terkait",
        "Inspektorat",
        SumberPerubahan.ADMIN,
    )
    report.refresh_from_db()
    assert report.version == 3
    changelist = client.get(reverse("admin:realisasi_realisasi_changelist") + "?q=Inspektorat")
    assert changelist.content.decode().count(f"/admin/realisasi/realisasi/{row.pk}/change/") >= 1
