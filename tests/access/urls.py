"""Every URL of the app, found from the resolver, with the arguments that point at OPD A's or
OPD B's objects of the access-matrix world."""

from django.urls import URLPattern, URLResolver, get_resolver


def all_url_names() -> list[str]:
    """The names of every URL the app serves, except the Django admin (it checks staff itself)."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def kwargs_for(name: str, w) -> dict[str, dict]:
    """{variant: kwargs}: "own" points at OPD A's object, "other" at OPD B's; "-" has no object."""
    report = {"tahun": 2025, "bulan": 10}
    by_name = {
        "realisasi:report": "report",
        "realisasi:report_submit": "report",
        "realisasi:report_verify": "report",
        "realisasi:report_return": "report",
        "realisasi:report_reopen": "report",
        "api:laporan": "report",
        "api:laporan_kirim": "report",
    }
    if by_name.get(name) == "report":
        return {
            "own": {"kode": w.opd_a.kode, **report},
            "other": {"kode": w.opd_b.kode, **report},
        }
    if name.startswith("realisasi:kinerja") and name != "realisasi:kinerja_home":
        quarter = {"tahun": 2025, "triwulan": 3}
        return {
            "own": {"kode": w.opd_a.kode, **quarter},
            "other": {"kode": w.opd_b.kode, **quarter},
        }
    if name == "reports:kinerja_e81":
        return {"own": {"kode": w.opd_a.kode}, "other": {"kode": w.opd_b.kode}}
    if name == "api:form_b":
        return {"own": {"kode": w.opd_a.kode}, "other": {"kode": w.opd_b.kode}}
    if name == "open:opd":
        return {"-": {"kode": w.opd_a.kode}}
    if name == "api_token_revoke":
        return {"-": {"pk": 1}}
    if name == "reports:opd":
        return {"own": {"kode": w.opd_a.kode}, "other": {"kode": w.opd_b.kode}}
    if name == "reports:line":
        return {"own": {"pk": w.line_a.pk}, "other": {"pk": w.line_b.pk}}
    if name == "rakor:followup_update":
        return {"own": {"pk": w.followup_a.pk}, "other": {"pk": w.followup_b.pk}}
    if name in ("rakor:meeting_detail", "rakor:meeting_edit"):
        return {"-": {"pk": w.rakor.pk}}
    if name == "rakor:arahan_create":
        return {"-": {"rakor_pk": w.rakor.pk}}
    if name == "rakor:arahan_edit":
        return {"-": {"rakor_pk": w.rakor.pk, "pk": w.arahan.pk}}
    if name in ("reports:briefing_preview", "reports:briefing_issue"):
        return {"-": {"rakor_pk": w.rakor.pk}}
    if name == "opd:notification_open":
        return {"own": {"pk": w.notification_a.pk}, "other": {"pk": w.notification_other.pk}}
    if name in ("reports:briefing_download", "reports:briefing_status"):
        return {"-": {"pk": w.briefing.pk}}
    if name.startswith("tugas:") and name != "tugas:job_list":
        return {"own": {"pk": w.job_a.pk}, "other": {"pk": w.job_b.pk}}
    if name == "realisasi:import_template":
        return {"-": {"jenis": "apbd", "fmt": "xlsx"}}
    if name == "realisasi:import_mapping":
        return {"-": {"jenis": "apbd"}}
    return {"-": {}}
