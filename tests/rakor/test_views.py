import datetime

import pytest
import time_machine
from django.urls import reverse

from rakor.choices import StatusTindakLanjut
from rakor.models import Rakor
from tests.factories import (
    ArahanFactory,
    OpdFactory,
    RakorFactory,
    TindakLanjutFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2025, 12, 16, 9, 0, tzinfo=datetime.UTC)


def test_opd_user_updates_own_follow_up(client, operator):
    followup = TindakLanjutFactory(opd=operator.opd)
    client.force_login(operator)
    url = reverse("rakor:followup_update", args=[followup.pk])
    response = client.post(url, {"status": "selesai", "catatan": "Sudah dilaksanakan"})
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == StatusTindakLanjut.SELESAI
    assert followup.notes.get().catatan == "Sudah dilaksanakan"


def test_opd_user_gets_404_on_another_opds_follow_up(client, operator):
    other = TindakLanjutFactory(opd=OpdFactory())
    client.force_login(operator)
    url = reverse("rakor:followup_update", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "selesai", "catatan": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.status == StatusTindakLanjut.BELUM


def test_update_without_note_keeps_what_was_typed(client, operator):
    followup = TindakLanjutFactory(opd=operator.opd)
    client.force_login(operator)
    url = reverse("rakor:followup_update", args=[followup.pk])
    response = client.post(url, {"status": "proses", "catatan": ""})
    assert response.status_code == 200
    assert "Catatan perkembangan wajib diisi." in response.content.decode()
    followup.refresh_from_db()
    assert followup.status == StatusTindakLanjut.BELUM and not followup.notes.exists()


def test_opd_user_sees_only_own_follow_ups(client, operator):
    mine = TindakLanjutFactory(opd=operator.opd, uraian="Percepat lelang jalan")
    TindakLanjutFactory(opd=OpdFactory(), uraian="Urusan OPD lain")
    client.force_login(operator)
    response = client.get(reverse("rakor:followup_list"))
    assert mine.uraian in response.content.decode()
    assert "Urusan OPD lain" not in response.content.decode()
    detail = client.get(reverse("rakor:meeting_detail", args=[mine.arahan.rakor_id]))
    assert "Percepat lelang jalan" in detail.content.decode()


def test_pimpinan_reads_but_cannot_edit(client, pimpinan):
    followup = TindakLanjutFactory()
    rakor = followup.arahan.rakor
    client.force_login(pimpinan)
    assert client.get(reverse("rakor:meeting_detail", args=[rakor.pk])).status_code == 200
    assert client.get(reverse("rakor:meeting_edit", args=[rakor.pk])).status_code == 403
    assert client.get(reverse("rakor:meeting_create")).status_code == 403
    assert client.get(reverse("rakor:arahan_create", args=[rakor.pk])).status_code == 403
    url = reverse("rakor:followup_update", args=[followup.pk])
    assert client.post(url, {"status": "selesai", "catatan": "x"}).status_code == 403


def test_opd_user_cannot_create_meeting(client, operator):
    client.force_login(operator)
    assert client.get(reverse("rakor:meeting_create")).status_code == 403


def test_verifikator_creates_meeting(client, verifikator, year):
    invited = OpdFactory()
    client.force_login(verifikator)
    response = client.post(
        reverse("rakor:meeting_create"),
        {
            "jenis": "pok",
            "fiscal_year": year.pk,
            "triwulan": 4,
            "bulan_data": 11,
            "tanggal": "2025-12-16",
            "tempat": "Pendopo",
            "pimpinan_rapat": "Sekda",
            "opd_diundang": [invited.pk],
            "opd_hadir": [invited.pk],
        },
    )
    rakor = Rakor.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "rakor:meeting_detail", args=[rakor.pk]
    )
    assert list(rakor.opd_hadir.all()) == [invited]


