from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Grouping, Notification, Opd, User


@admin.register(Grouping)
class GroupingAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "singkatan", "jenis", "grouping", "kepala", "aktif"]
    list_filter = ["jenis", "grouping", "aktif"]
    search_fields = ["kode", "nama", "singkatan", "kepala"]
    autocomplete_fields = ["parent"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "opd", "is_active"]
    list_filter = ["role", "is_active", "must_change_password", "opd__jenis"]
    search_fields = ["username", "first_name", "last_name", "email", "nip", "opd__nama"]
    autocomplete_fields = ["opd"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Rakor"), {"fields": ("role", "opd", "jabatan", "nip", "must_change_password")}),
        (_("Notifikasi"), {"fields": ("telepon", "notif_email", "notif_whatsapp")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Rakor"), {"fields": ("role", "opd", "jabatan")}),
    )


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "channel",
        "tujuan",
        "status",
        "attempts",
        "pesan_galat",
        "created_at",
        "sent_at",
    )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: the record of what was sent to whom (opd.notify writes it)."""

    list_display = ["created_at", "user", "kind", "judul", "read_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "judul", "key"]
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Every message per channel with its result; a failed one shows its reason."""

    list_display = [
        "created_at",
        "recipient",
        "channel",
        "tujuan",
        "status",
        "attempts",
        "pesan_galat",
    ]
    list_filter = ["status", "channel"]
    search_fields = ["notification__user__username", "tujuan", "notification__judul"]
    date_hierarchy = "created_at"
    list_select_related = ["notification__user"]

    @admin.display(description=_("penerima"), ordering="notification__user__username")
    def recipient(self, delivery):
        return delivery.notification.user

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
