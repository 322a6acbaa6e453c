"""Read endpoints of the API: the figures of the pages, scoped and filtered as the pages are.

Each view only chooses the period, the scope and the filters (the same helpers as
reports.views) and writes the objects of reports.figures through reports.records.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from opd.access import sees_all_opds, visible_opd_ids
from opd.models import Opd
from realisasi.compliance import compliance_for
from realisasi.figures import figures_from_sums, line_sums
from realisasi.kinerja import figures_for
from realisasi.models import FiscalYear, Indikator
from realisasi.period import Period
from reports import figures, figures_detail
from reports.filtersets import RekapFilterSet
from reports.kendala import kendala_rows
from reports.kinerja import default_quarter
from reports.records import (
    as_text,
    figures_record,
    kepatuhan_record,
    opd_row_record,
    peringatan_data,
)
from reports.views.dashboard import scoped_lines

from .. import serializers as s

# 400: {parameter: [Indonesian messages]}, one key per parameter refused
BAD_QUERY = OpenApiResponse(OpenApiTypes.OBJECT, description="parameter yang ditolak + pesannya")
ERRORS = {400: BAD_QUERY, 403: s.ErrorSerializer, 404: s.ErrorSerializer}


def query(request, serializer_class) -> dict:
    """The validated query parameters, with the period resolved (400 naming the field)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    data["tahun"], data["bulan"] = Period.completed(data.get("tahun"), data.get("bulan"))
    return data


def visible_opd(user, kode: str):
    """An OPD the user may read (as the pages: another OPD's is 404)."""
    return get_object_or_404(Opd.objects.visible_to(user), kode=kode)


class FiscalYearList(APIView):
    @extend_schema(summary="Tahun anggaran", responses={200: s.FiscalYearSerializer(many=True)})
    def get(self, request):
        years = FiscalYear.objects.order_by("tahun").values("tahun", "batas_hari_lapor")
        return Response(s.FiscalYearSerializer(years, many=True).data)


class OpdList(APIView):
    @extend_schema(summary="OPD yang dapat Anda lihat", responses={200: s.OpdSerializer(many=True)})
    def get(self, request):
        opds = Opd.objects.visible_to(request.user).filter(aktif=True).select_related("grouping")
        data = [
            {
                "kode": opd.kode,
                "nama": opd.nama,
                "singkatan": opd.singkatan,
                "jenis": opd.jenis,
                "pengelompokan": opd.grouping.nama if opd.grouping else None,
            }
            for opd in opds.order_by("kode")
        ]
        return Response(s.OpdSerializer(data, many=True).data)


