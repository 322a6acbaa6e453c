"""Writing an OPD's month through the API: the workflow's one door, as the form.

The same rows and audit events as the form, the same Indonesian messages per line, a stale
version refused with 409, the token named on every write, and another OPD out of reach.
"""

import pytest

from opd.choices import Role
from rakor.tokens import ApiWrite
from realisasi.choices import StatusLaporan
from realisasi.models import AuditEvent, MonthlyReport, Realisasi
from tests.factories import OpdFactory, UserFactory
from tests.realisasi.report_helpers import BULAN, TAHUN, fill, grid, make_lines, url
from tests.reports.api_helpers import token_client

pytestmark = pytest.mark.django_db
API = f"/api/v1/laporan/{{kode}}/{TAHUN}/{BULAN}/"


def api_url(opd, submit=False):
    return API.format(kode=opd.kode) + ("kirim/" if submit else "")


def rows_of(opd):
    return sorted(
        Realisasi.objects.filter(line__opd=opd, bulan=BULAN).values_list(
            "line__sub_kegiatan__nama",
            "realisasi_keuangan",
            "realisasi_fisik",
            "kendala",
            "solusi",
            "sumber",
        )
    )


def events_of(opd):
    return sorted(
        AuditEvent.objects.filter(opd=opd).values_list(
            "field", "old_value", "new_value", "sumber", "tahun", "bulan"
        )
    )


@pytest.fixture
def two_opds(year):
    """Two OPDs alike: one written through the form, the other through the API."""
    made = {}
    for kode, name in (("1.01", "form"), ("1.02", "api")):
        opd = OpdFactory(kode=kode, nama=f"Dinas {name}")
        user = UserFactory(username=f"op-{name}", role=Role.OPERATOR, opd=opd)
        made[name] = (opd, user, make_lines(opd, year, 2))
    # the same sub-kegiatan names, so the rows compare
    for (_, _, form_lines), (_, _, api_lines) in [(made["form"], made["api"])]:
        for a, b in zip(form_lines, api_lines, strict=True):
            b.sub_kegiatan.nama = a.sub_kegiatan.nama
            b.sub_kegiatan.save()
    return made


def test_api_and_form_leave_identical_rows_and_audit_events(two_opds, client):
    opd_f, user_f, lines_f = two_opds["form"]
    opd_a, user_a, lines_a = two_opds["api"]
    client.force_login(user_f)
    values = fill(lines_f, keu="500.000", fisik="50", kendala="")
    values[f"l{lines_f[1].pk}"] = ("100.000", "10", "Lelang ulang")
    assert client.post(url("report", opd_f), grid(lines_f, **values)).status_code == 302
    submitted = client.post(url("report_submit", opd_f), grid(lines_f, version=1, **values))
    assert submitted.status_code == 302

    api = token_client(user_a, "SIMDA")
    body = {
        "versi": 0,
        "baris": [
            {"id": lines_a[0].pk, "realisasi_keuangan": "500.000", "realisasi_fisik": "50"},
            {
                "id": lines_a[1].pk,
                "realisasi_keuangan": 100000,
                "realisasi_fisik": 10,
                "kendala": "Lelang ulang",
            },
        ],
    }
    saved = api.put(api_url(opd_a), body, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["versi"] == 1 and saved.json()["status"] == "draf"
    sent = api.post(api_url(opd_a, submit=True), {"versi": 1}, format="json")
    assert sent.status_code == 200 and sent.json()["status"] == "terkirim"

    assert rows_of(opd_a) == rows_of(opd_f)
    assert events_of(opd_a) == events_of(opd_f)
    report = MonthlyReport.objects.get(opd=opd_a)
    assert report.status == StatusLaporan.TERKIRIM and report.submitted_by == user_a
    # every write names its token, with the audit events it left
    writes = ApiWrite.objects.filter(report=report).order_by("at", "pk")
    assert [(w.aksi, w.token_nama) for w in writes] == [("simpan", "SIMDA"), ("kirim", "SIMDA")]
    linked = sum(write.events.count() for write in writes)
    assert linked == AuditEvent.objects.filter(report=report).count()


def test_a_stale_version_is_refused_with_409(two_opds):
    opd, user, lines = two_opds["api"]
    api = token_client(user)
    body = {
        "versi": 0,
        "baris": [{"id": lines[0].pk, "realisasi_keuangan": 1, "realisasi_fisik": 1}],
    }
    assert api.put(api_url(opd), body, format="json").status_code == 200
    body["baris"][0]["realisasi_keuangan"] = 2
    stale = api.put(api_url(opd), body, format="json")
    assert stale.status_code == 409
    assert stale.json()["versi"] == 1
    assert "telah diubah oleh" in stale.json()["detail"]
    assert Realisasi.objects.get(line=lines[0], bulan=BULAN).realisasi_keuangan == 1
    refused = api.post(api_url(opd, submit=True), {"versi": 0}, format="json")
    assert refused.status_code == 409


def test_the_form_s_rules_and_messages_per_line(two_opds):
    opd, user, lines = two_opds["api"]
    api = token_client(user)
    body = {
        "versi": 0,
        "baris": [
            {"id": lines[0].pk, "realisasi_keuangan": "2.000.000", "realisasi_fisik": "50"},
            {"id": lines[1].pk, "realisasi_keuangan": "100", "realisasi_fisik": "120"},
        ],
    }
    answer = api.put(api_url(opd), body, format="json")
    assert answer.status_code == 400
    errors = answer.json()["baris"]
    assert errors[str(lines[0].pk)] == {
        "realisasi_keuangan": "Realisasi keuangan Rp2.000.000 melebihi pagu Rp1.000.000."
    }
    assert errors[str(lines[1].pk)] == {
        "realisasi_fisik": "Realisasi fisik harus antara 0 dan 100 persen."
    }
    unreadable = api.put(
        api_url(opd),
        {"versi": 0, "baris": [{"id": lines[0].pk, "realisasi_keuangan": "1.5000"}]},
        format="json",
    )
    assert unreadable.status_code == 400
    assert unreadable.json()["baris"] == {
        # the number reader's own message, as on the form
        str(lines[0].pk): {"realisasi_keuangan": "'1.5000' bukan angka Rupiah"}
    }
    assert not Realisasi.objects.exists() and not MonthlyReport.objects.exists()
    # submitting an incomplete month names the lines, as the form does
    incomplete = api.post(api_url(opd, submit=True), {"versi": 0}, format="json")
    assert incomplete.status_code == 400
    assert incomplete.json()["detail"] == "Belum ada realisasi yang disimpan untuk bulan ini."


def test_an_operator_token_cannot_read_or_write_another_opd(two_opds):
    opd_f, _, lines_f = two_opds["form"]
    _, user_a, _ = two_opds["api"]
    api = token_client(user_a)
    assert api.get(api_url(opd_f)).status_code == 404
    body = {
        "versi": 0,
        "baris": [{"id": lines_f[0].pk, "realisasi_keuangan": 1, "realisasi_fisik": 1}],
    }
    assert api.put(api_url(opd_f), body, format="json").status_code == 404
    assert api.post(api_url(opd_f, submit=True), {"versi": 0}, format="json").status_code == 404
    # nor a line of another OPD slipped into its own report
    own = api_url(two_opds["api"][0])
    assert api.put(own, body, format="json").status_code == 403
    assert not Realisasi.objects.exists()
