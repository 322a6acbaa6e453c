"""A Pemda's own files: the SIPD-style export through the built-in preset, saved column
mappings (the mapping step), and the output indicator of a line."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opd.models import Opd
from realisasi.choices import JenisImpor
from realisasi.importers import ImportRejected, run_import
from realisasi.importers.mapping import BUILTIN, mapping_for
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import BudgetLine, ColumnPreset, Pagu

pytestmark = pytest.mark.django_db

SIPD_HEADER = [
    "kode_urusan",
    "nama_urusan",
    "kode_skpd",
    "nama_skpd",
    "kode_sub_unit",
    "nama_sub_unit",
    "kode_program",
    "nama_program",
    "kode_kegiatan",
    "nama_kegiatan",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "nama_sumber_dana",
    "pagu_indikatif",
    "indikator",
    "target",
    "satuan",
]
SKPD = ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
PUSKESMAS_A = ("1.02.0.00.0.00.01.0001", "Puskesmas Wanadadi")
PUSKESMAS_B = ("1.02.0.00.0.00.01.0002", "Puskesmas Rakit")
PROGRAM = ("1.02.02", "Program Pemenuhan Upaya Kesehatan")
KEGIATAN = ("1.02.02.2.02", "Penyediaan Layanan Kesehatan UKM dan UKP")


def sipd_row(sub_unit, kode_sub, nama_sub, sumber, pagu, indikator="", target="", satuan=""):
    return [
        "1",
        "URUSAN PEMERINTAHAN WAJIB PELAYANAN DASAR",
        *SKPD,
        *sub_unit,
        *PROGRAM,
        *KEGIATAN,
        kode_sub,
        nama_sub,
        sumber,
        pagu,
        indikator,
        target,
        satuan,
    ]


def sipd_file():
    return [
        SIPD_HEADER,
        sipd_row(
            PUSKESMAS_A,
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "DAU",
            "150.000.000",
            "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan",
            "1.200",
            "orang",
        ),
        sipd_row(
            PUSKESMAS_B,
            "1.02.02.2.02.0001",
            "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "DAU",
            "50.000.000",
        ),
        sipd_row(
            PUSKESMAS_B,
            "1.02.02.2.02.0002",
            "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
            "DAK Non Fisik",
            "75.500.000",
            "Jumlah ibu bersalin yang mendapatkan pelayanan",
            "12,5",
            "persen",
        ),
    ]


def import_apbd(data, name="sipd.xlsx", preset="sipd", **options):
    return run_import(
        JenisImpor.APBD,
        name,
        data,
        tahun=2026,
        mapping=mapping_for(JenisImpor.APBD, preset),
        **options,
    )


# The mapping step's answer for a SIPD export's columns (Kd OPD, OPD, Kd SubKeg, ..., Anggaran).
SIPD_MAPPING = {
    "kolom_kode_opd": "kd_opd",
    "kolom_nama_opd": "opd",
    "kolom_kode_sub_kegiatan": "kd_subkeg",
    "kolom_nama_sub_kegiatan": "subkeg",
    "kolom_sumber_dana": "dana",
    "kolom_pagu": "anggaran",
}


def test_the_sipd_export_is_refused_without_a_mapping():
    with pytest.raises(ImportRejected) as refused:
        run_import(JenisImpor.APBD, "sipd.csv", csv_bytes(sipd_file()), tahun=2026)
    message = str(refused.value)
    assert "kolom tidak dikenal: kode_urusan, nama_urusan, kode_skpd" in message
    assert refused.value.headers == SIPD_HEADER


def test_the_sipd_preset_rolls_sub_units_up_to_their_skpd():
    result = import_apbd(xlsx_bytes(sipd_file()))
    # Three rows, two lines: the two sub-units' ibu hamil rows are one line of the SKPD.
    assert (result.total, result.added) == (2, 2)
    assert "1 baris kembar (sub unit) dijumlahkan ke baris pertamanya." in result.summary()
    assert list(Opd.objects.values_list("kode", "nama")) == [SKPD]
    lines = {
        line.sub_kegiatan.kode: line
        for line in BudgetLine.objects.select_related("sub_kegiatan", "sumber_dana")
    }
    hamil, bersalin = lines["1.02.02.2.02.0001"], lines["1.02.02.2.02.0002"]
    # 150.000.000 + 50.000.000
    assert Pagu.objects.get(line=hamil).pagu == Decimal("200000000.00")
    assert Pagu.objects.get(line=bersalin).pagu == Decimal("75500000.00")
    assert (hamil.indikator_keluaran, hamil.target_keluaran, hamil.satuan_keluaran) == (
        "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan",
        Decimal("1200.00"),
        "orang",
    )
    assert (bersalin.target_keluaran, bersalin.satuan_keluaran) == (Decimal("12.50"), "persen")
    assert bersalin.sumber_dana.nama == "DAK Non Fisik"
    assert hamil.sub_kegiatan.kegiatan.kode == "1.02.02.2.02"


def test_the_sipd_preset_reimported_changes_nothing():
    data = csv_bytes(sipd_file())
    import_apbd(data, name="sipd.csv")
    again = import_apbd(data, name="sipd.csv")
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)


def test_the_sub_unit_preset_makes_each_sub_unit_an_opd():
    result = import_apbd(csv_bytes(sipd_file()), name="sipd.csv", preset="sipd-sub-unit")
    assert result.added == 3
    assert sorted(Opd.objects.values_list("kode", flat=True)) == [PUSKESMAS_A[0], PUSKESMAS_B[0]]


def test_pagu_is_taken_from_pagu_when_the_file_has_it():
    header = [("pagu" if h == "pagu_indikatif" else h) for h in SIPD_HEADER]
    import_apbd(csv_bytes([header, *sipd_file()[1:]]), name="sipd.csv")
    assert sum(Pagu.objects.values_list("pagu", flat=True)) == Decimal("275500000.00")


def test_a_missing_column_names_what_the_preset_looks_for():
    header = [h for h in SIPD_HEADER if h != "kode_skpd"]
    rows = [
        [v for h, v in zip(SIPD_HEADER, row, strict=True) if h != "kode_skpd"]
        for row in sipd_file()[1:]
    ]
    with pytest.raises(ImportRejected) as refused:
        import_apbd(csv_bytes([header, *rows]), name="sipd.csv")
    assert "kode_opd (kode_skpd)" in str(refused.value)


def test_an_empty_indicator_cell_keeps_the_line_s_indicator():
    import_apbd(csv_bytes(sipd_file()), name="sipd.csv")
    rows = sipd_file()
    rows[1][-3:] = ["", "", ""]
    import_apbd(csv_bytes(rows), name="sipd.csv")
    line = BudgetLine.objects.get(sub_kegiatan__kode="1.02.02.2.02.0001")
    assert line.indikator_keluaran.startswith("Jumlah ibu hamil")


def test_the_template_carries_the_output_indicator():
    header = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana"]
    header += ["pagu", "indikator_keluaran", "target_keluaran", "satuan_keluaran"]
    row = [*SKPD, "1.02.02.2.02.0001", "Ibu Hamil", "DAU", 1000, "Ibu hamil terlayani", 40, "orang"]
    run_import(JenisImpor.APBD, "a.csv", csv_bytes([header, row]), tahun=2026)
    line = BudgetLine.objects.get()
    assert (line.indikator_keluaran, line.target_keluaran, line.satuan_keluaran) == (
        "Ibu hamil terlayani",
        Decimal("40.00"),
        "orang",
    )


def test_a_saved_preset_maps_the_pemda_s_own_headers():
    preset = ColumnPreset.objects.create(
        jenis=JenisImpor.APBD,
        nama="APBD Bappeda",
        kolom={
            "kode_opd": "kd_opd",
            "nama_opd": "opd",
            "kode_sub_kegiatan": "kd_subkeg",
            "nama_sub_kegiatan": "subkeg",
            "sumber_dana": "dana",
            "pagu": "anggaran",
        },
    )
    data = csv_bytes(
        [
            ["No", "Kd OPD", "OPD", "Kd SubKeg", "SubKeg", "Dana", "Anggaran"],
            ["1", *SKPD, "1.02.02.2.02.0001", "Ibu Hamil", "PAD", "1.500.000"],
        ]
    )
    result = import_apbd(data, name="apbd.csv", preset=f"preset-{preset.pk}")
    assert result.added == 1
    assert Pagu.objects.get().pagu == Decimal("1500000.00")


def test_builtin_presets_are_offered_for_the_apbd_only():
    assert set(BUILTIN) == {JenisImpor.APBD}


# --- the pages --------------------------------------------------------------------------------


def post_apbd(client, data, name, **fields):
    return client.post(
        reverse("realisasi:import_apbd"),
        {"file": SimpleUploadedFile(name, data), "tahun": 2026, "stage": "murni", **fields},
    )


def test_the_upload_page_imports_a_sipd_export_with_the_preset(client, verifikator):
    client.force_login(verifikator)
    page = client.get(reverse("realisasi:import_apbd")).content.decode()
    assert "SIPD (sub unit digabung ke SKPD)" in page
    response = post_apbd(client, xlsx_bytes(sipd_file()), "sipd.xlsx", pemetaan="sipd")
    assert response.status_code == 302
    assert BudgetLine.objects.count() == 2


def test_the_mapping_step_saves_a_preset_from_the_refused_file_s_headers(client, verifikator):
    client.force_login(verifikator)
    data = csv_bytes(
        [
            ["Kd OPD", "OPD", "Kd SubKeg", "SubKeg", "Dana", "Anggaran"],
            [*SKPD, "1.02.02.2.02.0001", "Ibu Hamil", "PAD", "1.500.000"],
        ]
    )
    refused = post_apbd(client, data, "apbd.csv").content.decode()
    assert "Petakan kolom file ini" in refused
    step = client.get(reverse("realisasi:import_mapping", args=["apbd"])).content.decode()
    assert '<option value="kd_subkeg">kd_subkeg</option>' in step
    response = client.post(
        reverse("realisasi:import_mapping", args=["apbd"]),
        {"nama": "APBD Bappeda", **SIPD_MAPPING},
    )
    preset = ColumnPreset.objects.get()
    assert response["Location"] == f"{reverse('realisasi:import_apbd')}?pemetaan=preset-{preset.pk}"
    assert preset.kolom["pagu"] == "anggaran" and preset.created_by == verifikator
    assert post_apbd(client, data, "apbd.csv", pemetaan=f"preset-{preset.pk}").status_code == 302
    assert Pagu.objects.get().pagu == Decimal("1500000.00")


def test_the_mapping_step_refuses_a_missing_required_column(client, verifikator):
    client.force_login(verifikator)
    response = client.post(
        reverse("realisasi:import_mapping", args=["apbd"]),
        {"nama": "Kurang", "kolom_kode_opd": "kd_opd"},
    )
    assert response.status_code == 200
    assert not ColumnPreset.objects.exists()


def test_the_mapping_step_refuses_one_file_column_for_two(client, verifikator):
    client.force_login(verifikator)
    response = client.post(
        reverse("realisasi:import_mapping", args=["apbd"]),
        {
            "nama": "Kembar",
            **SIPD_MAPPING,
            "kolom_kode_opd": "kode",
            "kolom_kode_sub_kegiatan": "kode",
        },
    )
    assert response.status_code == 200
    assert "Kolom &#x27;kode&#x27; sudah dipakai untuk kode_opd." in response.content.decode()
    assert not ColumnPreset.objects.exists()