class BudgetLineList(APIView):
    pagination_class = LimitOffsetPagination

    @extend_schema(
        summary="Baris anggaran dengan angkanya pada bulan itu",
        parameters=[
            s.BudgetLineQuerySerializer,
            OpenApiParameter("limit", int, description="baris per halaman (bawaan 100)"),
            OpenApiParameter("offset", int),
        ],
        responses={200: s.BudgetLinePageSerializer, **ERRORS},
    )
    def get(self, request):
        params = query(request, s.BudgetLineQuerySerializer)
        tahun, bulan = params["tahun"], params["bulan"]
        lines = scoped_lines(request.user, tahun)
        if params.get("opd"):
            lines = lines.filter(opd=visible_opd(request.user, params["opd"]))
        lines = (
            lines.select_related("opd", "sub_kegiatan__kegiatan__program", "sumber_dana")
            .with_figures(bulan)
            .order_by("opd__kode", "sub_kegiatan__kode", "pk")
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(lines, request, view=self)
        assert page is not None  # REST_FRAMEWORK sets PAGE_SIZE: every request is paged
        data = [line_record(line, tahun, bulan) for line in page]
        return paginator.get_paginated_response(s.BudgetLineSerializer(data, many=True).data)


def line_record(line, tahun: int, bulan: int) -> dict:
    return {
        "id": line.pk,
        "tahun": tahun,
        "bulan": bulan,
        "opd": line.opd.kode,
        "program_kode": line.sub_kegiatan.kegiatan.program.kode,
        "kegiatan_kode": line.sub_kegiatan.kegiatan.kode,
        "sub_kegiatan_kode": line.sub_kegiatan.kode,
        "sub_kegiatan_nama": line.sub_kegiatan.nama,
        "sumber_dana": line.sumber_dana.nama,
        "kelompok_dana": line.sumber_dana.kelompok,
        "lokasi": line.lokasi,
        "indikator_keluaran": line.indikator_keluaran,
        "figures": figures_record(figures_from_sums(line_sums(line))),
    }


def blocks(items) -> list[dict]:
    return [
        {"key": block.key, "label": str(block.label), "figures": figures_record(block.figures)}
        for block in items
    ]


class Summary(APIView):
    @extend_schema(
        summary="Ringkasan Pemda (Dasbor)",
        parameters=[s.PeriodQuerySerializer],
        responses={200: s.SummarySerializer, **ERRORS},
    )
    def get(self, request):
        params = query(request, s.PeriodQuerySerializer)
        tahun, bulan = params["tahun"], params["bulan"]
        summary = figures.pemda_summary(tahun, bulan, opd_ids=visible_opd_ids(request.user))
        data = {
            "tahun": tahun,
            "bulan": bulan,
            "total": figures_record(summary.totals),
            "tahun_lalu": figures_record(summary.previous) if summary.previous else None,
            "dana": blocks(summary.dana),
            "jenis": blocks(summary.jenis),
            "pengelompokan": blocks(summary.grouping),
        }
        return Response(s.SummarySerializer(data).data)


class Rekap(APIView):
    @extend_schema(
        summary="Rekap per OPD (kunci yang sama dengan perintah rekap)",
        parameters=[s.RekapQuerySerializer],
        responses={200: s.RekapSerializer, **ERRORS},
    )
    def get(self, request):
        params = query(request, s.RekapQuerySerializer)
        tahun, bulan = params["tahun"], params["bulan"]
        user = request.user
        bound = request.query_params.copy()
        bound["tahun"], bound["bulan"] = str(tahun), str(bulan)
        filterset = RekapFilterSet(bound, queryset=Opd.objects.visible_to(user).filter(aktif=True))
        if not filterset.is_valid():
            raise exceptions.ValidationError(
                {name: [str(m) for m in errors] for name, errors in filterset.errors.items()}
            )
        rows = filterset.rows()
        totals = filterset.totals(rows)
        pemda = figures.pemda_summary(tahun, bulan, opd_ids=visible_opd_ids(user)).totals
        data = {
            "tahun": tahun,
            "bulan": bulan,
            "pemda": figures_record(pemda),
            "opd": [opd_row_record(row) for row in rows],
            "total": figures_record(totals) if totals else None,
            # the one definition of "telah menyampaikan laporan", for those who read every OPD
            "kepatuhan": (
                kepatuhan_record(compliance_for(tahun, bulan)) if user.sees_all_opds else None
            ),
        }
        return Response(s.RekapSerializer(data).data)


def group_record(group, children_key: str, children: list) -> dict:
    return {
        "kode": group.kode,
        "nama": group.nama,
        "figures": figures_record(group.figures),
        "bobot": as_text(group.bobot),
        "target_tertimbang": as_text(group.target_tertimbang),
        "realisasi_tertimbang": as_text(group.realisasi_tertimbang),
        children_key: children,
    }


def form_b_line_record(row) -> dict:
    line = row.line
    return {
        "id": line.pk,
        "kode": line.sub_kegiatan.kode,
        "nama": line.sub_kegiatan.nama,
        "sumber_dana": line.sumber_dana.nama,
        "lokasi": line.lokasi,
        "indikator_keluaran": line.indikator_keluaran,
        "figures": figures_record(row.figures),
        "bobot": as_text(row.bobot),
        "target_tertimbang": as_text(row.target_tertimbang),
        "realisasi_tertimbang": as_text(row.realisasi_tertimbang),
        "dilaporkan": bool(row.reported),
    }


class FormB(APIView):
    @extend_schema(
        summary="Form B satu OPD",
        parameters=[s.PeriodQuerySerializer],
        responses={200: s.FormBSerializer, **ERRORS},
    )
    def get(self, request, kode):
        opd = visible_opd(request.user, kode)
        params = query(request, s.PeriodQuerySerializer)
        form_b = figures_detail.opd_form_b(params["tahun"], params["bulan"], opd)
        programs = [
            group_record(
                program,
                "kegiatan",
                [
                    group_record(
                        kegiatan,
                        "sub_kegiatan",
                        [form_b_line_record(row) for row in kegiatan.children],
                    )
                    for kegiatan in program.children
                ],
            )
            for program in form_b.programs
        ]
        data = {
            "tahun": form_b.tahun,
            "bulan": form_b.bulan,
            "opd": {"kode": opd.kode, "nama": opd.nama},
            "total": figures_record(form_b.totals),
            "program": programs,
        }
        return Response(s.FormBSerializer(data).data)


def kurva_record(kurva, bulan: int, opd) -> dict:
    return {
        "tahun": kurva.tahun,
        "bulan": bulan,
        "opd": opd.kode if opd else None,
        "titik": [
            {
                "bulan": point.bulan,
                "target_keuangan": as_text(point.target_keuangan_persen),
                "realisasi_keuangan": as_text(point.realisasi_keuangan_persen),
                "target_fisik": as_text(point.target_fisik),
                "realisasi_fisik": as_text(point.realisasi_fisik),
            }
            for point in kurva.points
        ],
    }


class Kurva(APIView):
    @extend_schema(
        summary="Kurva S (Pemda dalam lingkup Anda, atau satu OPD)",
        parameters=[s.KurvaQuerySerializer],
        responses={200: s.KurvaSerializer, **ERRORS},
    )
    def get(self, request):
        params = query(request, s.KurvaQuerySerializer)
        tahun, bulan = params["tahun"], params["bulan"]
        opd = visible_opd(request.user, params["opd"]) if params.get("opd") else None
        if opd is not None:
            kurva = figures_detail.kurva_s(tahun, opd=opd, through=bulan)
        else:
            kurva = figures_detail.kurva_s(
                tahun, opd_ids=visible_opd_ids(request.user), through=bulan
            )
        return Response(s.KurvaSerializer(kurva_record(kurva, bulan, opd)).data)


class Compliance(APIView):
    @extend_schema(
        summary="Kepatuhan pelaporan (verifikator, pimpinan, admin)",
        parameters=[s.PeriodQuerySerializer],
        responses={200: s.ComplianceSerializer, **ERRORS},
    )
    def get(self, request):
        if not sees_all_opds(request.user):
            raise exceptions.PermissionDenied()
        params = query(request, s.PeriodQuerySerializer)
        compliance = compliance_for(params["tahun"], params["bulan"])
        data = {
            "tahun": compliance.tahun,
            "bulan": compliance.bulan,
            **kepatuhan_record(compliance),
            "pengelola_total": compliance.pengelola_total,
            "opd": [
                {
                    "kode": row.opd.kode,
                    "nama": row.opd.nama,
                    "status_laporan": row.status,
                    "terlambat": row.terlambat,
                    "pengelola": row.pengelola,
                }
                for row in compliance.rows
            ],
        }
        return Response(s.ComplianceSerializer(data).data)


class Kendala(APIView):
    @extend_schema(
        summary="Kendala dan solusi bulan itu (Form E)",
        parameters=[s.KendalaQuerySerializer],
        responses={200: s.KendalaSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        params = query(request, s.KendalaQuerySerializer)
        opd = visible_opd(request.user, params["opd"]) if params.get("opd") else None
        rows = kendala_rows(
            params["tahun"],
            params["bulan"],
            opd_ids=[opd.pk] if opd else visible_opd_ids(request.user),
            q=params.get("q", ""),
            lampu=params.get("lampu", ""),
        )
        data = [
            {
                "opd_kode": row.opd_kode,
                "opd_nama": row.opd_nama,
                "baris_id": row.line_id,
                "sub_kegiatan_kode": row.item.sub_kegiatan_kode,
                "sub_kegiatan_nama": row.item.sub_kegiatan_nama,
                "sumber_dana": row.item.sumber_dana,
                "kendala": row.item.kendala,
                "solusi": row.item.solusi,
                "pihak_terkait": row.item.pihak_terkait,
                "deviasi_keuangan": as_text(row.figures.deviasi_keuangan) if row.figures else None,
                "lampu": row.figures.lampu if row.figures else None,
            }
            for row in rows
        ]
        return Response(s.KendalaSerializer(data, many=True).data)


class Peringatan(APIView):
    @extend_schema(
        summary="Peringatan dini dan proyeksi akhir tahun (seperti halaman Peringatan dini)",
        parameters=[s.PeringatanQuerySerializer],
        responses={200: s.PeringatanSerializer, **ERRORS},
    )
    def get(self, request):
        params = query(request, s.PeringatanQuerySerializer)
        opd = visible_opd(request.user, params["opd"]) if params.get("opd") else None
        data = peringatan_data(
            params["tahun"],
            params["bulan"],
            opd_ids=[opd.pk] if opd else visible_opd_ids(request.user),
            jenis=params.get("jenis", ""),
            kelompok=params.get("kelompok", ""),
        )
        return Response(s.PeringatanSerializer(data).data)


def indikator_record(item) -> dict:
    """One indicator at triwulan n (realisasi.kinerja's figures, written as decimal text)."""
    indikator = item.indikator
    level = indikator.sub_kegiatan or indikator.kegiatan or indikator.program
    row = item.row
    return {
        "id": indikator.pk,
        "kode_opd": indikator.opd.kode,
        "tingkat": indikator.tingkat,
        "kode_item": level.kode,
        "uraian": indikator.uraian,
        "satuan": indikator.satuan,
        "polaritas": indikator.polaritas,
        "sifat": indikator.sifat,
        "prioritas": indikator.prioritas,
        "target_tahun": as_text(indikator.target_tahun),
        "target_sd": as_text(item.target_sd),
        "realisasi_sd": as_text(item.realisasi_sd),
        "capaian": as_text(item.capaian),
        "kategori": item.kategori,
        "capaian_tahun": as_text(item.capaian_tahun),
        "per_triwulan": [
            {
                "triwulan": quarter.triwulan,
                "target": as_text(quarter.target),
                "realisasi": as_text(quarter.realisasi),
                "capaian": as_text(quarter.capaian),
            }
            for quarter in item.quarters
            if quarter.triwulan <= item.triwulan
        ],
        "faktor_pendorong": row.faktor_pendorong if row else "",
        "faktor_penghambat": row.faktor_penghambat if row else "",
        "tindak_lanjut": row.tindak_lanjut if row else "",
    }


class Kinerja(APIView):
    pagination_class = LimitOffsetPagination

    @extend_schema(
        summary="Capaian kinerja indikator per triwulan (seperti halaman Kinerja)",
        parameters=[
            s.KinerjaQuerySerializer,
            OpenApiParameter("limit", int, description="indikator per halaman (bawaan 100)"),
            OpenApiParameter("offset", int),
        ],
        responses={200: s.KinerjaPageSerializer, **ERRORS},
    )
    def get(self, request):
        serializer = s.KinerjaQuerySerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        params = serializer.validated_data
        now_tahun, now_triwulan = default_quarter()
        tahun = params.get("tahun") or now_tahun
        triwulan = params.get("triwulan") or (now_triwulan if tahun == now_tahun else 4)
        indikator = Indikator.objects.of_year(tahun).in_form_order()
        if params.get("opd"):
            indikator = indikator.filter(opd=visible_opd(request.user, params["opd"]))
        elif (ids := visible_opd_ids(request.user)) is not None:
            indikator = indikator.filter(opd__in=ids)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(indikator, request, view=self)
        assert page is not None  # REST_FRAMEWORK sets PAGE_SIZE: every request is paged
        ids = [item.pk for item in page]
        chosen = figures_for(Indikator.objects.of_year(tahun).filter(pk__in=ids), triwulan)
        by_pk = {item.indikator.pk: item for item in chosen}
        data = [indikator_record(by_pk[pk]) for pk in ids]
        answer = paginator.get_paginated_response(s.IndikatorSerializer(data, many=True).data)
        answer.data = {"tahun": tahun, "triwulan": triwulan, **answer.data}
        return answer
