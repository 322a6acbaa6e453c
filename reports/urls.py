"""URLs of the reports app: the dashboards, exports and the Rakor briefing (namespace
"reports", under /dasbor/), and the open data without a login (`open_patterns`, namespace
"open", under /data-terbuka/: served only while the admin turned it on). The API has its own
package, reports/api/."""

from django.urls import path

from . import views, views_briefing, views_export, views_kinerja, views_open, views_peringatan

app_name = "reports"

urlpatterns = [
    # The dashboards.
    path("", views.summary, name="summary"),
    path("rekap/", views.RekapView.as_view(), name="rekap"),
    path("opd/<str:kode>/", views.opd_detail, name="opd"),
    path("baris/<int:pk>/kurva/", views.line_kurva, name="line"),
    path("kurva/", views.kurva, name="kurva"),
    path("kendala/", views.kendala, name="kendala"),
    path("peringatan/", views_peringatan.peringatan, name="peringatan"),
    path("peringatan/ringkas/", views_peringatan.peringatan_block, name="peringatan_block"),
    path("kinerja/", views_kinerja.kinerja, name="kinerja"),
    path("kinerja/<str:kode>/e81.xlsx", views_kinerja.kinerja_e81, name="kinerja_e81"),
    path("ekspor/kepatuhan/", views_export.kepatuhan, name="export_kepatuhan"),
    path("ekspor/tindak-lanjut/", views_export.tindak_lanjut, name="export_tindak_lanjut"),
    path("ekspor/jejak-audit/", views_export.jejak_audit, name="export_jejak_audit"),
    # The Rakor briefing: ad hoc download, preview, issue, download of a version.
    path("bahan-rakor/", views_briefing.briefing, name="briefing"),
    path(
        "bahan-rakor/rakor/<int:rakor_pk>/pratinjau/",
        views_briefing.briefing_preview,
        name="briefing_preview",
    ),
    path(
        "bahan-rakor/rakor/<int:rakor_pk>/terbitkan/",
        views_briefing.briefing_issue,
        name="briefing_issue",
    ),
    path("bahan-rakor/<int:pk>/unduh/", views_briefing.briefing_download, name="briefing_download"),
    path("bahan-rakor/<int:pk>/status/", views_briefing.briefing_status, name="briefing_status"),
]

open_patterns = [
    path("", views_open.home, name="home"),
    path("opd/<str:kode>/", views_open.opd, name="opd"),
    path("rekap.csv", views_open.rekap, {"fmt": "csv"}, name="rekap_csv"),
    path("rekap.json", views_open.rekap, {"fmt": "json"}, name="rekap_json"),
]
