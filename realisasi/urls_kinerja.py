"""URLs of the quarterly performance report (namespace "realisasi")."""

from django.urls import path

from . import views_kinerja

KINERJA = "kinerja/<str:kode>/<int:tahun>/<int:triwulan>/"

urlpatterns = [
    path("kinerja/", views_kinerja.kinerja_home, name="kinerja_home"),
    path(KINERJA, views_kinerja.kinerja, name="kinerja"),
    path(f"{KINERJA}kirim/", views_kinerja.kinerja_submit, name="kinerja_submit"),
    path(f"{KINERJA}verifikasi/", views_kinerja.kinerja_verify, name="kinerja_verify"),
    path(f"{KINERJA}kembalikan/", views_kinerja.kinerja_return, name="kinerja_return"),
    path(f"{KINERJA}buka/", views_kinerja.kinerja_reopen, name="kinerja_reopen"),
]
