"""URLs of the set-up page (namespace "realisasi"): views in realisasi/views_setup.py."""

from django.urls import path

from . import views_setup

urlpatterns = [
    path("persiapan/", views_setup.setup, name="setup"),
    path("persiapan/buka-tahun/", views_setup.setup_open_year, name="setup_open_year"),
]
