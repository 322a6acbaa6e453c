"""One set of rules, one number reader: what the report form refuses, the import refuses too.

Every case is typed into the form (one line each) and imported (one row each, same values);
the refusal must name the same field with the same message, row by row. The lines have a pagu
of Rp1.000.000; the line of the "lower" case reported Rp300.000 and 30 % in February.
"""

import pytest

from realisasi.importers import ImportRejected, run_import
from realisasi.importers.template_files import csv_bytes
from realisasi.models import Realisasi
from tests.factories import RealisasiFactory

from .report_helpers import BULAN, TAHUN, make_lines, url

pytestmark = pytest.mark.django_db

# (keuangan, fisik, alasan koreksi, the field refused)
CASES = [
    ("abc", "10", "", "realisasi_keuangan"),  # not a number
    ("1.5000", "10", "", "realisasi_keuangan"),  # grouping that would have to be guessed
    ("-5000", "10", "", "realisasi_keuangan"),  # negative
    ("1.000.001", "10", "", "realisasi_keuangan"),  # above the pagu of Rp1.000.000
    ("999.999.999.999", "10", "", "realisasi_keuangan"),  # the issue's 2.942,22 %
    ("100.000", "120", "", "realisasi_fisik"),  # fisik above 100
    ("100.000", "-1", "", "realisasi_fisik"),
    ("100.000", "sepuluh", "", "realisasi_fisik"),
    ("200.000", "30", "", "alasan_koreksi"),  # lower than February's Rp300.000, no reason
    ("300.000", "20", "", "alasan_koreksi"),  # fisik lower than February's 30 %
]
FORM_PREFIX = {"realisasi_keuangan": "keu", "realisasi_fisik": "fisik", "alasan_koreksi": "alasan"}
LOWER = {8, 9}  # the cases on lines with a February report


@pytest.fixture
def lines(opd, year):
    lines = make_lines(opd, year, len(CASES))
    for index in LOWER:
        RealisasiFactory(line=lines[index], bulan=2, realisasi_keuangan=300_000, realisasi_fisik=30)
    return lines


def form_refusals(client, operator, opd, lines) -> dict:
    """{line pk: {field: message}} of the report form for CASES."""
    client.force_login(operator)
    data = {"version": "0"}
    for line, (keu, fisik, alasan, _field) in zip(lines, CASES, strict=True):
        data.update({f"keu-{line.pk}": keu, f"fisik-{line.pk}": fisik, f"alasan-{line.pk}": alasan})
    response = client.post(url("report", opd), data)
    assert response.status_code == 200
    form = response.context["form"]
    refused = {}
    for line in lines:
        for name, prefix in FORM_PREFIX.items():
            errors = form.errors.get(f"{prefix}-{line.pk}")
            if errors:
                refused.setdefault(line.pk, {})[name] = list(errors)
    return refused


def import_refusals(opd, lines) -> dict:
    """{line pk: {column: message}} of the realization import for CASES (row 2 = line 1)."""
    header = ["kode_opd", "kode_sub_kegiatan", "bulan", "realisasi_keuangan", "realisasi_fisik"]
    header.append("alasan_koreksi")
    rows = [header]
    for line, (keu, fisik, alasan, _field) in zip(lines, CASES, strict=True):
        rows.append([opd.kode, line.sub_kegiatan.kode, BULAN, keu, fisik, alasan])
    with pytest.raises(ImportRejected) as refused:
        run_import("realisasi", "r.csv", csv_bytes(rows), tahun=TAHUN)
    by_row = {}
    for problem in refused.value.problems:
        line = lines[problem.baris - 2]
        by_row.setdefault(line.pk, {}).setdefault(problem.kolom, []).append(problem.masalah)
    return by_row


def test_the_import_refuses_what_the_form_refuses_with_the_same_message(
    client, operator, opd, lines
):
    form = form_refusals(client, operator, opd, lines)
    imported = import_refusals(opd, lines)
    for line, (keu, fisik, _alasan, refused_field) in zip(lines, CASES, strict=True):
        assert refused_field in form.get(line.pk, {}), f"the form took {keu} / {fisik}"
        assert form[line.pk] == imported.get(line.pk), f"{keu} / {fisik}"
    assert not Realisasi.objects.filter(bulan=BULAN).exists()


def test_the_issue_s_value_above_pagu_is_refused_by_name(opd, lines):
    imported = import_refusals(opd, lines)
    assert imported[lines[4].pk] == {
        "realisasi_keuangan": ["Realisasi keuangan Rp999.999.999.999 melebihi pagu Rp1.000.000."]
    }


def test_a_reason_lets_the_lower_figure_through_in_both_doors(client, operator, opd, lines):
    lower = lines[8]
    rows = [
        ["kode_opd", "kode_sub_kegiatan", "bulan", "realisasi_keuangan", "realisasi_fisik",
         "alasan_koreksi"],
        [opd.kode, lower.sub_kegiatan.kode, BULAN, "200.000", "30", "SP2D ganda dikoreksi"],
    ]  # fmt: skip
    run_import("realisasi", "r.csv", csv_bytes(rows), tahun=TAHUN)
    row = Realisasi.objects.get(line=lower, bulan=BULAN)
    assert row.realisasi_keuangan == 200_000
    assert row.alasan_koreksi == "SP2D ganda dikoreksi"


def test_both_doors_read_numbers_alike():
    # "1,500" Rupiah and "45,555" % read the same in the form as in every import.
    from realisasi.forms import PersenField, RupiahField

    assert RupiahField().clean("1,500") == 1500
    assert str(PersenField().clean("45,555")) == "45.56"
