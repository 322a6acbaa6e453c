from django.urls import path

from . import views_audit

urlpatterns = [
    path("audit/", views_audit.AuditEventListView.as_view(), name="audit"),
]
