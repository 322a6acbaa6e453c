"""A table's `?per_page=` kept within bounds, for every paginated django-tables2 list."""

from django.conf import settings
from django_tables2 import SingleTableMixin


class BoundedPerPageMixin(SingleTableMixin):
    """Ignore a `?per_page=` that is not a whole number from 1 to RAKOR_MAX_PER_PAGE.

    django-tables2 passes the number to Django's Paginator as it is: -1 or 0 ended in a 500
    (issue 13, finding 10), and a huge one would render every row. The page is then shown with
    the view's own page size, as if the parameter were absent.
    """

    def get_table_pagination(self, table):
        field = table.prefixed_per_page_field
        raw = self.request.GET.get(field)
        if raw is not None and not (raw.isdigit() and 1 <= int(raw) <= settings.RAKOR_MAX_PER_PAGE):
            query = self.request.GET.copy()
            query.pop(field)
            self.request.GET = query
        return super().get_table_pagination(table)
