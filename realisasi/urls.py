"""URLs of the realisasi app (namespace "realisasi", under /laporan/): the monthly report and
compliance, the quarterly performance report, the imports, the audit trail and the set-up."""

from django.urls import path

from . import views_audit, views_import, views_kinerja, views_report, views_setup

app_name = "realisasi"

REPORT = "bulanan/<str:kode>/<int:tahun>/<int:bulan>/"
KINERJA = "kinerja/<str:kode>/<int:tahun>/<int:triwulan>/"

urlpatterns = [
    # The monthly report and compliance (views_report.py).
    path("bulanan/", views_report.report_home, name="report_home"),
    path(REPORT, views_report.report, name="report"),
    path(f"{REPORT}kirim/", views_report.report_submit, name="report_submit"),
    path(f"{REPORT}verifikasi/", views_report.report_verify, name="report_verify"),
    path(f"{REPORT}kembalikan/", views_report.report_return, name="report_return"),
    path(f"{REPORT}buka/", views_report.report_reopen, name="report_reopen"),
    path("kepatuhan/", views_report.compliance, name="compliance"),
    path("ping/", views_report.ping, name="ping"),
    # The quarterly performance report (views_kinerja.py).
    path("kinerja/", views_kinerja.kinerja_home, name="kinerja_home"),
    path(KINERJA, views_kinerja.kinerja, name="kinerja"),
    path(f"{KINERJA}kirim/", views_kinerja.kinerja_submit, name="kinerja_submit"),
    path(f"{KINERJA}verifikasi/", views_kinerja.kinerja_verify, name="kinerja_verify"),
    path(f"{KINERJA}kembalikan/", views_kinerja.kinerja_return, name="kinerja_return"),
    path(f"{KINERJA}buka/", views_kinerja.kinerja_reopen, name="kinerja_reopen"),
    # The imports (views_import.py).
    path("impor/", views_import.import_home, name="import_home"),
    path("impor/apbd/", views_import.import_upload, {"jenis": "apbd"}, name="import_apbd"),
    path("impor/target/", views_import.import_upload, {"jenis": "target"}, name="import_target"),
    path(
        "impor/realisasi/",
        views_import.import_upload,
        {"jenis": "realisasi"},
        name="import_realisasi",
    ),
    path(
        "impor/indikator/",
        views_import.import_upload,
        {"jenis": "indikator"},
        name="import_indikator",
    ),
    path(
        "impor/indikator-realisasi/",
        views_import.import_upload,
        {"jenis": "indikator_realisasi"},
        name="import_indikator_realisasi",
    ),
    path(
        "impor/pengguna/", views_import.import_upload, {"jenis": "pengguna"}, name="import_pengguna"
    ),
    path(
        "impor/pengguna/kata-sandi-sekali-pakai.csv",
        views_import.import_passwords,
        name="import_passwords",
    ),
    path("impor/<slug:jenis>/pemetaan/", views_import.import_mapping, name="import_mapping"),
    path(
        "impor/<slug:jenis>/template.<slug:fmt>",
        views_import.import_template,
        name="import_template",
    ),
    # The audit trail (views_audit.py) and the set-up of a year (views_setup.py).
    path("audit/", views_audit.AuditEventListView.as_view(), name="audit"),
    path("persiapan/", views_setup.setup, name="setup"),
    path("persiapan/buka-tahun/", views_setup.setup_open_year, name="setup_open_year"),
]
