from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Grouping, Opd, User


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
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Rakor"), {"fields": ("role", "opd", "jabatan", "nip", "must_change_password")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Rakor"), {"fields": ("role", "opd", "jabatan")}),
    )