def test_meeting_form_names_the_bad_field_and_keeps_input(client, verifikator, year):
    client.force_login(verifikator)
    response = client.post(
        reverse("rakor:meeting_create"),
        {
            "jenis": "pok",
            "fiscal_year": year.pk,
            "bulan_data": 11,
            "tanggal": "2025-12-16",
            "tempat": "Gedung Serbaguna",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rakor POK dan POP harus menyebut triwulannya." in body
    assert "Gedung Serbaguna" in body
    assert not Rakor.objects.exists()


def test_verifikator_adds_arahan_with_follow_ups(client, verifikator):
    # the follow-up is due (15 January 2026) after the meeting, as the form requires
    rakor = RakorFactory(tanggal=datetime.date(2025, 12, 16))
    opd = OpdFactory()
    client.force_login(verifikator)
    data = {
        "nomor": 1,
        "isi": "Percepat penyerapan DAK Fisik",
        "tl-TOTAL_FORMS": 2,
        "tl-INITIAL_FORMS": 0,
        "tl-0-opd": opd.pk,
        "tl-0-uraian": "Tanda tangani kontrak",
        "tl-0-batas_waktu": "2026-01-15",
        "tl-0-status": "belum",
        "tl-1-status": "belum",  # the empty extra form as a browser sends it
    }
    response = client.post(reverse("rakor:arahan_create", args=[rakor.pk]), data)
    assert response.status_code == 302
    arahan = rakor.arahan_set.get()
    assert arahan.tindak_lanjut_set.get().opd == opd


@time_machine.travel(TODAY, tick=False)
def test_overdue_follow_up_has_a_badge_and_a_filter(client, verifikator):
    TindakLanjutFactory(uraian="Sudah lewat", batas_waktu=datetime.date(2025, 12, 1))
    TindakLanjutFactory(uraian="Masih ada waktu", batas_waktu=datetime.date(2026, 1, 31))
    client.force_login(verifikator)
    body = client.get(reverse("rakor:followup_list")).content.decode()
    assert body.count("Lewat batas waktu</span>") == 1
    overdue_only = client.get(reverse("rakor:followup_list"), {"terlambat": "true"})
    assert "Sudah lewat" in overdue_only.content.decode()
    assert "Masih ada waktu" not in overdue_only.content.decode()


def _meeting_with(n):
    rakor = RakorFactory()
    for _ in range(n):
        arahan = ArahanFactory(rakor=rakor)
        TindakLanjutFactory(arahan=arahan)
        TindakLanjutFactory(arahan=arahan)
    return rakor


@pytest.mark.parametrize("n", [1, 8])
def test_meeting_detail_queries_do_not_grow(client, verifikator, django_assert_num_queries, n):
    rakor = _meeting_with(n)
    client.force_login(verifikator)
    # session, user, rakor, arahan, their follow-ups (prefetch), invited OPDs, present OPDs,
    # briefing versions (the session is not written: renewed at most once a minute)
    with django_assert_num_queries(8):
        response = client.get(reverse("rakor:meeting_detail", args=[rakor.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 8])
def test_follow_up_list_queries_do_not_grow(client, verifikator, django_assert_num_queries, n):
    _meeting_with(n)
    client.force_login(verifikator)
    # session, user, OPDs of the filter's select, follow-ups with OPD and Rakor (the session
    # is not written: renewed at most once a minute)
    with django_assert_num_queries(4):
        assert client.get(reverse("rakor:followup_list")).status_code == 200


def test_meeting_list(client, pimpinan):
    rakor = _meeting_with(2)
    client.force_login(pimpinan)
    body = client.get(reverse("rakor:meeting_list")).content.decode()
    assert rakor.judul in body


def test_a_render_job_that_died_is_marked_failed(client, verifikator, settings):
    from django.utils import timezone

    from rakor.models import Briefing

    settings.RAKOR_BRIEF_TIMEOUT = 60
    rakor = RakorFactory()
    stuck = Briefing.objects.create(
        rakor=rakor,
        version=1,
        tahun=2025,
        bulan=11,
        issued_at=timezone.now() - datetime.timedelta(minutes=5),  # > 2 × 60 s
    )
    client.force_login(verifikator)
    body = client.get(reverse("rakor:meeting_detail", args=[rakor.pk])).content.decode()
    stuck.refresh_from_db()
    assert stuck.status == "gagal"
    assert "Penyusunan tidak selesai dalam batas waktu." in body
    assert 'http-equiv="refresh"' not in body
