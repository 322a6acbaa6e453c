"""URLs of the Rakor meetings, their follow-ups and briefings (namespace "rakor")."""

from django.urls import path

from . import views

app_name = "rakor"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("baru/", views.meeting_edit, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/ubah/", views.meeting_edit, name="meeting_edit"),
    path("<int:rakor_pk>/arahan/baru/", views.arahan_edit, name="arahan_create"),
    path("<int:rakor_pk>/arahan/<int:pk>/", views.arahan_edit, name="arahan_edit"),
    path("tindak-lanjut/", views.followup_list, name="followup_list"),
    path("tindak-lanjut/<int:pk>/", views.followup_update, name="followup_update"),
]
