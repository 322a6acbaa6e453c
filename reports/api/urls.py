"""/api/v1/: the API's endpoints, its OpenAPI schema and its docs page (namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import figures, report

app_name = "api"

urlpatterns = [
    path("tahun/", figures.FiscalYearList.as_view(), name="tahun"),
    path("opd/", figures.OpdList.as_view(), name="opd"),
    path("opd/<str:kode>/form-b/", figures.FormB.as_view(), name="form_b"),
    path("baris/", figures.BudgetLineList.as_view(), name="baris"),
    path("ringkasan/", figures.Summary.as_view(), name="ringkasan"),
    path("rekap/", figures.Rekap.as_view(), name="rekap"),
    path("kurva-s/", figures.Kurva.as_view(), name="kurva"),
    path("kepatuhan/", figures.Compliance.as_view(), name="kepatuhan"),
    path("kendala/", figures.Kendala.as_view(), name="kendala"),
    path("peringatan/", figures.Peringatan.as_view(), name="peringatan"),
    path("kinerja/", figures.Kinerja.as_view(), name="kinerja"),
    path(
        "laporan/<str:kode>/<int:tahun>/<int:bulan>/",
        report.Report.as_view(),
        name="laporan",
    ),
    path(
        "laporan/<str:kode>/<int:tahun>/<int:bulan>/kirim/",
        report.ReportSubmit.as_view(),
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
