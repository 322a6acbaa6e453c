"""The Django admin of the budget and reports; its saves and deletions go through changes.py,
which records them in the audit trail like every other door."""

from django.contrib import admin
from django.db import transaction

from .. import ledger
from ..models import (
    ApbdStage,
    AuditEvent,
    BudgetLine,
    ColumnPreset,
    FiscalYear,
    ImportRecord,
    Indikator,
    KategoriKendala,
    Kegiatan,
    MonthlyReport,
    Pagu,
    Program,
    Realisasi,
    StatusChange,
    SubKegiatan,
    SumberDana,
    Target,
)
from . import changes


class ApbdStageInline(admin.TabularInline):
    model = ApbdStage
    extra = 0


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["tahun", "batas_hari_lapor"]
    search_fields = ["tahun"]
    inlines = [ApbdStageInline]


@admin.register(ApbdStage)
class ApbdStageAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "kode", "jenis", "urutan", "berlaku_mulai"]
    list_filter = ["fiscal_year", "jenis"]
    search_fields = ["kode", "nama"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]


@admin.register(Kegiatan)
class KegiatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "program"]
    search_fields = ["kode", "nama"]
    list_select_related = ["program"]
    autocomplete_fields = ["program"]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kegiatan"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kegiatan"]
    autocomplete_fields = ["kegiatan"]


@admin.register(SumberDana)
class SumberDanaAdmin(admin.ModelAdmin):
    list_display = ["nama", "kelompok"]
    list_filter = ["kelompok"]
    search_fields = ["nama"]


class PaguInline(admin.TabularInline):
    model = Pagu
    extra = 0


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["sub_kegiatan", "opd", "sumber_dana", "fiscal_year", "pptk", "lokasi"]
    list_filter = ["fiscal_year", "opd__jenis", "sumber_dana__kelompok", "opd"]
    search_fields = ["sub_kegiatan__kode", "sub_kegiatan__nama", "opd__nama", "opd__kode"]
    list_select_related = ["sub_kegiatan", "opd", "sumber_dana", "fiscal_year", "pptk"]
    autocomplete_fields = ["opd", "sub_kegiatan", "sumber_dana", "pptk"]
    inlines = [PaguInline]

    def delete_queryset(self, request, queryset):
        # The OPDs' sums are recomputed once for the whole selection, not once per line.
        with transaction.atomic(), ledger.deferred():
            super().delete_queryset(request, queryset)


@admin.register(Pagu)
class PaguAdmin(admin.ModelAdmin):
    list_display = ["line", "stage", "pagu"]
    list_filter = ["stage__fiscal_year", "stage__jenis"]
    search_fields = ["line__sub_kegiatan__kode", "line__opd__nama"]
    list_select_related = [
        "line__opd",
        "line__sub_kegiatan",
        "line__sumber_dana",
        "stage__fiscal_year",
    ]
    raw_id_fields = ["line"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["line", "bulan", "target_keuangan", "target_fisik", "interpolated"]
    list_filter = ["line__fiscal_year", "bulan", "interpolated"]
    search_fields = ["line__sub_kegiatan__kode", "line__opd__nama"]
    list_select_related = [
        "line__opd",
        "line__sub_kegiatan",
        "line__sumber_dana",
        "kategori_kendala",
    ]
    raw_id_fields = ["line"]


@admin.register(Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    """Indicators and their targets (Form E.81); their realization is entered by the OPD on
    its Kinerja page (realisasi.workflow_kinerja), never here."""

    list_display = [
        "uraian",
        "opd",
        "tingkat",
        "program",
        "satuan",
        "polaritas",
        "sifat",
        "fiscal_year",
    ]
    list_filter = ["fiscal_year", "tingkat", "polaritas", "sifat", "prioritas", "opd"]
    search_fields = ["uraian", "opd__nama", "program__kode", "kegiatan__kode", "sub_kegiatan__kode"]
    list_select_related = ["opd", "program", "fiscal_year"]
    autocomplete_fields = ["opd", "program", "kegiatan", "sub_kegiatan"]


@admin.register(KategoriKendala)
class KategoriKendalaAdmin(admin.ModelAdmin):
    """The list the report form and the realization import offer for a kendala."""

    list_display = ["nama", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]
    search_fields = ["nama"]


@admin.register(Realisasi)
class RealisasiAdmin(admin.ModelAdmin):
    list_display = [
        "line",
        "bulan",
        "realisasi_keuangan",
        "realisasi_fisik",
        "kategori_kendala",
        "sumber",
    ]
    list_filter = ["line__fiscal_year", "bulan", "sumber", "kategori_kendala"]
    search_fields = ["line__sub_kegiatan__kode", "line__opd__nama", "kendala", "pihak_terkait"]
    list_select_related = [
        "line__opd",
        "line__sub_kegiatan",
        "line__sumber_dana",
        "kategori_kendala",
    ]
    raw_id_fields = ["line", "updated_by"]
    readonly_fields = ["updated_by", "updated_at"]

    # Changes made here go into the audit trail like the form's (realisasi.admin.changes).
    def save_model(self, request, obj, form, change):
        changes.save_realisasi(request.user, obj, change)

    def delete_model(self, request, obj):
        changes.delete_realisasi(request.user, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(), ledger.deferred():
            for obj in queryset.select_related("line__fiscal_year"):
                changes.delete_realisasi(request.user, obj)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "user", "at", "catatan"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    list_display = ["opd", "fiscal_year", "bulan", "status", "terlambat", "submitted_at"]
    list_filter = ["fiscal_year", "bulan", "status", "terlambat"]
    search_fields = ["opd__nama", "opd__kode"]
    list_select_related = ["opd", "fiscal_year"]
    inlines = [StatusChangeInline]
    readonly_fields = ["version", "updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        changes.save_report(request.user, obj, change)

    def delete_model(self, request, obj):
        changes.delete_report(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("opd", "fiscal_year"):
            changes.delete_report(request.user, obj)


@admin.register(ColumnPreset)
class ColumnPresetAdmin(admin.ModelAdmin):
    """Saved column mappings: renamed or deleted here; made on the import pages."""

    list_display = ["nama", "jenis", "gabung_duplikat", "created_by", "created_at"]
    list_filter = ["jenis"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "jenis", "fiscal_year", "nama_file", "user", "rows_added", "rows_changed"]
    list_filter = ["jenis", "fiscal_year"]
    search_fields = ["nama_file", "checksum"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "sumber", "opd", "bulan", "field", "old_value", "new_value"]
    list_filter = ["sumber", "tahun", "bulan"]
    search_fields = ["opd__nama", "field", "user__username"]
    list_select_related = ["user", "opd"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
