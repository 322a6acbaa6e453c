"""The audit page: every recorded change to a figure or a status, for verifikator and admin."""

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from opd.access import VERIFIKATOR_ROLES, RoleRequiredMixin
from opd.pagination import BoundedPerPageMixin

from ..filtersets import AuditEventFilterSet
from ..models import AuditEvent
from ..tables import AuditEventTable


class AuditEventListView(RoleRequiredMixin, BoundedPerPageMixin, SingleTableMixin, FilterView):
    roles = VERIFIKATOR_ROLES
    table_class = AuditEventTable
    filterset_class = AuditEventFilterSet
    template_name = "realisasi/audit.html"
    # Paginated by the table only (ListView pagination would count the rows a second time).
    table_pagination = {"per_page": 50}
    queryset = AuditEvent.objects.select_related("user", "opd", "line__sub_kegiatan").order_by(
        "-at", "-pk"
    )
