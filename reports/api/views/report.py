"""An OPD's monthly report through the API: read it, save lines, submit the month.

Every write goes through realisasi.workflow (save_report, submit_report), the door the form
uses: the same validation and Indonesian messages, the same version check (a stale `versi`
is refused with 409), the same audit trail. The API adds one row of rakor.tokens.ApiWrite
naming the token and linking the audit events the write left.
"""

import logging
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from opd.models import Opd
from rakor.tokens import ApiToken, ApiWrite
from realisasi import permissions, workflow
from realisasi.models import AuditEvent, FiscalYear, KategoriKendala, MonthlyReport, Realisasi
from reports.choices import BELUM_INPUT
from reports.records import as_text

from .. import serializers as s

logger = logging.getLogger(__name__)

REPORT_ERRORS = {
    400: s.ReportErrorSerializer,
    403: s.ErrorSerializer,
    404: s.ErrorSerializer,
    409: s.ReportErrorSerializer,
}


class ReportScope:
    """The OPD, fiscal year and month of the address, as the user may read them (else 404)."""

    def __init__(self, user, kode: str, tahun: int, bulan: int):
        if not 1 <= bulan <= 12:
            raise Http404
        self.opd = get_object_or_404(Opd.objects.visible_to(user), kode=kode)
        self.fiscal_year = get_object_or_404(FiscalYear, tahun=tahun)
        self.bulan = bulan
        self.report = MonthlyReport.objects.filter(
            opd=self.opd, fiscal_year=self.fiscal_year, bulan=bulan
        ).first()


def report_record(user, scope: ReportScope) -> dict:
    lines = list(workflow.report_lines(scope.opd, scope.fiscal_year, scope.bulan))
    existing = {
        row.line_id: row
        for row in Realisasi.objects.filter(
            line__opd=scope.opd, line__fiscal_year=scope.fiscal_year, bulan=scope.bulan
        )
    }
    report = scope.report
    baris = []
    for line in lines:
        row = existing.get(line.pk)
        baris.append(
            {
                "id": line.pk,
                "sub_kegiatan_kode": line.sub_kegiatan.kode,
                "sub_kegiatan_nama": line.sub_kegiatan.nama,
                "sumber_dana": line.sumber_dana.nama,
                "pagu": as_text(line.pagu_m),
                "target_keuangan_rp": as_text(line.target_rp),
                "target_fisik": as_text(line.target_fisik),
                "realisasi_keuangan": as_text(row.realisasi_keuangan) if row else None,
                "realisasi_fisik": as_text(row.realisasi_fisik) if row else None,
                "kendala": row.kendala if row else "",
                "kategori_kendala": row.kategori_kendala_id if row else None,
                "solusi": row.solusi if row else "",
                "pihak_terkait": row.pihak_terkait if row else "",
                "alasan_koreksi": row.alasan_koreksi if row else "",
                "token_baris": workflow.line_token(row),
                "dapat_diubah": permissions.can_edit_line(user, line, report),
            }
        )
    return {
        "opd": {"kode": scope.opd.kode, "nama": scope.opd.nama},
        "tahun": scope.fiscal_year.tahun,
        "bulan": scope.bulan,
        "status": report.status if report else BELUM_INPUT,
        "versi": report.version if report else 0,
        "terlambat": bool(report and report.terlambat),
        "baris": baris,
    }


def refusal(exc: workflow.WorkflowError) -> Response:
    """The workflow's refusal as an answer: its message, and per line what it names."""
    body: dict[str, Any] = {"detail": exc.message}
    code: int = status.HTTP_400_BAD_REQUEST
    if isinstance(exc, workflow.NotAllowed):
        code = status.HTTP_403_FORBIDDEN
    elif isinstance(exc, workflow.StaleReport):
        code, body["versi"] = status.HTTP_409_CONFLICT, exc.report.version
    elif isinstance(exc, workflow.LinesConflict):
        code, body["baris"] = status.HTTP_409_CONFLICT, {str(k): v for k, v in exc.lines.items()}
    elif isinstance(exc, workflow.ReportInvalid):
        body["baris"] = {str(k): v for k, v in exc.errors.items()}
    return Response(body, status=code)


def unavailable() -> Response:
    return Response(
        {"detail": _("Laporan belum disimpan karena gangguan pada basis data; silakan ulangi.")},
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
    )


def last_event_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def record_write(request, aksi: str, report, since: int) -> None:
    """The trail of a write made with a token: its name and the audit events it left.

    The events are those of this user on this report after `since`, inside the write's
    transaction (the report row is locked by the workflow meanwhile)."""
    token = request.auth if isinstance(request.auth, ApiToken) else None
    if token is None or report is None:
        return
    events = list(
        AuditEvent.objects.filter(pk__gt=since, user=request.user, report=report).values_list(
            "pk", flat=True
        )
    )
    if not events:
        return  # nothing changed (a save of the same figures, a second submit): no trail
    write = ApiWrite.objects.create(
        token=token, token_nama=token.nama, user=request.user, aksi=aksi, report=report
    )
    write.events.set(events)


