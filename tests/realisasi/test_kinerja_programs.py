"""The quarterly indicator page one program at a time: the program picker and its counts, the
filter within a program, saving one program without touching the others, row-by-row
conflicts, what blocks a submit elsewhere, and queries that stay flat as an OPD grows."""

import datetime
import re
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opd.choices import Role
from realisasi.choices import StatusLaporan, TingkatIndikator
from realisasi.models import IndikatorRealisasi, LaporanKinerja
from tests.factories import (
    BudgetLineFactory,
    IndikatorFactory,
    IndikatorRealisasiFactory,
    KegiatanFactory,
    LaporanKinerjaFactory,
    OpdFactory,
    ProgramFactory,
    SubKegiatanFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def in_october():
    with time_machine.travel(datetime.datetime(2025, 10, 5, 9, tzinfo=JAKARTA), tick=True):
        yield


def url(opd, name="kinerja"):
    return reverse(f"realisasi:{name}", args=[opd.kode, 2025, 3])


def indicator(opd, year, program, uraian, tw3=None, **kwargs):
    """An output indicator of a new sub-kegiatan of `program`, targets 25 per quarter, 25
    realized in TW I and II, and `tw3` in TW III (None: not filled yet):
    capaian s.d. TW III = (50 + tw3) / 75 × 100."""
    sub = SubKegiatanFactory(kegiatan=KegiatanFactory(program=program))
    ind = IndikatorFactory(
        line=BudgetLineFactory(fiscal_year=year, opd=opd, sub_kegiatan=sub), uraian=uraian, **kwargs
    )
    for tw, value in ((1, 25), (2, 25), (3, tw3)):
        if value is not None:
            IndikatorRealisasiFactory(indikator=ind, triwulan=tw, realisasi=value)
    return ind


@pytest.fixture
def programs(opd, year):
    """Program 1.02.01 has everything filled: one indicator at (50 + 25) / 75 = 100 % and one
    at (50 + 0) / 75 = 66,67 % (Sedang, below Tinggi). Program 1.02.03 has one filled at
    100 % and one not filled for TW III."""
    first = ProgramFactory(kode="1.02.01", nama="Program Pelayanan Kesehatan")
    second = ProgramFactory(kode="1.02.03", nama="Program Sumber Daya Kesehatan")
    return {
        "first": first,
        "second": second,
        "imunisasi": indicator(opd, year, first, "Cakupan imunisasi", tw3=25),
        "posyandu": indicator(opd, year, first, "Posyandu aktif", tw3=0),
        "pelatihan": indicator(opd, year, second, "Tenaga kesehatan dilatih", tw3=25),
        "alkes": indicator(opd, year, second, "Puskesmas dengan alkes lengkap"),
    }


def options(page: str) -> list[str]:
    """The picker's options as a user reads them."""
    select = page.split('id="program-select"', 1)[1].split("</select>", 1)[0]
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r">([^<]+)</option>", select)]


def test_operator_starts_at_the_program_left_to_fill(client, operator, opd, programs):
    client.force_login(operator)
    page = client.get(url(opd)).content.decode()
    assert options(page) == [
        "1.02.01 Program Pelayanan Kesehatan · 2 indikator · 1 di bawah Tinggi",
        # alkes, not filled for TW III: (25 + 25) / 75 × 100 = 66,67 so far, below Tinggi too
        "1.02.03 Program Sumber Daya Kesehatan · 2 indikator · 1 belum diisi · 1 di bawah Tinggi",
    ]
    # The second program is the one with an indicator not filled for TW III.
    assert 'class="program-heading">1.02.03 Program Sumber Daya Kesehatan</h2>' in page
    assert "Puskesmas dengan alkes lengkap" in page and "Tenaga kesehatan dilatih" in page
    assert "Cakupan imunisasi" not in page and "Posyandu aktif" not in page
    # The summary still counts all four indicators of the OPD.
    assert "4 indikator" in page


def test_a_reader_starts_at_the_first_program_and_picks_another(client, verifikator, opd, programs):
    client.force_login(verifikator)
    page = client.get(url(opd)).content.decode()
    assert "Cakupan imunisasi" in page and "Puskesmas dengan alkes lengkap" not in page
    page = client.get(url(opd) + f"?program={programs['second'].pk}").content.decode()
    assert "Puskesmas dengan alkes lengkap" in page and "Cakupan imunisasi" not in page


def test_filters_within_the_program(client, operator, opd, programs):
    client.force_login(operator)
    first = programs["first"].pk
    page = client.get(url(opd) + f"?program={first}&tampil=bermasalah").content.decode()
    # Posyandu: (50 + 0) / 75 × 100 = 66,67 → Sedang, below Tinggi; imunisasi 100 is not.
    assert "Posyandu aktif" in page and "Cakupan imunisasi" not in page
    page = client.get(url(opd) + f"?program={first}&tampil=belum").content.decode()
    assert "Tidak ada indikator program ini yang sesuai saringan." in page
    # An unknown program or filter is read as the default, never an error.
    response = client.get(url(opd) + "?program=999999&tampil=apa")
    assert response.status_code == 200
    assert "Puskesmas dengan alkes lengkap" in response.content.decode()


def test_saving_one_program_leaves_the_others_as_they_are(client, operator, opd, programs):
    client.force_login(operator)
    second = programs["second"]
    alkes, pelatihan = programs["alkes"], programs["pelatihan"]
    response = client.post(
        url(opd) + f"?program={second.pk}",
        {
            "version": 0,
            f"real-{alkes.pk}": "20",
            f"asal-{alkes.pk}": "",
            f"real-{pelatihan.pk}": "25",
            f"asal-{pelatihan.pk}": "",
        },
    )
    assert response.status_code == 302
    # Back to the same program after the save.
    assert response["Location"].endswith(f"?program={second.pk}")
    assert IndikatorRealisasi.objects.get(indikator=alkes, triwulan=3).realisasi == 20
    # The first program's saved TW III values were not sent, and are not emptied.
    posyandu = IndikatorRealisasi.objects.get(indikator=programs["posyandu"], triwulan=3)
    assert posyandu.realisasi == Decimal("0")


