"""The access matrix: every URL of the app, with every role, GET and POST.

A user of OPD A who asks for anything of OPD B's gets 404 or 403 and changes nothing; an
operator cannot verify; a pimpinan reads everything and changes nothing. A new URL that is not
in MATRIX fails `test_every_url_is_in_the_matrix`, so nobody adds a page without deciding who
may see it.

Codes, per role in ROLES order: O = served (200), N = answered with no content (204), R =
redirected within the app (302, not to the login), D = refused (403 or 404), L = sent to the
login page, M = method not allowed (405), U = unauthenticated API call (401). The API with
tokens has its own matrix (tests/access/test_api_access.py).
"""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.access.urls import all_url_names, kwargs_for

ROLES = ["anon", "operator_a", "pengelola_a", "verifikator", "pimpinan", "admin"]

# GET: (url name, variant) → codes for anon, operator_a, pengelola_a, verifikator, pimpinan, admin
MATRIX = {
    ("home", "-"): "LOOOOO",
    ("login", "-"): "ORRRRR",
    ("logout", "-"): "MMMMMM",
    ("password_change", "-"): "LOOOOO",
    ("password_change_done", "-"): "LOOOOO",
    ("rakor:meeting_list", "-"): "LOOOOO",
    ("rakor:meeting_detail", "-"): "LOOOOO",
    ("rakor:meeting_create", "-"): "LDDODO",
    ("rakor:meeting_edit", "-"): "LDDODO",
    ("rakor:arahan_create", "-"): "LDDODO",
    ("rakor:arahan_edit", "-"): "LDDODO",
    ("rakor:followup_list", "-"): "LOOOOO",
    ("rakor:followup_update", "own"): "LOOODO",
    ("rakor:followup_update", "other"): "LDDODO",
    ("realisasi:report_home", "-"): "LRROOO",
    ("realisasi:report", "own"): "LOOOOO",
    ("realisasi:report", "other"): "LDDOOO",
    # A GET (the way back from a login after an expired session) returns to the report page.
    ("realisasi:report_submit", "own"): "LRRRRR",
    ("realisasi:report_submit", "other"): "LDDRRR",
    ("realisasi:report_verify", "own"): "MMMMMM",
    ("realisasi:report_verify", "other"): "MMMMMM",
    ("realisasi:report_return", "own"): "MMMMMM",
    ("realisasi:report_return", "other"): "MMMMMM",
    ("realisasi:report_reopen", "own"): "MMMMMM",
    ("realisasi:report_reopen", "other"): "MMMMMM",
    ("realisasi:compliance", "-"): "LDDOOO",
    # Capaian kinerja (issue 19): OPD users land on their OPD's quarter, the others on the
    # Pemda's page; the quarter's actions are the monthly report's.
    ("realisasi:kinerja_home", "-"): "LRRRRR",
    ("realisasi:kinerja", "own"): "LOOOOO",
    ("realisasi:kinerja", "other"): "LDDOOO",
    ("realisasi:kinerja_submit", "own"): "LRRRRR",
    ("realisasi:kinerja_submit", "other"): "LDDRRR",
    ("realisasi:kinerja_verify", "own"): "MMMMMM",
    ("realisasi:kinerja_verify", "other"): "MMMMMM",
    ("realisasi:kinerja_return", "own"): "MMMMMM",
    ("realisasi:kinerja_return", "other"): "MMMMMM",
    ("realisasi:kinerja_reopen", "own"): "MMMMMM",
    ("realisasi:kinerja_reopen", "other"): "MMMMMM",
    ("reports:kinerja", "-"): "LOOOOO",
    ("reports:kinerja_e81", "own"): "LOOOOO",
    ("reports:kinerja_e81", "other"): "LDDOOO",
    ("realisasi:ping", "-"): "LNNNNN",
    ("realisasi:import_home", "-"): "LDDODO",
    ("realisasi:import_apbd", "-"): "LDDODO",
    ("realisasi:import_target", "-"): "LDDODO",
    ("realisasi:import_realisasi", "-"): "LDDODO",
    ("realisasi:import_indikator", "-"): "LDDODO",
    ("realisasi:import_indikator_realisasi", "-"): "LDDODO",
    ("realisasi:import_template", "-"): "LDDODO",
    ("realisasi:import_pengguna", "-"): "LDDDDO",
    # Without passwords in the session (none imported): back to the import page.
    ("realisasi:import_passwords", "-"): "LDDDDR",
    ("realisasi:import_mapping", "-"): "LDDODO",
    ("realisasi:setup", "-"): "LDDODO",
    ("realisasi:setup_open_year", "-"): "MMMMMM",
    ("realisasi:audit", "-"): "LDDODO",
    ("reports:summary", "-"): "LOOOOO",
    ("reports:rekap", "-"): "LOOOOO",
    ("reports:kurva", "-"): "LOOOOO",
    ("reports:kendala", "-"): "LOOOOO",
    ("reports:peringatan", "-"): "LOOOOO",
    ("reports:peringatan_block", "-"): "LOOOOO",
    ("reports:export_kepatuhan", "-"): "LDDOOO",
    ("reports:export_tindak_lanjut", "-"): "LOOOOO",
    ("reports:export_jejak_audit", "-"): "LDDODO",
    ("reports:opd", "own"): "LOOOOO",
    ("reports:opd", "other"): "LDDOOO",
    ("reports:line", "own"): "LOOOOO",
    ("reports:line", "other"): "LDDOOO",
    # the ad hoc briefing answers with its background job's page (opd.jobs)
    ("reports:briefing", "-"): "LDDRRR",
    ("reports:briefing_preview", "-"): "LDDOOO",
    ("reports:briefing_issue", "-"): "LMMMMM",
    ("reports:briefing_download", "-"): "LDDOOO",
    ("reports:briefing_status", "-"): "LDDOOO",
    # A background job (opd.jobs) is its user's alone: "own" is operator_a's finished export,
    # "other" one of OPD B's operator.
    # the list shows the user's own jobs only (every role has one)
    ("tugas:job_list", "-"): "LOOOOO",
    ("tugas:job", "own"): "LODDDD",
    ("tugas:job", "other"): "LDDDDD",
    ("tugas:job_status", "own"): "LODDDD",
    ("tugas:job_status", "other"): "LDDDDD",
    ("tugas:job_download", "own"): "LODDDD",
    ("tugas:job_download", "other"): "LDDDDD",
    ("opd:notification_list", "-"): "LOOOOO",
    ("opd:notification_settings", "-"): "LOOOOO",
    ("opd:notification_read_all", "-"): "LMMMMM",
    # "own": operator_a's notification, "other": pimpinan's (opened by POST only)
    ("opd:notification_open", "own"): "LMMMMM",
    ("opd:notification_open", "other"): "LMMMMM",
    ("api_tokens", "-"): "LOOOOO",
    ("api_token_revoke", "-"): "MMMMMM",
    ("api:tahun", "-"): "UOOOOO",
    ("api:opd", "-"): "UOOOOO",
    ("api:baris", "-"): "UOOOOO",
    ("api:ringkasan", "-"): "UOOOOO",
    ("api:rekap", "-"): "UOOOOO",
    ("api:kurva", "-"): "UOOOOO",
    ("api:kendala", "-"): "UOOOOO",
    ("api:peringatan", "-"): "UOOOOO",
    ("api:kinerja", "-"): "UOOOOO",
    ("api:kepatuhan", "-"): "UDDOOO",
    ("api:form_b", "own"): "UOOOOO",
    ("api:form_b", "other"): "UDDOOO",
    ("api:laporan", "own"): "UOOOOO",
    ("api:laporan", "other"): "UDDOOO",
    ("api:laporan_kirim", "own"): "UMMMMM",
    ("api:laporan_kirim", "other"): "UMMMMM",
    ("api:schema", "-"): "OOOOOO",
    ("api:docs", "-"): "OOOOOO",
    # Open data is off until the admin turns it on (tests/reports/test_open_data.py: then
    # served to everyone, anonymous included).
    ("open:home", "-"): "DDDDDD",
    ("open:opd", "-"): "DDDDDD",
    ("open:rekap_csv", "-"): "DDDDDD",
    ("open:rekap_json", "-"): "DDDDDD",
    # Province mode off (tests/reports/test_province.py: on, verifikator/pimpinan/admin).
    ("province", "-"): "LDDDDD",
}

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
    "rakor:followup_update": {"status": "selesai", "isi": "Sudah dikerjakan"},
    "rakor:arahan_create": {"nomor": 9, "isi": "Percepat lelang"},
    "realisasi:setup_open_year": {"tahun": 2031},
    "realisasi:import_mapping": {"nama": "Pemetaan saya", "kolom_kode_opd": "kode_skpd"},
}


def snapshot():
    """Every row of every model of the app, as comparable tuples (a login's own stamp aside)."""
    state = {}
    for label in ("opd", "realisasi", "rakor"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label == "opd.Job":
                continue  # a download asked for by GET (the ad hoc briefing) leaves its own job
            state[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items() if k != "last_login"))
                for row in model.objects.values()
            )
    return state


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