def unreadable(serializer, data) -> dict:
    """The input's reading errors in the workflow's shape: {line id: {field: message}} under
    "baris" (a line without a readable id by its place, "#1"), the rest under "errors"."""
    errors = dict(serializer.errors)
    lines = errors.pop("baris", None)
    body: dict[str, Any] = {"detail": _("Laporan belum disimpan: periksa isian yang ditandai.")}
    if isinstance(lines, dict):  # {index: {field: [messages]}} from the nested list
        sent = data.get("baris") if isinstance(data, dict) else None
        body["baris"] = {}
        for index, fields in lines.items():
            item = sent[int(index)] if isinstance(sent, list) else None
            key = item.get("id") if isinstance(item, dict) else None
            key = str(key) if isinstance(key, int) else f"#{int(index) + 1}"
            body["baris"][key] = {name: str(messages[0]) for name, messages in fields.items()}
    elif lines:
        errors["baris"] = lines
    if errors:
        body["errors"] = errors
    return body


def entries(data: list[dict], categories: dict) -> list[workflow.LineEntry]:
    return [
        workflow.LineEntry(
            line_id=item["id"],
            realisasi_keuangan=item["realisasi_keuangan"],
            realisasi_fisik=item["realisasi_fisik"],
            kendala=item["kendala"].strip(),
            kategori_kendala=categories.get(item["kategori_kendala"]),
            solusi=item["solusi"].strip(),
            pihak_terkait=item["pihak_terkait"].strip(),
            alasan_koreksi=item["alasan_koreksi"].strip(),
            konfirmasi_koreksi=item["konfirmasi_koreksi"],
            seen_token=item["token_baris"],
        )
        for item in data
    ]


def categories_for(scope: ReportScope, items: list[dict]):
    """The chosen kendala categories among those the form offers (the active ones and any
    still used by a saved row of the month); {line id: {field: message}} for the others."""
    chosen = {item["kategori_kendala"] for item in items if item["kategori_kendala"]}
    if not chosen:
        return {}, {}
    used = Realisasi.objects.filter(
        line__opd=scope.opd, line__fiscal_year=scope.fiscal_year, bulan=scope.bulan
    ).values("kategori_kendala")
    offered = KategoriKendala.objects.filter(pk__in=chosen).filter(Q(aktif=True) | Q(pk__in=used))
    categories = {category.pk: category for category in offered}
    errors = {
        str(item["id"]): {"kategori_kendala": _("Pilih kategori kendala dari daftar.")}
        for item in items
        if item["kategori_kendala"] and item["kategori_kendala"] not in categories
    }
    return categories, errors


class Report(APIView):
    @extend_schema(
        summary="Laporan bulanan satu OPD",
        responses={200: s.ReportSerializer, 404: s.ErrorSerializer},
    )
    def get(self, request, kode, tahun, bulan):
        scope = ReportScope(request.user, kode, tahun, bulan)
        return Response(s.ReportSerializer(report_record(request.user, scope)).data)

    @extend_schema(
        summary="Simpan realisasi baris-baris laporan (draf)",
        request=s.ReportSaveSerializer,
        responses={200: s.ReportSerializer, **REPORT_ERRORS},
    )
    def put(self, request, kode, tahun, bulan):
        scope = ReportScope(request.user, kode, tahun, bulan)
        if not permissions.can_edit_report(request.user, scope.opd, scope.report):
            return Response(
                {"detail": _("Anda tidak berhak mengubah laporan OPD ini.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        serializer = s.ReportSaveSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(unreadable(serializer, request.data), status=400)
        items = serializer.validated_data["baris"]
        categories, errors = categories_for(scope, items)
        if errors:
            detail = _("Laporan belum disimpan: periksa isian yang ditandai.")
            return Response({"detail": detail, "baris": errors}, status=400)
        try:
            with transaction.atomic():
                since = last_event_pk()
                result = workflow.save_report(
                    request.user,
                    scope.opd,
                    scope.fiscal_year,
                    scope.bulan,
                    entries(items, categories),
                    serializer.validated_data["versi"],
                )
                record_write(request, ApiWrite.Aksi.SIMPAN, result.report, since)
        except workflow.WorkflowError as exc:
            return refusal(exc)
        except DatabaseError:
            logger.exception("API save of %s %s/%s failed", kode, bulan, tahun)
            return unavailable()
        scope.report = result.report
        return Response(s.ReportSerializer(report_record(request.user, scope)).data)


class ReportSubmit(APIView):
    @extend_schema(
        summary="Kirim laporan bulan itu ke verifikator",
        request=s.SubmitSerializer,
        responses={200: s.ReportSerializer, **REPORT_ERRORS},
    )
    def post(self, request, kode, tahun, bulan):
        scope = ReportScope(request.user, kode, tahun, bulan)
        if not permissions.can_submit(request.user, scope.opd, None):
            return Response(
                {"detail": _("Anda tidak berhak mengirim laporan OPD ini.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        serializer = s.SubmitSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(
                {"detail": _("Versi laporan wajib diisi."), "errors": serializer.errors}, status=400
            )
        try:
            with transaction.atomic():
                since = last_event_pk()
                report = workflow.submit_report(
                    request.user,
                    scope.opd,
                    scope.fiscal_year,
                    scope.bulan,
                    serializer.validated_data["versi"],
                )
                record_write(request, ApiWrite.Aksi.KIRIM, report, since)
        except workflow.WorkflowError as exc:
            return refusal(exc)
        except DatabaseError:
            logger.exception("API submit of %s %s/%s failed", kode, bulan, tahun)
            return unavailable()
        scope.report = report
        return Response(s.ReportSerializer(report_record(request.user, scope)).data)
