"""Property-based tests (hypothesis) of the report form and the importers (ASVS V5.1).

Hostile values are POSTed through the real pages against the real database. Whatever comes
in: never a server error; either it is saved, or it is refused as a whole with an Indonesian
message naming the field/row, and the figures and the audit trail are exactly as before.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import AuditEvent, BudgetLine, ImportRecord, MonthlyReport, Pagu, Realisasi
from tests.factories import OpdFactory, SubKegiatanFactory
from tests.realisasi.import_realisasi_helpers import HEADER
from tests.realisasi.report_helpers import BULAN, make_lines, url

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-0,01",
    "1e309",
    "-1e309",
    "1E5",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "1.2.3,4",
    "1,2,3",
    "12,5%",
    "Rp 1.000",
    "9" * 40,
    "0x10",
    "١٢٣",  # Arabic-Indic digits
    "１２３",  # full-width digits
    "\x00",
    "<script>alert(1)</script>",
    "'; DROP TABLE realisasi_realisasi; --",
    "100,001",
    "100.00000001",
    "50",
    "250.000",
    "1000000",
]
hostile_value = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
)
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))


def snapshot():
    """What a refusal must leave untouched."""
    return (
        list(
            Realisasi.objects.order_by("pk").values_list(
                "line_id", "bulan", "realisasi_keuangan", "realisasi_fisik", "kendala"
            )
        ),
        AuditEvent.objects.count(),
        list(MonthlyReport.objects.values_list("pk", "version", "status")),
    )


def current_version(opd, year):
    report = MonthlyReport.objects.filter(opd=opd, fiscal_year=year, bulan=BULAN).first()
    return report.version if report else 0


@pytest.fixture
def report_setup(client, operator, opd, year):
    lines = make_lines(opd, year, 2)
    client.force_login(operator)
    return client, lines


@HYPOTHESIS
@given(
    keu=st.lists(hostile_value, min_size=2, max_size=2),
    fisik=st.lists(hostile_value, min_size=2, max_size=2),
    kendala=hostile_text,
)
def test_report_form_survives_hostile_values(report_setup, opd, year, keu, fisik, kendala):
    client, lines = report_setup
    data = {"version": str(current_version(opd, year))}
    for line, k, f in zip(lines, keu, fisik, strict=True):
        data[f"keu-{line.pk}"] = k
        data[f"fisik-{line.pk}"] = f
        data[f"kendala-{line.pk}"] = kendala
    before = snapshot()
    response = client.post(url("report", opd), data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        # Accepted: whatever was stored is a valid figure.
        for row in Realisasi.objects.filter(line__in=lines, bulan=BULAN):
            assert Decimal(0) <= row.realisasi_keuangan <= Decimal(1_000_000)
            assert Decimal(0) <= row.realisasi_fisik <= Decimal(100)
            assert "\x00" not in row.kendala
        return
    page = response.content.decode()
    assert snapshot() == before, "a refused report changed nothing"
    assert "Laporan belum disimpan" in page or "belum disimpan" in page
    # What was typed is given back (escaped), so nothing typed is lost.
    assert "<script>alert(1)</script>" not in page


@pytest.fixture
def import_client(client, verifikator):
    client.force_login(verifikator)
    return client


def import_snapshot():
    return (
        BudgetLine.objects.count(),
        Pagu.objects.aggregate(total=Sum("pagu"))["total"],
        Realisasi.objects.aggregate(total=Sum("realisasi_keuangan"))["total"],
        Realisasi.objects.count(),
        ImportRecord.objects.count(),
        AuditEvent.objects.count(),
    )


def xlsx_safe(value):
    # A worksheet cannot hold control characters: the file itself could not carry them.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def post_import(client, name, jenis, rows, fmt, **extra):
    if fmt == "xlsx":
        data = xlsx_bytes([[xlsx_safe(cell) for cell in row] for row in rows])
    else:
        data = csv_bytes(rows, delimiter=";")
    upload = SimpleUploadedFile(f"{name}.{fmt}", data)
    return client.post(
        reverse(f"realisasi:import_{jenis}"), {"file": upload, "tahun": "2025", **extra}
    )


def check_import_response(response, before):
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        return True
    page = response.content.decode()
    assert import_snapshot() == before, "a refused file wrote nothing"
    assert "Baris" in page or "kolom" in page or "berkas" in page.lower(), page[:2000]
    return False


APBD_HEADER = [
    "kode_opd",
    "nama_opd",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "sumber_dana",
    "pagu",
    "pptk",
    "lokasi",
]
code = st.one_of(
    st.sampled_from(["1.02.0.00.0.00.01.0000", "1.02.02.2.01.0001", "", "x" * 80, "1..2"]),
    st.text(max_size=20),
)


@HYPOTHESIS
@given(
    rows=st.lists(
        st.tuples(code, hostile_text, code, hostile_text, hostile_text, hostile_value),
        min_size=1,
        max_size=6,
    ),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_apbd_import_survives_random_rows(import_client, year, rows, fmt):
    table = [APBD_HEADER, *[[*row, "", ""] for row in rows]]
    before = import_snapshot()
    response = post_import(import_client, "apbd", "apbd", table, fmt, stage="murni")
    check_import_response(response, before)


@pytest.fixture
def import_lines(year):
    from tests.factories import BudgetLineFactory

    opd = OpdFactory(kode="1.02")
    return [
        BudgetLineFactory(
            fiscal_year=year, opd=opd, sub_kegiatan=SubKegiatanFactory(kode=kode), pagu=1_000_000
        )
        for kode in ("1.02.02.2.01.0001", "1.02.02.2.01.0002")
    ]


@HYPOTHESIS
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["1.02", "9.99", ""]),
            st.sampled_from(["1.02.02.2.01.0001", "1.02.02.2.01.0002", "x"]),
            st.sampled_from(["DAU", "PAD", ""]),
            st.one_of(st.integers(-2, 14).map(str), hostile_value),
            hostile_value,
            hostile_value,
            hostile_text,
            hostile_text,
        ),
        min_size=1,
        max_size=6,
    ),
    fmt=st.sampled_from(["csv", "xlsx"]),
    sumber=st.sampled_from(["opd", "sp2d"]),
)
def test_realisasi_import_survives_random_rows(import_client, import_lines, rows, fmt, sumber):
    before = import_snapshot()
    response = post_import(
        import_client, "realisasi", "realisasi", [HEADER, *rows], fmt, sumber=sumber
    )
    if check_import_response(response, before):
        for row in Realisasi.objects.all():
            assert Decimal(0) <= row.realisasi_keuangan <= Decimal(1_000_000)
            assert Decimal(0) <= row.realisasi_fisik <= Decimal(100)


@HYPOTHESIS
@given(blob=st.binary(max_size=2000), fmt=st.sampled_from(["csv", "xlsx"]))
def test_random_bytes_as_a_file_are_refused_cleanly(import_client, year, blob, fmt):
    before = import_snapshot()
    upload = SimpleUploadedFile(f"acak.{fmt}", blob)
    response = import_client.post(
        reverse("realisasi:import_target"), {"file": upload, "tahun": "2025"}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert import_snapshot() == before
