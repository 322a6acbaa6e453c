"""import_indikator: indicators with their targets, and their realization per triwulan."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from realisasi.choices import Polaritas, SifatIndikator, StatusLaporan, TingkatIndikator
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import AuditEvent, Indikator, IndikatorRealisasi
from tests.factories import (
    BudgetLineFactory,
    LaporanKinerjaFactory,
    OpdFactory,
    SubKegiatanFactory,
)

pytestmark = pytest.mark.django_db

HEADER = ["kode_opd", "kode", "nomor", "indikator", "satuan", "target_tahun", "polaritas",
          "sifat", "target_tw1", "target_tw2", "target_tw3", "target_tw4", "prioritas"]  # fmt: skip
SUB = "1.02.02.2.01.0001"


@pytest.fixture
def line(year):
    return BudgetLineFactory(
        fiscal_year=year, opd=OpdFactory(kode="1.02"), sub_kegiatan=SubKegiatanFactory(kode=SUB)
    )


def write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows))
    return path


def run(path, *extra):
    out = StringIO()
    call_command(
        "import_indikator", str(path), "--year", "2025", *extra, stdout=out, stderr=StringIO()
    )
    return out.getvalue()


def definitions(line):
    program = line.sub_kegiatan.kegiatan.program.kode
    return [
        HEADER,
        ["1.02", program, "", "Prevalensi stunting", "%", "20", "negatif", "tingkat",
         "21,5", "21", "20,5", "20", "ya"],
        ["1.02", SUB, "", "Jumlah posyandu dibina", "posyandu", "1.058", "", "",
         "200", "300", "300", "258", ""],
        ["1.02", SUB, "", "Jumlah kader dilatih", "orang", "40", "positif", "kumulatif",
         "10", "10", "10", "10", "tidak"],
    ]  # fmt: skip


def test_indicators_and_targets_are_imported(tmp_path, line):
    out = run(write(tmp_path, "indikator.xlsx", definitions(line)))
    assert "3" in out
    stunting = Indikator.objects.get(uraian="Prevalensi stunting")
    assert stunting.tingkat == TingkatIndikator.PROGRAM and stunting.kegiatan is None
    assert stunting.polaritas == Polaritas.NEGATIF and stunting.sifat == SifatIndikator.TINGKAT
    assert stunting.target_tw1 == Decimal("21.5") and stunting.prioritas
    posyandu = Indikator.objects.get(uraian="Jumlah posyandu dibina")
    assert posyandu.target_tahun == Decimal("1058")  # "1.058" as the number reader reads it
    assert posyandu.polaritas == Polaritas.POSITIF and posyandu.sifat == SifatIndikator.KUMULATIF
    # numbered in the order of the file within the sub-kegiatan
    assert [i.nomor for i in Indikator.objects.filter(sub_kegiatan=line.sub_kegiatan)] == [1, 2]
    # a second import of the same file changes nothing
    run(write(tmp_path, "indikator.csv", definitions(line)))
    assert Indikator.objects.count() == 3


def test_bad_rows_are_named_and_nothing_is_saved(tmp_path, line):
    rows = definitions(line)
    rows[1][6] = "naik"  # polaritas
    rows[2][1] = "9.99.99"  # unknown code
    rows[3][5] = "empat puluh"  # target_tahun
    with pytest.raises(CommandError) as refused:
        run(write(tmp_path, "indikator.csv", rows))
    message = str(refused.value)
    assert "baris 2" in message.lower() and "polaritas" in message
    assert "'9.99.99' bukan kode program, kegiatan atau sub kegiatan" in message
    assert "'empat puluh' bukan angka" in message
    assert not Indikator.objects.exists()


def test_item_the_opd_does_not_run_is_refused(tmp_path, line):
    other = SubKegiatanFactory(kode="1.02.02.2.01.0002")
    rows = [HEADER, ["1.02", other.kode, "", "X", "unit", "1", "", "", "", "", "", "", ""]]
    with pytest.raises(CommandError, match="tidak menjalankan"):
        run(write(tmp_path, "indikator.csv", rows))


def test_realization_import_with_audit_and_verified_quarter_refused(tmp_path, line, year):
    run(write(tmp_path, "indikator.csv", definitions(line)))
    program = line.sub_kegiatan.kegiatan.program.kode
    header = ["kode_opd", "kode", "nomor", "triwulan", "realisasi", "faktor_penghambat"]
    rows = [
        header,
        ["1.02", program, "1", "III", "21,8", "Data e-PPGBM belum lengkap"],
        ["1.02", SUB, "2", "3", "9", ""],
    ]
    run(write(tmp_path, "realisasi.xlsx", rows), "--realisasi")
    stunting = IndikatorRealisasi.objects.get(indikator__uraian="Prevalensi stunting")
    assert stunting.triwulan == 3 and stunting.realisasi == Decimal("21.8")
    assert stunting.faktor_penghambat == "Data e-PPGBM belum lengkap"
    assert AuditEvent.objects.filter(indikator=stunting.indikator, new_value="21.80").exists()
    LaporanKinerjaFactory(
        opd=line.opd, fiscal_year=year, triwulan=3, status=StatusLaporan.TERVERIFIKASI
    )
    rows[1][4] = "20"
    with pytest.raises(CommandError, match="sudah diverifikasi"):
        run(write(tmp_path, "realisasi.csv", rows), "--realisasi")
    assert IndikatorRealisasi.objects.get(pk=stunting.pk).realisasi == Decimal("21.8")
