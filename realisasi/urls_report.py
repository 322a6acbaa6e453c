"""URLs of the monthly report and of compliance (namespace "realisasi")."""

from django.urls import path

from . import views_report

REPORT = "bulanan/<str:kode>/<int:tahun>/<int:bulan>/"

urlpatterns = [
    path("bulanan/", views_report.report_home, name="report_home"),
    path(REPORT, views_report.report, name="report"),
    path(f"{REPORT}kirim/", views_report.report_submit, name="report_submit"),
    path(f"{REPORT}verifikasi/", views_report.report_verify, name="report_verify"),
    path(f"{REPORT}kembalikan/", views_report.report_return, name="report_return"),
    path(f"{REPORT}buka/", views_report.report_reopen, name="report_reopen"),
    path("kepatuhan/", views_report.compliance, name="compliance"),
    path("ping/", views_report.ping, name="ping"),
]
