"""Dashboard URLs of the reports app (namespace "reports")."""

from django.urls import path

from . import views, views_export, views_kinerja, views_peringatan

urlpatterns = [
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
]
