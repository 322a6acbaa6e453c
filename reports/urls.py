"""URLs of the reports app: the dashboards, exports and the Rakor briefing (namespace
"reports", under /dasbor/), and the open data without a login (`open_patterns`, namespace
"open", under /data-terbuka/: served only while the admin turned it on). The API has its own
package, reports/api/."""

from django.urls import path

from .views import briefing, dashboard, export, kinerja, open_data, peringatan

app_name = "reports"

urlpatterns = [
    # The dashboards.
    path("", dashboard.summary, name="summary"),
    path("rekap/", dashboard.RekapView.as_view(), name="rekap"),
    path("opd/<str:kode>/", dashboard.opd_detail, name="opd"),
    path("baris/<int:pk>/kurva/", dashboard.line_kurva, name="line"),
    path("kurva/", dashboard.kurva, name="kurva"),
    path("kendala/", dashboard.kendala, name="kendala"),
    path("peringatan/", peringatan.peringatan, name="peringatan"),
    path("peringatan/ringkas/", peringatan.peringatan_block, name="peringatan_block"),
    path("kinerja/", kinerja.kinerja, name="kinerja"),
    path("kinerja/<str:kode>/e81.xlsx", kinerja.kinerja_e81, name="kinerja_e81"),
    path("ekspor/kepatuhan/", export.kepatuhan, name="export_kepatuhan"),
    path("ekspor/tindak-lanjut/", export.tindak_lanjut, name="export_tindak_lanjut"),
    path("ekspor/jejak-audit/", export.jejak_audit, name="export_jejak_audit"),
    # The Rakor briefing: ad hoc download, preview, issue, download of a version.
    path("bahan-rakor/", briefing.briefing, name="briefing"),
    path(
        "bahan-rakor/rakor/<int:rakor_pk>/pratinjau/",
        briefing.briefing_preview,
        name="briefing_preview",
    ),
    path(
        "bahan-rakor/rakor/<int:rakor_pk>/terbitkan/",
        briefing.briefing_issue,
        name="briefing_issue",
    ),
    path("bahan-rakor/<int:pk>/unduh/", briefing.briefing_download, name="briefing_download"),
    path("bahan-rakor/<int:pk>/status/", briefing.briefing_status, name="briefing_status"),
]

open_patterns = [
    path("", open_data.home, name="home"),
    path("opd/<str:kode>/", open_data.opd, name="opd"),
    path("rekap.csv", open_data.rekap, {"fmt": "csv"}, name="rekap_csv"),
    path("rekap.json", open_data.rekap, {"fmt": "json"}, name="rekap_json"),
]
