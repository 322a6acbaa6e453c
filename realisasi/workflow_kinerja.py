"""The one door for writing an OPD's quarterly performance report (capaian kinerja): save,
submit, verify, return, reopen.

The monthly report's workflow (realisasi/workflow.py) applied to LaporanKinerja: the same
statuses, the same people (realisasi/permissions.py: operators and pengelola of the OPD type,
the operator submits, a verifikator without a conflict of duty decides), the same optimistic
version (workflow._bump_version: a page built on an older version is refused with StaleReport,
nothing written), the same audit trail (realisasi.audit.record_changes: each changed value and
each status, carrying the report and the indicator and no month) and the same deadline (the
month that closes the quarter: FiscalYear.is_late, decided at the first submission). A status
transition already done by the same user (a double click) is a no-op.

A save is checked row by row as the month report's lines are (workflow.save_report): when every
entry carries the token of the row its page showed (row_token), only an indicator whose stored
row changed since *and* whose typed values differ from it is refused (LinesConflict, nothing
written); two people saving different programs of one quarter both go through. Entries without
a token fall back to the whole-report version.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from opd.formatting import format_nilai

from . import permissions
from .audit import changed_fields, record_changes
from .bulk import bulk_update
from .choices import (
    NAMA_BULAN,
    NAMA_TRIWULAN,
    SUBMITTED_STATUSES,
    StatusLaporan,
    SumberPerubahan,
)
from .kinerja import indikator_figures
from .models import AuditEvent, Indikator, IndikatorRealisasi, LaporanKinerja
from .period import Period
from .validators import text_error
from .workflow import (
    LinesConflict,
    NotAllowed,
    ReportInvalid,
    StaleReport,
    WorkflowError,
    _bump_version,
    _required_note,
)

FIELDS = ["realisasi", "faktor_pendorong", "faktor_penghambat", "tindak_lanjut"]
TEXT_FIELDS = FIELDS[1:]
CLOSED_QUARTER = _lazy(
    "Triwulan %(tw)s %(tahun)s belum berakhir: realisasinya dapat diisi mulai bulan %(bulan)s."
)


@dataclass
class KinerjaEntry:
    """What a user typed for one indicator in the quarter."""

    indikator_id: int
    realisasi: Decimal | None
    faktor_pendorong: str = ""
    faktor_penghambat: str = ""
    tindak_lanjut: str = ""
    seen_token: str | None = None  # row_token of the row the page showed; None: not sent

    def values(self) -> dict:
        return {name: getattr(self, name) for name in FIELDS}


def row_token(row) -> str:
    """What a page remembers of a stored realization to detect a later change ("" if none)."""
    return row.updated_at.isoformat() if row is not None and row.updated_at else ""


def quarter_is_open(tahun: int, triwulan: int) -> bool:
    """A triwulan can be filled in from the first day of the month that closes it."""
    return Period(tahun, triwulan * 3).is_open_for_input()


def latest_quarter(today=None) -> tuple[int, int]:
    """The triwulan people report now: the last one closed by the month people report
    (TW III from October on; TW IV of the year before in January and February)."""
    tahun, bulan = Period.reporting(today)
    if bulan < 3:
        return tahun - 1, 4
    return tahun, bulan // 3


def indikator_of(opd, fiscal_year):
    """The OPD's indicators of the year in Form E.81's order."""
    return (
        Indikator.objects.filter(opd=opd, fiscal_year=fiscal_year)
        .in_form_order()
        .select_related("program", "kegiatan", "sub_kegiatan")
    )


def validate_entry(entry: KinerjaEntry, saved: bool) -> dict:
    """{field: message} for every rule one indicator's entry breaks."""
    errors = {}
    for name in TEXT_FIELDS:
        message = text_error(name, getattr(entry, name))
        if message:
            errors[name] = message
    if entry.realisasi is None:
        if saved:
            errors["realisasi"] = _("Realisasi yang sudah disimpan tidak dapat dikosongkan.")
        elif entry.faktor_pendorong or entry.faktor_penghambat or entry.tindak_lanjut:
            errors["realisasi"] = _("Isi realisasi indikator ini.")
    elif abs(entry.realisasi) >= Decimal(10) ** 16:
        errors["realisasi"] = _("Angka realisasi terlalu besar.")
    return errors


