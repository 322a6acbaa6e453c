"""URLs of the realisasi app (namespace "realisasi", under /laporan/): the monthly report and
compliance, the quarterly performance report, the imports, the audit trail and the set-up."""

from django.urls import path

from .views import audit, imports, kinerja, report, setup

app_name = "realisasi"

REPORT = "bulanan/<str:kode>/<int:tahun>/<int:bulan>/"
KINERJA = "kinerja/<str:kode>/<int:tahun>/<int:triwulan>/"

urlpatterns = [
    # The monthly report and compliance (report.py).
    path("bulanan/", report.report_home, name="report_home"),
    path(REPORT, report.report, name="report"),
    path(f"{REPORT}kirim/", report.report_submit, name="report_submit"),
    path(f"{REPORT}verifikasi/", report.report_verify, name="report_verify"),
    path(f"{REPORT}kembalikan/", report.report_return, name="report_return"),
    path(f"{REPORT}buka/", report.report_reopen, name="report_reopen"),
    path("kepatuhan/", report.compliance, name="compliance"),
    path("ping/", report.ping, name="ping"),
    # The quarterly performance report (kinerja.py).
    path("kinerja/", kinerja.kinerja_home, name="kinerja_home"),
    path(KINERJA, kinerja.kinerja, name="kinerja"),
    path(f"{KINERJA}kirim/", kinerja.kinerja_submit, name="kinerja_submit"),
    path(f"{KINERJA}verifikasi/", kinerja.kinerja_verify, name="kinerja_verify"),
    path(f"{KINERJA}kembalikan/", kinerja.kinerja_return, name="kinerja_return"),
    path(f"{KINERJA}buka/", kinerja.kinerja_reopen, name="kinerja_reopen"),
    # The imports (imports.py).
    path("impor/", imports.import_home, name="import_home"),
    path("impor/apbd/", imports.import_upload, {"jenis": "apbd"}, name="import_apbd"),
    path("impor/target/", imports.import_upload, {"jenis": "target"}, name="import_target"),
    path(
        "impor/realisasi/",
        imports.import_upload,
        {"jenis": "realisasi"},
        name="import_realisasi",
    ),
    path(
        "impor/indikator/",
        imports.import_upload,
        {"jenis": "indikator"},
        name="import_indikator",
    ),
    path(
        "impor/indikator-realisasi/",
        imports.import_upload,
        {"jenis": "indikator_realisasi"},
        name="import_indikator_realisasi",
    ),
    path("impor/pengguna/", imports.import_upload, {"jenis": "pengguna"}, name="import_pengguna"),
    path(
        "impor/pengguna/kata-sandi-sekali-pakai.csv",
        imports.import_passwords,
        name="import_passwords",
    ),
    path("impor/<slug:jenis>/pemetaan/", imports.import_mapping, name="import_mapping"),
    path(
        "impor/<slug:jenis>/template.<slug:fmt>",
        imports.import_template,
        name="import_template",
    ),
    # The audit trail (audit.py) and the set-up of a year (setup.py).
    path("audit/", audit.AuditEventListView.as_view(), name="audit"),
    path("persiapan/", setup.setup, name="setup"),
    path("persiapan/buka-tahun/", setup.setup_open_year, name="setup_open_year"),
]
