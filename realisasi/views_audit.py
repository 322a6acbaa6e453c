"""The audit page: every recorded change to a figure or a status, for verifikator and admin."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from opd.pagination import BoundedPerPageMixin

from .filtersets_audit import AuditEventFilterSet
from .models import AuditEvent
from .tables_audit import AuditEventTable


class VerifikatorRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Verifikator and admin only; other signed-in users get 403, anonymous ones the login."""

    def test_func(self):
        return self.request.user.is_verifikator


class AuditEventListView(
    VerifikatorRequiredMixin, BoundedPerPageMixin, SingleTableMixin, FilterView
):
    table_class = AuditEventTable
    filterset_class = AuditEventFilterSet
    template_name = "realisasi/audit.html"
    # Paginated by the table only (ListView pagination would count the rows a second time).
    table_pagination = {"per_page": 50}
    queryset = AuditEvent.objects.select_related("user", "opd", "line__sub_kegiatan").order_by(
        "-at", "-pk"
    )