def _locked(opd, fiscal_year, triwulan: int, create: bool = False):
    lookup = {"opd": opd, "fiscal_year": fiscal_year, "triwulan": triwulan}
    locked = LaporanKinerja.objects.select_for_update(of=("self",)).order_by()
    report = locked.filter(**lookup).first()
    if report is None and create:
        try:
            with transaction.atomic():
                report = LaporanKinerja.objects.create(**lookup)
        except IntegrityError:
            report = locked.get(**lookup)
        else:
            report.just_created = True
    return report


def _record(report, changes: dict, user, sumber, indikator=None, defer=None) -> None:
    record_changes(
        changes,
        user=user,
        sumber=sumber,
        opd=report.opd,
        tahun=report.fiscal_year.tahun,
        laporan_kinerja=report,
        indikator=indikator,
        defer=defer,
    )


def save_kinerja(
    user, opd, fiscal_year, triwulan: int, entries: list, version: int, sumber=SumberPerubahan.FORM
) -> LaporanKinerja:
    """Save the typed realization of some indicators of an OPD's quarter (draf allowed).

    Refused as a whole (nothing written) when a rule fails, the report changed since the page
    was built, the report is locked, the quarter has not ended, or the user may not edit it.
    """
    if not permissions.can_edit_report(user, opd, None):
        raise NotAllowed(_("Anda tidak berhak mengubah laporan kinerja OPD ini."))
    if not quarter_is_open(fiscal_year.tahun, triwulan):
        raise WorkflowError(
            CLOSED_QUARTER
            % {
                "tw": NAMA_TRIWULAN[triwulan],
                "tahun": fiscal_year.tahun,
                "bulan": NAMA_BULAN[triwulan * 3],
            }
        )
    with transaction.atomic():
        report = _locked(opd, fiscal_year, triwulan, create=True)
        per_row = bool(entries) and all(entry.seen_token is not None for entry in entries)
        if report.version != version and not per_row:
            raise StaleReport(report)
        if not permissions.can_edit_report(user, opd, report):
            raise WorkflowError(
                _("Laporan berstatus %(status)s tidak dapat diubah.")
                % {"status": report.get_status_display()}
            )
        ids = [entry.indikator_id for entry in entries]
        indikator = {item.pk: item for item in Indikator.objects.filter(pk__in=ids, opd=opd)}
        if set(ids) - set(indikator) or any(
            item.fiscal_year_id != fiscal_year.pk for item in indikator.values()
        ):
            raise NotAllowed(_("Anda tidak berhak mengubah salah satu indikator ini."))
        existing = {
            row.indikator_id: row
            for row in IndikatorRealisasi.objects.filter(
                indikator_id__in=ids, triwulan=triwulan
            ).select_related("updated_by")
        }
        errors = {}
        for entry in entries:
            found = validate_entry(entry, saved=entry.indikator_id in existing)
            if found:
                errors[entry.indikator_id] = found
        if errors:
            raise ReportInvalid(_("Laporan belum disimpan: periksa isian yang ditandai."), errors)
        if report.version != version:
            _check_conflicts(entries, existing)
        changed = _write(user, report, entries, indikator, existing, sumber)
        created = getattr(report, "just_created", False)
        if created:
            _record(report, {"status": ("", StatusLaporan.DRAF)}, user, sumber)
        if changed or created:
            _bump_version(report, report.version, user)
    return report


