"""The root URL configuration: the only place that wires every app together."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from opd import views as opd_views

urlpatterns = [
    path("", opd_views.home, name="home"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("laporan/", include("realisasi.urls")),
    path("dasbor/", include("reports.urls")),
    path("rakor/", include("rakor.meeting_urls")),
    path("admin/", admin.site.urls),
]
