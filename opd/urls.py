"""URLs of the user's notifications (namespace "opd")."""

from django.urls import path

from . import views

app_name = "opd"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("<int:pk>/buka/", views.notification_open, name="notification_open"),
    path("baca-semua/", views.notification_read_all, name="notification_read_all"),
    path("pengaturan/", views.notification_settings, name="notification_settings"),
]
