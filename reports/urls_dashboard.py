"""Dashboard URLs of the reports app (namespace "reports")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.summary, name="summary"),
    path("rekap/", views.RekapView.as_view(), name="rekap"),
    path("opd/<str:kode>/", views.opd_detail, name="opd"),
    path("baris/<int:pk>/kurva/", views.line_kurva, name="line"),
    path("kurva/", views.kurva, name="kurva"),
    path("kendala/", views.kendala, name="kendala"),
]
