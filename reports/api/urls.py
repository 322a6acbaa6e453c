"""/api/v1/: the API's endpoints, its OpenAPI schema and its docs page (namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views, views_report

app_name = "api"

urlpatterns = [
    path("tahun/", views.FiscalYearList.as_view(), name="tahun"),
    path("opd/", views.OpdList.as_view(), name="opd"),
    path("opd/<str:kode>/form-b/", views.FormB.as_view(), name="form_b"),
    path("baris/", views.BudgetLineList.as_view(), name="baris"),
    path("ringkasan/", views.Summary.as_view(), name="ringkasan"),
    path("rekap/", views.Rekap.as_view(), name="rekap"),
    path("kurva-s/", views.Kurva.as_view(), name="kurva"),
    path("kepatuhan/", views.Compliance.as_view(), name="kepatuhan"),
    path("kendala/", views.Kendala.as_view(), name="kendala"),
    path("peringatan/", views.Peringatan.as_view(), name="peringatan"),
    path("kinerja/", views.Kinerja.as_view(), name="kinerja"),
    path(
        "laporan/<str:kode>/<int:tahun>/<int:bulan>/",
        views_report.Report.as_view(),
        name="laporan",
    ),
    path(
        "laporan/<str:kode>/<int:tahun>/<int:bulan>/kirim/",
        views_report.ReportSubmit.as_view(),
        name="laporan_kirim",
    ),
    path("schema/", SpectacularAPIView.as_view(api_version="1"), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="reports/api_docs.html"
        ),
        name="docs",
    ),
]
