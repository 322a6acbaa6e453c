"""URLs of the Rakor briefing (namespace "reports"): ad hoc download, preview, issue, download."""

from django.urls import path

from . import views_briefing

urlpatterns = [
    path("bahan-rakor/", views_briefing.briefing, name="briefing"),
    path(
        "bahan-rakor/rakor/<int:rakor_pk>/pratinjau/",
        views_briefing.briefing_preview,
        name="briefing_preview",
    ),
    path(
        "bahan-rakor/rakor/<int:rakor_pk>/terbitkan/",
        views_briefing.briefing_issue,
        name="briefing_issue",
    ),
    path("bahan-rakor/<int:pk>/unduh/", views_briefing.briefing_download, name="briefing_download"),
    path("bahan-rakor/<int:pk>/status/", views_briefing.briefing_status, name="briefing_status"),
]
