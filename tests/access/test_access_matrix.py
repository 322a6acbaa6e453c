"""The access matrix: every URL of the app, with every role, GET and POST.

A user of OPD A who asks for anything of OPD B's gets 404 or 403 and changes nothing; an
operator cannot verify; a pimpinan reads everything and changes nothing. A new URL that is not
in MATRIX (tests/access/matrix.py) fails `test_every_url_is_in_the_matrix`, so nobody adds a
page without deciding who may see it.

Codes, per role in ROLES order: O = served (200), N = answered with no content (204), R =
redirected within the app (302, not to the login), D = refused (403 or 404), L = sent to the
login page, M = method not allowed (405), U = unauthenticated API call (401). The API with
tokens has its own matrix (tests/access/test_api_access.py).
"""

import pytest
from django.urls import reverse

from tests.access.matrix import MATRIX, ROLES, snapshot
from tests.access.urls import all_url_names, kwargs_for

# POST by a role that may not do it: refused, and nothing in the database changes.
# (url name, variant) → the roles refused. Anonymous posts are always sent to the login.
POST_REFUSED = {
    ("realisasi:report", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:report", "own"): ["pimpinan"],
    ("realisasi:report_submit", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:report_submit", "own"): ["pengelola_a", "pimpinan"],
    ("realisasi:report_verify", "own"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:report_verify", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:report_return", "own"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:report_return", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:report_reopen", "own"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:report_reopen", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja", "own"): ["pimpinan"],
    ("realisasi:kinerja_submit", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja_submit", "own"): ["pengelola_a", "pimpinan"],
    ("realisasi:kinerja_verify", "own"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja_verify", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja_return", "own"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja_return", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja_reopen", "own"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:kinerja_reopen", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:import_apbd", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:import_target", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:import_realisasi", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:import_indikator", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:import_indikator_realisasi", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:import_pengguna", "-"): ["operator_a", "pengelola_a", "verifikator", "pimpinan"],
    ("realisasi:import_mapping", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("realisasi:setup_open_year", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("rakor:meeting_create", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("rakor:meeting_edit", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("rakor:arahan_create", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("rakor:arahan_edit", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("rakor:followup_update", "own"): ["pimpinan"],
    ("rakor:followup_update", "other"): ["operator_a", "pengelola_a", "pimpinan"],
    ("reports:briefing_issue", "-"): ["operator_a", "pengelola_a", "pimpinan"],
    ("opd:notification_open", "own"): ["pengelola_a", "verifikator", "pimpinan", "admin"],
    ("opd:notification_open", "other"): ["operator_a", "pengelola_a", "verifikator", "admin"],
}

# A POST body that would be accepted from a permitted user, so a refusal is the permission's.
POST_DATA = {
    "realisasi:report_return": {"catatan": "Perbaiki", "catatan_verifikator": "Perbaiki"},
    "realisasi:report_reopen": {"alasan": "Koreksi", "catatan": "Koreksi"},
    "realisasi:kinerja_return": {"catatan": "Perbaiki"},
    "realisasi:kinerja_reopen": {"catatan": "Koreksi"},
    "rakor:followup_update": {"status": "selesai", "catatan": "Sudah dikerjakan"},
    "rakor:arahan_create": {"nomor": 9, "isi": "Percepat lelang"},
    "realisasi:setup_open_year": {"tahun": 2031},
    "realisasi:import_mapping": {"nama": "Pemetaan saya", "kolom_kode_opd": "kode_skpd"},
}


def login_as(client, world, role):
    client.logout()
    if role != "anon":
        client.force_login(world.users[role])


def classify(response) -> str:
    if response.status_code == 200:
        return "O"
    if response.status_code == 204:
        return "N"
    if response.status_code in (403, 404):
        return "D"
    if response.status_code == 405:
        return "M"
    if response.status_code == 401:
        return "U"
    if response.status_code == 302:
        return "L" if response["Location"].startswith(reverse("login")) else "R"
    return f"<{response.status_code}>"


def test_every_url_is_in_the_matrix(db, world):
    names = all_url_names()
    listed = {name for name, _ in MATRIX}
    assert sorted(set(names) - listed) == [], "URLs without a decision on who may see them"
    assert sorted(listed - set(names)) == [], "matrix rows for URLs that no longer exist"
    for name in names:
        for variant in kwargs_for(name, world):
            assert (name, variant) in MATRIX, (name, variant)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(role, world, client, settings):
    index = ROLES.index(role)
    before = snapshot()
    got, expected = {}, {}
    for (name, variant), codes in MATRIX.items():
        kwargs = kwargs_for(name, world)[variant]
        login_as(client, world, role)
        got[(name, variant)] = classify(client.get(reverse(name, kwargs=kwargs)))
        expected[(name, variant)] = codes[index]
    assert got == expected
    # Reading changes nothing.
    assert snapshot() == before


@pytest.mark.parametrize(("name", "variant"), sorted(POST_REFUSED))
def test_refused_posts_change_nothing(name, variant, world, client):
    kwargs = kwargs_for(name, world)[variant]
    url = reverse(name, kwargs=kwargs)
    data = POST_DATA.get(name, {})
    before = snapshot()
    login_as(client, world, "anon")
    response = client.post(url, data)
    assert classify(response) == "L", "anonymous POST"
    for role in POST_REFUSED[(name, variant)]:
        login_as(client, world, role)
        response = client.post(url, data)
        assert classify(response) == "D", (role, response.status_code)
    assert snapshot() == before


def test_the_operator_of_a_may_post_what_the_matrix_refuses_to_b(world, client):
    """The refusals above are permissions, not broken forms: the same POST on OPD A's own
    report is accepted for its operator."""
    login_as(client, world, "operator_a")
    response = client.post(
        reverse("realisasi:report_submit", kwargs=kwargs_for("realisasi:report", world)["own"])
    )
    assert classify(response) in ("O", "R")


@pytest.mark.parametrize("role", ROLES)
def test_no_response_may_be_stored(role, world, client, settings):
    """Issue 13, finding 7: a shared PC showed the data after logout from the browser's cache.
    Every URL of the matrix, for every role (the login page and redirects included), answers
    with `Cache-Control: no-store`; so do the exports and an issued briefing's PDF."""
    missing = []
    for name, variant in MATRIX:
        kwargs = kwargs_for(name, world)[variant]
        login_as(client, world, role)
        response = client.get(reverse(name, kwargs=kwargs))
        if "no-store" not in response.get("Cache-Control", ""):
            missing.append((name, variant, response.status_code))
    for export in ("csv", "xlsx"):
        login_as(client, world, role)
        response = client.get(reverse("reports:rekap"), {"_export": export})
        if "no-store" not in response.get("Cache-Control", ""):
            missing.append(("reports:rekap", export, response.status_code))
    assert missing == []