def form_of(client, opd, program) -> dict:
    """The fields of the page of one program as a browser would send them."""
    from bench.inprocess import form_fields

    page = client.get(url(opd) + f"?program={program.pk}").content.decode()
    return form_fields(page, "kinerja-form")


def test_two_people_saving_different_programs_both_go_through(client, operator, opd, programs):
    colleague = Client()
    colleague.force_login(UserFactory(role=Role.OPERATOR, opd=opd))
    client.force_login(operator)
    mine = form_of(client, opd, programs["second"])
    theirs = form_of(colleague, opd, programs["first"])
    theirs[f"real-{programs['posyandu'].pk}"] = "10"
    assert colleague.post(url(opd), theirs).status_code == 302
    # The report's version moved on; this page's rows did not change, so it saves.
    mine[f"real-{programs['alkes'].pk}"] = "20"
    assert client.post(url(opd), mine).status_code == 302
    assert IndikatorRealisasi.objects.get(indikator=programs["alkes"], triwulan=3).realisasi == 20
    assert (
        IndikatorRealisasi.objects.get(indikator=programs["posyandu"], triwulan=3).realisasi == 10
    )


def test_an_indicator_changed_meanwhile_is_refused_row_by_row(client, operator, opd, programs):
    colleague = Client()
    colleague.force_login(UserFactory(role=Role.OPERATOR, opd=opd, first_name="Sari"))
    client.force_login(operator)
    pelatihan = programs["pelatihan"]
    mine = form_of(client, opd, programs["second"])
    theirs = form_of(colleague, opd, programs["second"])
    theirs[f"real-{pelatihan.pk}"] = "30"
    theirs[f"real-{programs['alkes'].pk}"] = "5"
    assert colleague.post(url(opd), theirs).status_code == 302
    mine[f"real-{pelatihan.pk}"] = "27"
    mine[f"real-{programs['alkes'].pk}"] = "20"
    response = client.post(url(opd), mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "telah diubah oleh Sari" in page
    # Nothing was written; what was typed is still on the page.
    assert IndikatorRealisasi.objects.get(indikator=pelatihan, triwulan=3).realisasi == 30
    assert f'name="real-{pelatihan.pk}" id="id_real-{pelatihan.pk}" value="27"' in page
    # Sending the page again replaces their figures with the ones typed here.
    again = form_of(client, opd, programs["second"]) | {
        key: value for key, value in mine.items() if key.startswith("real-")
    }
    page_fields = re.findall(r'name="(asal-\d+)" value="([^"]*)"', page)
    again.update(dict(page_fields))
    assert client.post(url(opd), again).status_code == 302
    assert IndikatorRealisasi.objects.get(indikator=pelatihan, triwulan=3).realisasi == 27


def test_submit_names_what_is_missing_in_another_program(client, operator, opd, programs):
    client.force_login(operator)
    fields = form_of(client, opd, programs["first"])
    response = client.post(url(opd, "kinerja_submit") + f"?program={programs['first'].pk}", fields)
    page = response.content.decode()
    assert response.status_code == 200
    assert LaporanKinerja.objects.get().status == StatusLaporan.DRAF
    missing = page.split('id="masalah-lain"', 1)[1].split("</div>", 1)[0]
    assert "Puskesmas dengan alkes lengkap" in missing
    assert f"?program={programs['second'].pk}#indikator-{programs['alkes'].pk}" in missing
    assert "Indikator ini belum diisi untuk triwulan ini." in missing


def test_verifikator_finds_the_verification_at_the_top(client, verifikator, opd, programs):
    LaporanKinerjaFactory(
        opd=opd,
        fiscal_year=programs["alkes"].fiscal_year,
        triwulan=3,
        status=StatusLaporan.TERKIRIM,
    )
    client.force_login(verifikator)
    page = client.get(url(opd)).content.decode()
    link = page.index('href="#verifikasi"')
    assert link < page.index('id="pilih-program"') < page.index('id="verifikasi"')


def test_queries_stay_flat_from_one_program_to_many(client, operator, opd, year):
    small = ProgramFactory(kode="1.02.01")
    indicator(opd, year, small, "Kecil 1", tw3=20)
    indicator(opd, year, small, "Kecil 2")
    big_opd = OpdFactory(kode="7.01")
    for p in range(6):
        program = ProgramFactory(kode=f"7.01.{p + 1:02d}")
        IndikatorFactory(
            fiscal_year=year,
            opd=big_opd,
            tingkat=TingkatIndikator.PROGRAM,
            program=program,
            kegiatan=None,
            sub_kegiatan=None,
        )
        for line in range(2):
            for n in range(5):
                indicator(big_opd, year, program, f"Besar {p}.{line}.{n}", tw3=n * 5 or None)
    client.force_login(operator)
    with CaptureQueriesContext(connection) as at_small:
        assert client.get(url(opd)).status_code == 200
    operator.opd = big_opd
    operator.save()
    client.force_login(operator)
    with CaptureQueriesContext(connection) as at_big:
        assert client.get(url(big_opd)).status_code == 200
    assert len(at_small) == len(at_big)
    # session, user, OPD, year, report; every indicator's targets and their realization
    # (the counts); the programs; the shown indicators whole and their realization; no
    # history without a report; the session's save
    assert len(at_big) <= 14
