"""The OPD's quarter page: what the operator reads and types, the rules on what is typed, and
the queries it takes."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from realisasi.choices import Polaritas, SifatIndikator, StatusLaporan
from realisasi.models import AuditEvent, IndikatorRealisasi, LaporanKinerja
from tests.factories import (
    BudgetLineFactory,
    IndikatorFactory,
    IndikatorRealisasiFactory,
    OpdFactory,
)

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def in_october():
    with time_machine.travel(datetime.datetime(2025, 10, 5, 9, tzinfo=JAKARTA), tick=True):
        yield


def url(opd, name="kinerja", triwulan=3):
    return reverse(f"realisasi:{name}", args=[opd.kode, 2025, triwulan])


@pytest.fixture
def pelatihan(opd, year):
    """Tenaga kesehatan dilatih: 20/30/30/20, realized 15 and 35 in TW I and II."""
    ind = IndikatorFactory(
        line=BudgetLineFactory(fiscal_year=year, opd=opd),
        uraian="Jumlah tenaga kesehatan dilatih",
        satuan="orang",
        target_tw1=20,
        target_tw2=30,
        target_tw3=30,
        target_tw4=20,
    )
    IndikatorRealisasiFactory(indikator=ind, triwulan=1, realisasi=15)
    IndikatorRealisasiFactory(indikator=ind, triwulan=2, realisasi=35)
    return ind


def test_operator_fills_tw3_and_reads_capaian(client, operator, opd, pelatihan):
    client.force_login(operator)
    response = client.post(
        url(opd),
        {
            "version": 0,
            f"real-{pelatihan.pk}": "20",
            f"penghambat-{pelatihan.pk}": "Jadwal pelatihan bergeser",
        },
    )
    assert response.status_code == 302
    page = client.get(url(opd)).content.decode()
    # s.d. TW III: (15 + 35 + 20) / (20 + 30 + 30) × 100 = 70 / 80 × 100 = 87,50 (Tinggi)
    assert "87,50" in page and "Tinggi" in page
    # TW III alone: 20 / 30 × 100 = 66,67
    assert "66,67" in page
    assert "Jadwal pelatihan bergeser" in page
    row = IndikatorRealisasi.objects.get(indikator=pelatihan, triwulan=3)
    assert row.realisasi == Decimal("20") and row.updated_by == operator
    assert AuditEvent.objects.filter(indikator=pelatihan, field="realisasi").exists()


def test_a_number_typed_the_indonesian_way(client, operator, opd, pelatihan):
    client.force_login(operator)
    client.post(url(opd), {"version": 0, f"real-{pelatihan.pk}": "1.058,5"})
    assert IndikatorRealisasi.objects.get(triwulan=3).realisasi == Decimal("1058.50")


def test_bad_number_is_refused_with_a_message_and_nothing_saved(client, operator, opd, pelatihan):
    client.force_login(operator)
    response = client.post(
        url(opd),
        {"version": 0, f"real-{pelatihan.pk}": "dua puluh", f"pendorong-{pelatihan.pk}": "x"},
    )
    assert response.status_code == 200
    assert "&#x27;dua puluh&#x27; bukan angka" in response.content.decode()
    assert not IndikatorRealisasi.objects.filter(triwulan=3).exists()
    assert not LaporanKinerja.objects.exists()


def test_a_refused_save_marks_only_the_indicator_in_error_and_keeps_what_was_typed(
    client, operator, opd, year, pelatihan
):
    # One field of each kind serves every indicator: what is typed and the error stay with
    # the indicator they belong to.
    cakupan = IndikatorFactory(line=BudgetLineFactory(fiscal_year=year, opd=opd), satuan="%")
    client.force_login(operator)
    response = client.post(
        url(opd),
        {
            "version": 0,
            f"real-{pelatihan.pk}": "dua puluh",
            f"pendorong-{pelatihan.pk}": "Pelatih tersedia",
            f"real-{cakupan.pk}": "75,5",
            f"pendorong-{cakupan.pk}": "Kader aktif",
        },
    )
    page = response.content.decode()
    assert f'name="real-{pelatihan.pk}" id="id_real-{pelatihan.pk}" value="dua puluh"' in page
    assert f'name="real-{cakupan.pk}" id="id_real-{cakupan.pk}" value="75,5"' in page
    assert f'id="id_pendorong-{pelatihan.pk}" rows="2">\nPelatih tersedia</textarea>' in page
    assert f'id="id_pendorong-{cakupan.pk}" rows="2">\nKader aktif</textarea>' in page
    assert page.count('aria-invalid="true"') == 1
    assert f'id="id_real-{pelatihan.pk}_error"' in page
    assert not IndikatorRealisasi.objects.filter(triwulan=3).exists()


def test_text_without_realisasi_is_refused(client, operator, opd, pelatihan):
    client.force_login(operator)
    response = client.post(url(opd), {"version": 0, f"penghambat-{pelatihan.pk}": "Hujan"})
    assert "Isi realisasi indikator ini." in response.content.decode()
    assert not IndikatorRealisasi.objects.filter(triwulan=3).exists()


def test_zero_target_shows_no_capaian(client, operator, opd, year):
    ind = IndikatorFactory(
        line=BudgetLineFactory(fiscal_year=year, opd=opd),
        polaritas=Polaritas.NEGATIF,
        sifat=SifatIndikator.TINGKAT,
        target_tahun=0,
        target_tw1=0,
        target_tw2=0,
        target_tw3=0,
        target_tw4=0,
    )
    IndikatorRealisasiFactory(indikator=ind, triwulan=3, realisasi=1)
    client.force_login(operator)
    response = client.get(url(opd))
    assert response.status_code == 200
    assert "Tanpa capaian" in response.content.decode()


def test_submit_from_the_page_and_verifikator_sees_the_actions(
    client, operator, verifikator, opd, pelatihan
):
    client.force_login(operator)
    response = client.post(
        url(opd, "kinerja_submit"),
        {"version": 0, f"real-{pelatihan.pk}": "30", f"pendorong-{pelatihan.pk}": "Dana cair"},
    )
    assert response.status_code == 302
    report = LaporanKinerja.objects.get()
    assert report.status == StatusLaporan.TERKIRIM
    client.force_login(verifikator)
    page = client.get(url(opd)).content.decode()
    assert "Verifikasi laporan" in page and "Kembalikan ke OPD" in page
    response = client.post(
        url(opd, "kinerja_return"), {"version": report.version, "catatan": "Cek"}
    )
    assert response.status_code == 302
    assert LaporanKinerja.objects.get().status == StatusLaporan.DIKEMBALIKAN


def test_a_refused_note_says_why(client, verifikator, opd, year, pelatihan, settings):
    """The note's own error is the message; a post without the page's version asks for a
    reload; the report stays as it was."""
    report = LaporanKinerja.objects.create(
        opd=opd, fiscal_year=year, triwulan=3, status=StatusLaporan.TERKIRIM
    )
    settings.RAKOR_TEXT_MAX_CHARS = 10
    client.force_login(verifikator)
    note = {"version": report.version, "catatan": "sebelas kar"}
    response = client.post(url(opd, "kinerja_return"), note, follow=True)
    assert response.redirect_chain == [(url(opd), 302)]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Catatan paling banyak 10 karakter (tertulis 11)."
    ]
    response = client.post(url(opd, "kinerja_return"), {"catatan": "Cek"}, follow=True)
    assert response.redirect_chain == [(url(opd), 302)]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Permintaan tidak lengkap; muat ulang halaman."
    ]
    assert LaporanKinerja.objects.get().status == StatusLaporan.TERKIRIM


def test_quarter_not_ended_cannot_be_filled(client, operator, opd, pelatihan):
    client.force_login(operator)
    page = client.get(url(opd, triwulan=4)).content.decode()
    assert "belum berakhir" in page
    assert f'name="real-{pelatihan.pk}"' not in page


def test_home_sends_the_operator_to_the_latest_quarter(client, operator, opd, year):
    client.force_login(operator)
    assert client.get(reverse("realisasi:kinerja_home"))["Location"] == url(opd)


def test_queries_do_not_grow_with_the_indicators(client, operator, opd, year):
    def fill(target_opd, count):
        line = BudgetLineFactory(fiscal_year=year, opd=target_opd)
        for _ in range(count):
            ind = IndikatorFactory(line=line)
            IndikatorRealisasiFactory(indikator=ind, triwulan=3, realisasi=10)

    other = OpdFactory(kode="7.01")
    operator.opd = other
    operator.save()
    fill(opd, 2)
    fill(other, 25)
    client.force_login(operator)
    with CaptureQueriesContext(connection) as at_25:
        assert client.get(url(other)).status_code == 200
    operator.opd = opd
    operator.save()
    client.force_login(operator)
    with CaptureQueriesContext(connection) as at_2:
        assert client.get(url(opd)).status_code == 200
    assert len(at_2) == len(at_25)
    # session, user, OPD, year, report, indicators, realizations, (no history without a
    # report), and the session's save
    assert len(at_25) <= 12


def test_admin_lists_and_edits_indicators(client, admin_user, pelatihan):
    client.force_login(admin_user)
    assert (
        "Jumlah tenaga kesehatan dilatih"
        in client.get(reverse("admin:realisasi_indikator_changelist")).content.decode()
    )
    change = reverse("admin:realisasi_indikator_change", args=[pelatihan.pk])
    assert client.get(change).status_code == 200


def test_a_save_takes_the_same_queries_for_2_or_20_indicators(client, operator, opd, year):
    line = BudgetLineFactory(fiscal_year=year, opd=opd)
    indicators = [IndikatorFactory(line=line, target_tw3=10) for _ in range(20)]
    client.force_login(operator)

    def save(items, value, version):
        data = {"version": version} | {f"real-{item.pk}": value for item in items}
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url(opd), data).status_code == 302
        return len(queries)

    first_two = save(indicators[:2], "4", 0)
    IndikatorRealisasi.objects.all().delete()
    LaporanKinerja.objects.all().delete()
    first_twenty = save(indicators, "4", 0)
    # new rows, then every row changed: one insert or one update, and one insert of their
    # audit events, whatever the number of indicators
    assert first_two == first_twenty
    changed_twenty = save(indicators, "6", LaporanKinerja.objects.get().version)
    assert changed_twenty <= first_twenty
    assert set(IndikatorRealisasi.objects.values_list("realisasi", flat=True)) == {Decimal("6")}
    # every value recorded: the first 2, then 20 new, then 20 changed
    assert AuditEvent.objects.filter(indikator__in=indicators, field="realisasi").count() == 42