def _check_conflicts(entries, existing) -> None:
    """Refuse the indicators whose stored row changed since the page and differs from what
    was typed (workflow._check_conflicts' rule for the month report's lines)."""
    conflicts = {}
    for entry in entries:
        row = existing.get(entry.indikator_id)
        if entry.seen_token == row_token(row):
            continue
        if entry.realisasi is None or (row and not changed_fields(_stored(row), entry.values())):
            continue  # nothing typed, or typed exactly what is stored now
        if row is None:
            conflicts[entry.indikator_id] = _(
                "Realisasi indikator ini telah dihapus orang lain setelah halaman Anda dibuka."
            )
            continue
        who = row.updated_by.display_name() if row.updated_by else _("pengguna lain")
        conflicts[entry.indikator_id] = _(
            "Indikator ini telah diubah oleh %(who)s pada %(when)s setelah halaman Anda dibuka "
            "(tersimpan %(nilai)s). Isian Anda masih tampil; simpan lagi bila tetap ingin "
            "menggantinya."
        ) % {
            "who": who,
            "when": timezone.localtime(row.updated_at).strftime("%d-%m-%Y %H:%M"),
            "nilai": format_nilai(row.realisasi),
        }
    if conflicts:
        raise LinesConflict(conflicts)


def _stored(row) -> dict:
    return {name: getattr(row, name) for name in FIELDS}


def _write(user, report, entries, indikator, existing, sumber) -> int:
    """New rows created and changed rows updated in one statement each, their audit events in
    one more, whatever the number of indicators saved."""
    now = timezone.now()
    to_create, to_update = [], []
    events: list[AuditEvent] = []
    update_fields = {"updated_by", "updated_at"}
    for entry in entries:
        if entry.realisasi is None:
            continue
        row = existing.get(entry.indikator_id)
        before = _stored(row) if row else {}
        changes = changed_fields(before, entry.values())
        if not changes:
            continue
        if row is None:
            row = IndikatorRealisasi(indikator_id=entry.indikator_id, triwulan=report.triwulan)
            to_create.append(row)
        else:
            to_update.append(row)
            update_fields.update(changes)
        for name, value in entry.values().items():
            setattr(row, name, value)
        row.updated_by, row.updated_at = user, now
        _record(
            report, changes, user, sumber, indikator=indikator[entry.indikator_id], defer=events
        )
    IndikatorRealisasi.objects.bulk_create(to_create)
    bulk_update(to_update, sorted(update_fields))
    AuditEvent.objects.bulk_create(events)
    return len(to_create) + len(to_update)


def _transition(report, version, user, to_status, catatan="", sumber=SumberPerubahan.FORM, **extra):
    old = report.status
    if report.version != version:
        raise StaleReport(report)
    old_note = report.catatan_verifikator
    _bump_version(report, version, user, status=to_status, **extra)
    changes = {"status": (old, to_status)}
    if catatan:
        changes["catatan_verifikator"] = (old_note, catatan)
    _record(report, changes, user, sumber)
    return report


def submit_kinerja(
    user, opd, fiscal_year, triwulan: int, version: int, sumber=SumberPerubahan.FORM
):
    """Submit an OPD's quarter: every indicator realized, and a faktor penghambat on each whose
    capaian s.d. the quarter is below Tinggi. A second submit is a no-op."""
    with transaction.atomic():
        report = _locked(opd, fiscal_year, triwulan)
        if report is not None and report.status in SUBMITTED_STATUSES:
            return report
        if not permissions.can_submit(user, opd, report):
            raise NotAllowed(_("Anda tidak berhak mengirim laporan kinerja OPD ini."))
        if report is None:
            raise WorkflowError(
                _("Belum ada realisasi indikator yang disimpan untuk triwulan ini.")
            )
        if report.version != version:
            raise StaleReport(report)
        check_complete(opd, fiscal_year, triwulan)
        now = timezone.now()
        terlambat = report.terlambat
        if report.submitted_at is None:
            terlambat = fiscal_year.is_late(triwulan * 3, now)
        if terlambat != report.terlambat:
            _record(report, {"terlambat": (report.terlambat, terlambat)}, user, sumber)
        return _transition(
            report,
            version,
            user,
            StatusLaporan.TERKIRIM,
            sumber=sumber,
            submitted_at=now,
            submitted_by=user,
            terlambat=terlambat,
        )


def needs_penghambat(figures) -> bool:
    """A capaian s.d. the quarter below the Tinggi band needs its faktor penghambat."""
    tinggi = dict((key, lower) for lower, key in settings.RAKOR_CAPAIAN_BANDS)["tinggi"]
    return figures.capaian is not None and figures.capaian < tinggi


