"""The expected answer of every URL to every role (the access matrix, read by
test_access_matrix.py and by the browser's page checks) and a snapshot of the database to show
that a refused request changed nothing (also read by test_api_access.py)."""

from django.apps import apps

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
