"""URLs of the opd app: the user's notifications (namespace "opd", under /notifikasi/) and
the background jobs a user started (`job_patterns`, namespace "tugas", under /tugas/)."""

from django.urls import path

from . import views, views_jobs

app_name = "opd"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("<int:pk>/buka/", views.notification_open, name="notification_open"),
    path("baca-semua/", views.notification_read_all, name="notification_read_all"),
    path("pengaturan/", views.notification_settings, name="notification_settings"),
]

job_patterns = [
    path("<int:pk>/", views_jobs.job_detail, name="job"),
    path("<int:pk>/status/", views_jobs.job_status, name="job_status"),
    path("<int:pk>/unduh/", views_jobs.job_download, name="job_download"),
]
