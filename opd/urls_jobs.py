"""URLs of the background jobs (namespace "tugas"): views in opd/views_jobs.py."""

from django.urls import path

from . import views_jobs

app_name = "tugas"

urlpatterns = [
    path("<int:pk>/", views_jobs.job_detail, name="job"),
    path("<int:pk>/status/", views_jobs.job_status, name="job_status"),
    path("<int:pk>/unduh/", views_jobs.job_download, name="job_download"),
]
