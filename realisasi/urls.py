"""URLs of the realisasi app (namespace "realisasi"), one module per part of the work."""

from . import urls_audit, urls_import, urls_kinerja, urls_report, urls_setup

app_name = "realisasi"

urlpatterns = [
    *urls_report.urlpatterns,
    *urls_import.urlpatterns,
    *urls_audit.urlpatterns,
    *urls_setup.urlpatterns,
    *urls_kinerja.urlpatterns,
]
