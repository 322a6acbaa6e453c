"""URLs of the opd app: the user's notifications (namespace "opd", under /notifikasi/) and
the background jobs a user started (`job_patterns`, namespace "tugas", under /tugas/)."""

from django.urls import path

from .views import jobs, notifications

app_name = "opd"

urlpatterns = [
    path("", notifications.notification_list, name="notification_list"),
    path("<int:pk>/buka/", notifications.notification_open, name="notification_open"),
    path("baca-semua/", notifications.notification_read_all, name="notification_read_all"),
    path("pengaturan/", notifications.notification_settings, name="notification_settings"),
]

job_patterns = [
    path("", jobs.job_list, name="job_list"),
    path("<int:pk>/", jobs.job_detail, name="job"),
    path("<int:pk>/status/", jobs.job_status, name="job_status"),
    path("<int:pk>/unduh/", jobs.job_download, name="job_download"),
]
