"""Preparing a Rakor in minutes (issue 16): invite all OPDs or every OPD of a kind in one tick,
attendance only once the meeting is held, follow-ups not due before the meeting, and as many
follow-ups per arahan as needed."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from opd.choices import JenisOpd
from rakor.forms import new_meeting_defaults
from rakor.models import Rakor, TindakLanjut
from realisasi.models import FiscalYear
from tests.factories import ArahanFactory, FiscalYearFactory, OpdFactory, RakorFactory

pytestmark = pytest.mark.django_db

BEFORE_THE_MEETING = datetime.datetime(2025, 12, 1, 9, 0, tzinfo=datetime.UTC)
AFTER_THE_MEETING = datetime.datetime(2025, 12, 20, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def opds(db):
    return {
        "dinas": [OpdFactory(jenis=JenisOpd.DINAS) for _ in range(2)],
        "kecamatan": [OpdFactory(jenis=JenisOpd.KECAMATAN) for _ in range(3)],
    }


def _meeting_data(year, **extra):
    data = {
        "jenis": "pok",
        "fiscal_year": year.pk,
        "triwulan": 4,
        "bulan_data": 11,
        "tanggal": "2025-12-16",
        "tempat": "Pendopo",
    }
    data.update(extra)
    return data


@time_machine.travel(BEFORE_THE_MEETING)
def test_invite_every_opd_of_a_kind_in_one_tick(client, verifikator, year, opds):
    client.force_login(verifikator)
    data = _meeting_data(year, undang_jenis=["kecamatan"], opd_diundang=[opds["dinas"][0].pk])
    response = client.post(reverse("rakor:meeting_create"), data)
    assert response.status_code == 302
    rakor = Rakor.objects.get()
    # the three kecamatan and the one dinas ticked by hand
    assert set(rakor.opd_diundang.all()) == {*opds["kecamatan"], opds["dinas"][0]}


@time_machine.travel(BEFORE_THE_MEETING)
def test_invite_all_and_attendance_is_refused_before_the_meeting(client, verifikator, year, opds):
    client.force_login(verifikator)
    data = _meeting_data(year, undang_semua="on", hadir_semua="on")
    response = client.post(reverse("rakor:meeting_create"), data)
    assert response.status_code == 200
    assert "Kehadiran dicatat setelah rapat berlangsung; rapat ini baru pada 16 Desember 2025" in (
        response.content.decode()
    )
    assert not Rakor.objects.exists()
    response = client.post(reverse("rakor:meeting_create"), _meeting_data(year, undang_semua="on"))
    assert response.status_code == 302
    assert Rakor.objects.get().opd_diundang.count() == 5


@time_machine.travel(BEFORE_THE_MEETING)
def test_a_meeting_not_yet_held_lists_invited_not_absent(client, verifikator, year, opds):
    rakor = RakorFactory(fiscal_year=year, tanggal=datetime.date(2025, 12, 16))
    rakor.opd_diundang.set(opds["kecamatan"])
    client.force_login(verifikator)
    body = client.get(reverse("rakor:meeting_detail", args=[rakor.pk])).content.decode()
    assert "3 OPD diundang. Kehadiran dicatat setelah rapat berlangsung." in body
    assert "tidak hadir" not in body


@time_machine.travel(AFTER_THE_MEETING)
def test_all_invited_present_in_one_tick_once_held(client, verifikator, year, opds):
    rakor = RakorFactory(fiscal_year=year, tanggal=datetime.date(2025, 12, 16))
    client.force_login(verifikator)
    data = _meeting_data(
        year, tanggal="2025-12-16", opd_diundang=[o.pk for o in opds["kecamatan"]], hadir_semua="on"
    )
    response = client.post(reverse("rakor:meeting_edit", args=[rakor.pk]), data)
    assert response.status_code == 302
    assert set(rakor.opd_hadir.all()) == set(opds["kecamatan"])
    body = client.get(reverse("rakor:meeting_detail", args=[rakor.pk])).content.decode()
    assert "3 dari 3 OPD yang diundang hadir." in body and "tidak hadir" not in body


@time_machine.travel(AFTER_THE_MEETING)
def test_a_held_meeting_names_the_absent_opds_first(client, verifikator, year, opds):
    rakor = RakorFactory(fiscal_year=year, tanggal=datetime.date(2025, 12, 16))
    kecamatan = opds["kecamatan"]
    rakor.opd_diundang.set(kecamatan)
    rakor.opd_hadir.set(kecamatan[:2])
    client.force_login(verifikator)
    body = client.get(reverse("rakor:meeting_detail", args=[rakor.pk])).content.decode()
    assert "2 dari 3 OPD yang diundang hadir." in body
    absent = body.split('id="opd-tidak-hadir"')[1].split("</ul>")[0]
    present = body.split('id="opd-hadir"')[1].split("</ul>")[0]
    assert "Tidak hadir (1 OPD)" in body and kecamatan[2].nama in absent
    assert all(opd.nama not in absent and opd.nama in present for opd in kecamatan[:2])
    assert body.index("Tidak hadir (1 OPD)") < body.index("Hadir (2 OPD)")


@pytest.mark.parametrize(
    ("today", "tahun", "bulan", "triwulan"),
    [
        # the domain's TW IV Rakor: in December, figures "hingga akhir November"
        (datetime.date(2025, 12, 3), 2025, 11, 4),
        (datetime.date(2025, 10, 14), 2025, 9, 3),
        # in January the last complete month is the previous year's December
        (datetime.date(2026, 1, 8), 2025, 12, 4),
        # past the last fiscal year loaded: that year's last month (no realization: December)
        (datetime.date(2027, 2, 10), 2026, 12, 4),
    ],
)
def test_a_new_meeting_starts_at_the_last_complete_month(today, tahun, bulan, triwulan, year):
    FiscalYearFactory(tahun=2026)
    defaults = new_meeting_defaults(today)
    assert defaults["bulan_data"] == bulan and defaults["triwulan"] == triwulan
    assert defaults["fiscal_year"] == FiscalYear.objects.get(tahun=tahun).pk
    assert defaults["jenis"] == "pok" and defaults["undang_semua"] is True


@time_machine.travel(BEFORE_THE_MEETING)
def test_the_new_meeting_form_invites_all_and_folds_attendance(client, verifikator, year, opds):
    client.force_login(verifikator)
    body = client.get(reverse("rakor:meeting_create")).content.decode()
    assert '<option value="11" selected>November</option>' in body
    assert re.search(r'name="undang_semua"[^>]*checked', body)
    # nothing to pick by hand nor to record yet: both lists fold under their summaries
    assert '<details class="opd-pick">\n      <summary>Pilih OPD satu per satu' in body
    assert '<details class="opd-pick">\n      <summary>Dicatat setelah rapat berlangsung' in body


@time_machine.travel(AFTER_THE_MEETING)
def test_a_held_meeting_s_form_opens_its_attendance_and_partial_invitation(
    client, verifikator, year, opds
):
    rakor = RakorFactory(fiscal_year=year, tanggal=datetime.date(2025, 12, 16))
    rakor.opd_diundang.set(opds["kecamatan"])  # three of the five OPDs
    client.force_login(verifikator)
    body = client.get(reverse("rakor:meeting_edit", args=[rakor.pk])).content.decode()
    assert '<details class="opd-pick" open>\n      <summary>Pilih OPD satu per satu' in body
    assert '<details class="opd-pick" open>\n      <summary>OPD yang hadir' in body
    assert not re.search(r'name="undang_semua"[^>]*checked', body)


def _followup_rows(rows, start=0):
    data = {
        "tl-TOTAL_FORMS": str(len(rows)),
        "tl-INITIAL_FORMS": str(start),
        "tl-MIN_NUM_FORMS": "0",
        "tl-MAX_NUM_FORMS": "1000",
    }
    for n, (opd, batas) in enumerate(rows):
        data.update(
            {
                f"tl-{n}-opd": opd.pk,
                f"tl-{n}-uraian": f"Tindak lanjut {n + 1}",
                f"tl-{n}-batas_waktu": batas,
                f"tl-{n}-status": "belum",
            }
        )
    return data


def test_a_due_date_before_the_meeting_is_refused(client, verifikator, opds):
    rakor = RakorFactory(tanggal=datetime.date(2025, 12, 16))
    client.force_login(verifikator)
    data = {"nomor": 1, "isi": "Percepat lelang"}
    data.update(_followup_rows([(opds["dinas"][0], "2025-12-10")]))
    response = client.post(reverse("rakor:arahan_create", args=[rakor.pk]), data)
    assert response.status_code == 200
    assert "Batas waktu 10 Desember 2025 sebelum tanggal rapat 16 Desember 2025." in (
        response.content.decode()
    )
    assert not TindakLanjut.objects.exists()


def test_any_number_of_follow_ups_per_arahan(client, verifikator, opds):
    rakor = RakorFactory(tanggal=datetime.date(2025, 12, 16))
    client.force_login(verifikator)
    url = reverse("rakor:arahan_create", args=[rakor.pk])
    # seven blank rows on request
    assert 'name="tl-TOTAL_FORMS" value="7"' in client.get(url + "?baris=7").content.decode()
    every_opd = [*opds["dinas"], *opds["kecamatan"]]
    data = {"nomor": 1, "isi": "Percepat lelang", "tambah": "1"}
    data.update(_followup_rows([(opd, "2025-12-31") for opd in every_opd]))
    response = client.post(url, data)
    arahan = rakor.arahan_set.get()
    # saved all five, and back on the arahan with five blank rows for more
    assert arahan.tindak_lanjut_set.count() == 5
    assert response.url == reverse("rakor:arahan_edit", args=[rakor.pk, arahan.pk]) + "?baris=5"
    page = client.get(response.url).content.decode()
    assert 'name="tl-TOTAL_FORMS" value="10"' in page  # 5 saved + 5 blank


def test_editing_an_arahan_keeps_its_follow_ups_checked_against_its_meeting(client, verifikator):
    arahan = ArahanFactory(rakor=RakorFactory(tanggal=datetime.date(2025, 12, 16)))
    client.force_login(verifikator)
    response = client.get(reverse("rakor:arahan_edit", args=[arahan.rakor_id, arahan.pk]))
    assert response.status_code == 200
    assert "Batas waktu tidak boleh sebelum tanggal rapat (16 Desember 2025)." in (
        response.content.decode()
    )
