"""URLs of the imports (namespace "realisasi"): views in realisasi/views_import.py."""

from django.urls import path

from . import views_import

urlpatterns = [
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
]
