"""The audit trail: every change to a figure or a status is recorded here, whatever the door.

Forms, imports and the admin call `record_changes`; nothing writes AuditEvent rows directly.
"""

from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from opd.formatting import format_persen, format_rupiah

from .choices import StatusLaporan
from .models import AuditEvent, MonthlyReport, Realisasi


def as_text(value) -> str:
    """A stable text form of a value for the trail (Decimal without float noise)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def changed_fields(before: dict, after: dict) -> dict:
    """{field: (old, new)} for every field whose text form differs between before and after."""
    return {
        field: (before.get(field), new)
        for field, new in after.items()
        if as_text(before.get(field)) != as_text(new)
    }


def record_changes(
    changes: dict,
    *,
    user=None,
    sumber: str,
    opd=None,
    line=None,
    report=None,
    import_record=None,
    tahun: int | None = None,
    bulan: int | None = None,
    defer: list | None = None,
) -> list[AuditEvent]:
    """Record {field: (old, new)} as audit events.

    With `defer` (a list), the unsaved events are appended to it so a bulk writer (an import)
    can `AuditEvent.objects.bulk_create(defer)` once; otherwise they are saved here.
    """
    events = [
        AuditEvent(
            user=user if (user is not None and user.is_authenticated) else None,
            sumber=sumber,
            opd=opd if opd is not None else getattr(line, "opd", None),
            line=line,
            report=report,
            import_record=import_record,
            tahun=tahun,
            bulan=bulan,
            field=field,
            old_value=as_text(old),
            new_value=as_text(new),
        )
        for field, (old, new) in changes.items()
    ]
    if defer is not None:
        defer.extend(events)
    elif events:
        AuditEvent.objects.bulk_create(events)
    return events


# --- the trail for people: labels and values as the pages show them ---------------------------

MONEY_FIELDS = {"realisasi_keuangan", "target_keuangan", "pagu"}
PERCENT_FIELDS = {"realisasi_fisik", "target_fisik"}


def field_label(field: str) -> str:
    """`realisasi_keuangan` → `Realisasi keuangan`: the verbose name of the field recorded."""
    for model in (Realisasi, MonthlyReport):
        try:
            label = str(model._meta.get_field(field).verbose_name)
            return label[:1].upper() + label[1:]
        except FieldDoesNotExist:
            continue
    return field.replace("_", " ").capitalize()


def value_label(field: str, value: str) -> str:
    """A recorded value as people read it: `Rp1.500.000`, `65,50 %`, `Ya`, `Terkirim`."""
    if value in (None, ""):
        return ""
    if field in MONEY_FIELDS:
        return format_rupiah(value)
    if field in PERCENT_FIELDS:
        return f"{format_persen(value)} %"
    if field == "status":
        return str(dict(StatusLaporan.choices).get(value, value))
    if value in ("True", "False"):
        return str(_("Ya") if value == "True" else _("Tidak"))
    return value