def check_complete(opd, fiscal_year, triwulan: int) -> None:
    rows: dict[int, dict] = {}
    for row in IndikatorRealisasi.objects.filter(
        indikator__opd=opd, indikator__fiscal_year=fiscal_year, triwulan__lte=triwulan
    ):
        rows.setdefault(row.indikator_id, {})[row.triwulan] = row
    errors = {}
    for item in indikator_of(opd, fiscal_year):
        figures = indikator_figures(item, rows.get(item.pk, {}), triwulan)
        if figures.row is None:
            errors[item.pk] = {"realisasi": _("Indikator ini belum diisi untuk triwulan ini.")}
        elif needs_penghambat(figures) and not figures.row.faktor_penghambat.strip():
            errors[item.pk] = {
                "faktor_penghambat": _(
                    "Capaian di bawah kategori Tinggi: faktor penghambat wajib diisi."
                )
            }
    if errors:
        raise ReportInvalid(
            _("Laporan kinerja triwulan %(tw)s belum dapat dikirim: lengkapi isian yang ditandai.")
            % {"tw": NAMA_TRIWULAN[triwulan]},
            errors,
        )


def _verifikator_action(report_pk, version, user, allowed, to_status, catatan, **extra):
    with transaction.atomic():
        report = (
            LaporanKinerja.objects.select_for_update(of=("self",))
            .select_related("opd", "fiscal_year")
            .get(pk=report_pk)
        )
        if report.status == to_status and report.version != version:
            _already_done(report, user)
            return report
        if not allowed(user, report):
            if not permissions.is_verifikator(user):
                raise NotAllowed(_("Hanya verifikator yang dapat melakukan ini."))
            conflict = permissions.duty_conflict(user, report)
            if conflict:
                raise WorkflowError(conflict)
            raise WorkflowError(
                _("Laporan berstatus %(status)s tidak dapat diproses seperti ini.")
                % {"status": report.get_status_display()}
            )
        return _transition(report, version, user, to_status, catatan, **extra)


def status_events(report):
    """The report's status changes, oldest first (the audit trail's status events)."""
    return (
        AuditEvent.objects.filter(laporan_kinerja=report, field="status")
        .select_related("user")
        .order_by("at", "pk")
    )


def _already_done(report, user) -> None:
    last = status_events(report).last()
    if last is not None and last.user_id == user.pk:
        return
    who = last.user.display_name() if last is not None and last.user else _("pengguna lain")
    when = timezone.localtime(last.at if last is not None else report.updated_at)
    raise WorkflowError(
        _("Laporan ini sudah %(status)s oleh %(who)s pada %(when)s.")
        % {
            "status": report.get_status_display().lower(),
            "who": who,
            "when": when.strftime("%d-%m-%Y %H:%M"),
        }
    )


def verify_kinerja(user, report_pk: int, version: int):
    """Terkirim → terverifikasi: the quarter is locked until reopened."""
    return _verifikator_action(
        report_pk,
        version,
        user,
        permissions.can_verify,
        StatusLaporan.TERVERIFIKASI,
        "",
        verified_at=timezone.now(),
        verified_by=user,
    )


def return_kinerja(user, report_pk: int, version: int, catatan: str):
    """Terkirim → dikembalikan with the verifikator's note; the OPD corrects and resubmits."""
    catatan = _required_note(catatan)
    return _verifikator_action(
        report_pk,
        version,
        user,
        permissions.can_return,
        StatusLaporan.DIKEMBALIKAN,
        catatan,
        catatan_verifikator=catatan,
    )


def reopen_kinerja(user, report_pk: int, version: int, catatan: str):
    """Terverifikasi → dikembalikan: a verified quarter is opened again, with the reason."""
    catatan = _required_note(catatan)
    return _verifikator_action(
        report_pk,
        version,
        user,
        permissions.can_reopen,
        StatusLaporan.DIKEMBALIKAN,
        catatan,
        catatan_verifikator=catatan,
        verified_at=None,
        verified_by=None,
    )
