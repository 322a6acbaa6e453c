"""URLs of the Rakor meetings, their follow-ups and briefings (namespace "rakor")."""

from django.urls import path  # noqa: F401

app_name = "rakor"

urlpatterns = []
