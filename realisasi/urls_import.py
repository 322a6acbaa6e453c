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
        "impor/<slug:jenis>/template.<slug:fmt>",
        views_import.import_template,
        name="import_template",
    ),
]
