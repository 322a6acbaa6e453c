"""Open data without a login (namespace "open"): served only while the admin turned it on."""

from django.urls import path

from . import views_open

app_name = "open"

urlpatterns = [
    path("", views_open.home, name="home"),
    path("opd/<str:kode>/", views_open.opd, name="opd"),
    path("rekap.csv", views_open.rekap, {"fmt": "csv"}, name="rekap_csv"),
    path("rekap.json", views_open.rekap, {"fmt": "json"}, name="rekap_json"),
]
