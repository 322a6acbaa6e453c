"""Finding 1 of issue 13: free text is bounded the same everywhere (form, workflow, import,
admin), with an Indonesian message that counts: "Kendala paling banyak 2.000 karakter
(tertulis 2.417)."."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from realisasi import workflow
from realisasi.models import AuditEvent, MonthlyReport, Realisasi
from realisasi.workflow import LineEntry
from tests.factories import (
    BudgetLineFactory,
    OpdFactory,
    RealisasiFactory,
    SubKegiatanFactory,
)
from tests.realisasi.report_helpers import BULAN, grid, make_lines, url

pytestmark = pytest.mark.django_db

LONG = "x" * 2417


@pytest.fixture
def lines(opd, year):
    return make_lines(opd, year, 2)


def test_report_form_refuses_a_long_kendala_and_counts_it(client, operator, opd, lines):
    client.force_login(operator)
    data = grid(lines, **{f"l{lines[0].pk}": ("500.000", "50", LONG)})
    response = client.post(url("report", opd), data)
    assert response.status_code == 200
    assert "Kendala paling banyak 2.000 karakter (tertulis 2.417)." in response.content.decode()
    assert not Realisasi.objects.exists()
    assert not AuditEvent.objects.filter(field="kendala").exists()


@pytest.mark.parametrize(
    "name, label", [("solusi", "Solusi"), ("pihak", "Pihak yang diharapkan membantu")]
)
def test_report_form_bounds_solusi_and_pihak(client, operator, opd, lines, name, label):
    client.force_login(operator)
    extra = {name: "kata " * 40_000}  # 200.000 characters, with spaces
    data = grid(lines, **{f"l{lines[0].pk}": ("500.000", "50", "", extra)})
    response = client.post(url("report", opd), data)
    assert f"{label} paling banyak 2.000 karakter (tertulis 199.999)." in response.content.decode()
    assert not Realisasi.objects.exists()


def test_the_workflow_door_refuses_long_text_whoever_calls_it(operator, opd, year, lines):
    entry = LineEntry(lines[0].pk, Decimal("500000"), Decimal("50"), solusi="y" * 200_000)
    with pytest.raises(workflow.ReportInvalid) as refused:
        workflow.save_report(operator, opd, year, BULAN, [entry], 0)
    assert refused.value.errors[lines[0].pk]["solusi"] == (
        "Solusi paling banyak 2.000 karakter (tertulis 200.000)."
    )
    assert not Realisasi.objects.exists()


def test_the_limit_is_a_setting(client, operator, opd, lines, settings):
    settings.RAKOR_TEXT_MAX_CHARS = 10
    client.force_login(operator)
    data = grid(lines, **{f"l{lines[0].pk}": ("500.000", "50", "sebelas kar")})
    body = client.post(url("report", opd), data).content.decode()
    assert "Kendala paling banyak 10 karakter (tertulis 11)." in body


def test_verifikator_note_is_bounded(verifikator, operator, opd, year, lines):
    result = workflow.save_report(
        operator,
        opd,
        year,
        BULAN,
        [LineEntry(line.pk, Decimal("500000"), Decimal("50")) for line in lines],
        0,
    )
    report = workflow.submit_report(operator, opd, year, BULAN, result.report.version)
    with pytest.raises(workflow.ReportInvalid) as refused:
        workflow.return_report(verifikator, report.pk, report.version, LONG)
    assert "Catatan paling banyak 2.000 karakter (tertulis 2.417)." in refused.value.message
    assert MonthlyReport.objects.get().status == "terkirim"


def test_admin_and_any_model_form_get_the_same_limit(opd, year, lines):
    row = RealisasiFactory(line=lines[0], bulan=BULAN, kendala=LONG)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert refused.value.message_dict["kendala"] == [
        "Kendala paling banyak 2.000 karakter (tertulis 2.417)."
    ]


def test_import_refuses_the_same_way(tmp_path, year):
    from django.core.management import CommandError

    from tests.realisasi.import_realisasi_helpers import HEADER, run, write

    opd = OpdFactory(kode="1.02")
    BudgetLineFactory(
        fiscal_year=year, opd=opd, sub_kegiatan=SubKegiatanFactory(kode="1.02.02.2.01.0001")
    )
    rows = [HEADER, ["1.02", "1.02.02.2.01.0001", "DAU", 3, "250.000", "30", LONG, ""]]
    with pytest.raises(CommandError) as refused:
        run(write(tmp_path, "r.csv", rows))
    assert (
        "Baris 2, kolom kendala: terlalu panjang, paling banyak 2.000 karakter (tertulis 2.417)."
        in str(refused.value)
    )
    assert not Realisasi.objects.exists()


def test_a_followup_note_has_the_same_limit(client, year):
    from django.urls import reverse

    from opd.choices import Role
    from tests.factories import TindakLanjutFactory, UserFactory

    followup = TindakLanjutFactory()
    operator = UserFactory(role=Role.OPERATOR, opd=followup.opd)
    client.force_login(operator)
    response = client.post(
        reverse("rakor:followup_update", args=[followup.pk]),
        {"status": "proses", "catatan": LONG},
    )
    assert "Catatan paling banyak 2.000 karakter (tertulis 2.417)." in response.content.decode()
