"""URLs of the reports app (namespace "reports"), one module per part of the work."""

from . import urls_briefing, urls_dashboard

app_name = "reports"

urlpatterns = [*urls_dashboard.urlpatterns, *urls_briefing.urlpatterns]
