"""The audit trail: every change to a figure or a status is recorded here, whatever the door.

Forms, imports and the admin call `record_changes`; nothing writes AuditEvent rows directly.
"""

from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.formatting import format_persen, format_rupiah

from . import bulk
from .choices import StatusLaporan
from .models import AuditEvent, IndikatorRealisasi, LaporanKinerja, MonthlyReport, Realisasi


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


class PendingEvents(list):
    """The audit events of a bulk writer (an import), kept as column values and inserted at
    once by `save()`: tens of thousands of AuditEvent instances would cost more than the
    import's own rows."""

    FIELDS = (
        "at",
        "user_id",
        "sumber",
        "opd_id",
        "line_id",
        "report_id",
        "import_record_id",
        "tahun",
        "bulan",
        "field",
        "old_value",
        "new_value",
    )

    def __init__(self):
        super().__init__()
        self.at = timezone.now()

    def save(self) -> None:
        bulk.insert_rows(AuditEvent, self.FIELDS, self)


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
    laporan_kinerja=None,
    indikator=None,
) -> list[AuditEvent]:
    """Record {field: (old, new)} as audit events.

    With `defer` (a list), the unsaved events are appended to it so a bulk writer can save
    them at once (a PendingEvents gets column values); otherwise they are saved here.
    """
    if laporan_kinerja is not None or indikator is not None:
        # A performance report's events (realisasi.workflow_kinerja): few, never the bulk path.
        assert not isinstance(defer, PendingEvents)
    # Ids, not instances: an import builds tens of thousands of events, and assigning related
    # instances costs more than the insert itself.
    user_id = user.pk if (user is not None and user.is_authenticated) else None
    opd_id = opd.pk if opd is not None else getattr(line, "opd_id", None)
    if isinstance(defer, PendingEvents):
        defer.extend(
            (
                defer.at,
                user_id,
                sumber,
                opd_id,
                getattr(line, "pk", None),
                getattr(report, "pk", None),
                getattr(import_record, "pk", None),
                tahun,
                bulan,
                field,
                as_text(old),
                as_text(new),
            )
            for field, (old, new) in changes.items()
        )
        return []
    events = [
        AuditEvent(
            user_id=user_id,
            sumber=sumber,
            opd_id=opd_id,
            line_id=getattr(line, "pk", None),
            report_id=getattr(report, "pk", None),
            import_record_id=getattr(import_record, "pk", None),
            laporan_kinerja_id=getattr(laporan_kinerja, "pk", None),
            indikator_id=getattr(indikator, "pk", None),
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
    for model in (Realisasi, MonthlyReport, IndikatorRealisasi, LaporanKinerja):
        try:
            found = model._meta.get_field(field)
        except FieldDoesNotExist:
            continue
        if isinstance(found, Field):  # a recorded value is a column, never a relation's far end
            label = str(found.verbose_name)
            return label[:1].upper() + label[1:]
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
