from django.contrib import admin

from .models import (
    ApiToken,
    Arahan,
    Briefing,
    Kabupaten,
    OpenData,
    ProgressNote,
    Rakor,
    Tarikan,
    TindakLanjut,
)


class ArahanInline(admin.TabularInline):
    model = Arahan
    extra = 0


@admin.register(Rakor)
class RakorAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "jenis", "fiscal_year", "triwulan", "bulan_data", "tempat"]
    list_filter = ["jenis", "fiscal_year", "triwulan"]
    search_fields = ["tempat", "pimpinan_rapat", "agenda", "notulen"]
    date_hierarchy = "tanggal"
    filter_horizontal = ["opd_diundang", "opd_hadir"]
    inlines = [ArahanInline]


class TindakLanjutInline(admin.TabularInline):
    model = TindakLanjut
    extra = 0
    autocomplete_fields = ["opd"]


@admin.register(Arahan)
class ArahanAdmin(admin.ModelAdmin):
    list_display = ["rakor", "nomor", "isi"]
    list_filter = ["rakor__fiscal_year", "rakor__jenis"]
    search_fields = ["isi"]
    inlines = [TindakLanjutInline]


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    readonly_fields = ["at", "user", "from_status", "to_status", "catatan"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Notes are written through TindakLanjut.record_progress (the OPD's update form).
        return False


@admin.register(TindakLanjut)
class TindakLanjutAdmin(admin.ModelAdmin):
    list_display = ["opd", "arahan", "batas_waktu", "status"]
    list_filter = ["status", "arahan__rakor", "opd"]
    search_fields = ["uraian", "arahan__isi", "opd__nama"]
    autocomplete_fields = ["opd"]
    inlines = [ProgressNoteInline]


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    """Issued briefings are frozen documents: readable here, never edited."""

    list_display = ["rakor", "version", "status", "issued_at", "issued_by", "sha256"]
    list_filter = ["status", "tahun"]
    search_fields = ["sha256"]
    exclude = ["pdf", "html"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OpenData)
class OpenDataAdmin(admin.ModelAdmin):
    """One row: the admin turns the public open-data page on or off."""

    list_display = ["__str__", "lisensi"]

    def has_add_permission(self, request):
        return not OpenData.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their users; the admin sees them and may revoke (never the key)."""

    list_display = ["nama", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["nama", "user__username", "prefix"]
    readonly_fields = ["user", "nama", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Kabupaten)
class KabupatenAdmin(admin.ModelAdmin):
    """Province mode: the kabupaten/kota whose Rakor this installation pulls."""

    list_display = ["nama", "base_url", "aktif"]
    list_filter = ["aktif"]
    search_fields = ["nama", "base_url"]


@admin.register(Tarikan)
class TarikanAdmin(admin.ModelAdmin):
    list_display = ["kabupaten", "at", "ok", "tahun", "bulan", "pesan_galat"]
    list_filter = ["ok", "kabupaten"]
    readonly_fields = [
        "kabupaten",
        "at",
        "ok",
        "pesan_galat",
        "tahun",
        "bulan",
        "ringkasan",
        "rekap",
    ]

    def has_add_permission(self, request):
        return False
