"""The answer to a page's export request (?_export=): the file itself, or, for a sheet of more
than RAKOR_EXPORT_TASK_ROWS rows, the page of a background job that writes it
(reports.exports.jobs). Only views import this module; the writers below it know nothing of
requests or jobs."""

from django.http import HttpResponse

from . import XLSX_TYPE, Sheet, csv_text, xlsx_bytes
from .jobs import should_run_in_background, start_export


def response(sheet: Sheet, export_format: str, request=None) -> HttpResponse:
    """The download of `sheet` as csv (Indonesian, or machine with ?gaya=mesin) or xlsx; a
    sheet of more than RAKOR_EXPORT_TASK_ROWS rows is written by a background job instead
    (reports.exports.jobs) and the answer is the job's page."""
    if should_run_in_background(request, len(sheet.rows)):
        return start_export(request, sheet.title)
    if export_format == "xlsx":
        body, content_type, extension = xlsx_bytes(sheet), XLSX_TYPE, "xlsx"
    else:
        machine = request is not None and request.GET.get("gaya") == "mesin"
        body = csv_text(sheet, machine=machine).encode("utf-8")
        content_type, extension = "text/csv; charset=utf-8", "csv"
    result = HttpResponse(body, content_type=content_type)
    result["Content-Disposition"] = f'attachment; filename="{sheet.filename}.{extension}"'
    return result
