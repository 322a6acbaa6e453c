"""The one door for writing a monthly report: save, submit, verify, return, reopen.

Each function validates, writes in one transaction and records the audit trail through
realisasi.audit.record_changes. Views and the admin call these functions; nothing else writes
Realisasi rows or report statuses from a form.

Concurrency: MonthlyReport.version is an optimistic lock. Every write is given the version the
user's page was built from; the report row is locked (select_for_update) and the version bumped.
A status transition from a stale page is refused (StaleReport). A save is checked line by line
when its entries carry the token (line_token) of the row the page showed: an operator and a
PPTK saving different lines of one report both go through, and only a line whose stored row
changed since the page was built *and* whose typed values differ from it is refused
(LinesConflict, nothing written). Entries without a token fall back to the whole-report check.
A status transition already done (a double click, a resent form) is a no-op: it creates
nothing twice.

Lateness: `terlambat` is decided at the first submission of a month (FiscalYear.is_late) and
kept when a returned report is submitted again: the OPD met (or missed) the deadline once.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from opd.formatting import format_persen, format_rupiah

from . import ledger, notices, permissions
from .audit import PendingEvents, changed_fields, record_changes
from .bulk import bulk_update
from .choices import (
    NAMA_BULAN,
    SUBMITTED_STATUSES,
    StatusLaporan,
    SumberPerubahan,
    SumberRealisasi,
)
from .figures import line_deviasi, needs_kendala
from .models import BudgetLine, KategoriKendala, MonthlyReport, Realisasi, StatusChange
from .period import Period
from .validators import text_error

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FIGURE_FIELDS = [
    "realisasi_keuangan",
    "realisasi_fisik",
    "kendala",
    "kategori_kendala",
    "solusi",
    "pihak_terkait",
    "alasan_koreksi",
]
TEXT_FIELDS = ["kendala", "solusi", "pihak_terkait", "alasan_koreksi"]
CANNOT_CLEAR = _lazy("Realisasi yang sudah disimpan tidak dapat dikosongkan.")
CLOSED_MONTH = _lazy("Bulan %(bulan)s %(tahun)s belum berjalan: realisasinya belum dapat diisi.")


class WorkflowError(Exception):
    """An action refused with a message for the user (Indonesian)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(WorkflowError):
    """The user may not do this (the views answer 403)."""


class StaleReport(WorkflowError):
    """The report changed since the user's page was built."""

    def __init__(self, report):
        who = report.updated_by.display_name() if report.updated_by else _("pengguna lain")
        when = timezone.localtime(report.updated_at).strftime("%d-%m-%Y %H:%M")
        super().__init__(
            _(
                "Laporan ini telah diubah oleh %(who)s pada %(when)s setelah halaman Anda dibuka. "
                "Perubahan Anda belum disimpan."
            )
            % {"who": who, "when": when}
        )
        self.report = report


class LinesConflict(WorkflowError):
    """Lines changed by someone else since the page was built: `lines` is {line pk: message}."""

    def __init__(self, lines: dict):
        super().__init__(
            _(
                "%(n)s baris telah diubah orang lain setelah halaman Anda dibuka; perubahan Anda "
                "belum disimpan."
            )
            % {"n": len(lines)}
        )
        self.lines = lines


class ReportInvalid(WorkflowError):
    """Some lines break a rule: `errors` is {line pk: {field: message}}."""

    def __init__(self, message: str, errors: dict):
        super().__init__(message)
        self.errors = errors


@dataclass
class LineEntry:
    """What a user typed for one budget line (cumulative figures up to the month)."""

    line_id: int
    realisasi_keuangan: Decimal | None
    realisasi_fisik: Decimal | None
    kendala: str = ""
    kategori_kendala: KategoriKendala | None = None
    solusi: str = ""
    pihak_terkait: str = ""
    alasan_koreksi: str = ""
    konfirmasi_koreksi: bool = False
    # line_token() of the stored row the user's page showed; None when the caller has none.
    seen_token: str | None = None

    def values(self) -> dict:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


@dataclass
class SaveResult:
    report: MonthlyReport
    changed_lines: list = field(default_factory=list)


def line_token(row) -> str:
    """What a page remembers of a stored Realisasi row to detect a later change ("" if none)."""
    return row.updated_at.isoformat() if row is not None else ""


def keuangan_problem(keu, pagu):
    """The rule on a cumulative realisasi keuangan: not negative, not above the line's pagu."""
    if keu < 0:
        return _("Realisasi keuangan tidak boleh negatif.")
    if keu > pagu:
        return _("Realisasi keuangan %(real)s melebihi pagu %(pagu)s.") % {
            "real": format_rupiah(keu),
            "pagu": format_rupiah(pagu),
        }
    return None


def fisik_problem(fisik):
    """The rule on a cumulative realisasi fisik: a percentage from 0 to 100."""
    if not (0 <= fisik <= 100):
        return _("Realisasi fisik harus antara 0 dan 100 persen.")
    return None


def lower_problem(keu, fisik, prev_rp, prev_fisik, alasan: str, konfirmasi: bool):
    """A cumulative figure below last month's needs a confirmed reason (None: fine).

    `keu` or `fisik` is None when it is not checked (absent, unreadable or already refused).
    """
    lower = (keu is not None and keu < prev_rp) or (fisik is not None and fisik < prev_fisik)
    if lower and not (konfirmasi and (alasan or "").strip()):
        return _(
            "Angka kumulatif lebih rendah dari bulan lalu (keuangan %(rp)s, fisik %(fisik)s %%): "
            "centang konfirmasi koreksi dan isi alasannya."
        ) % {"rp": format_rupiah(prev_rp), "fisik": format_persen(prev_fisik)}
    return None


def validate_entry(entry: LineEntry, line, unreadable=(), saved: bool = False) -> dict:
    """{field: message} for every rule one line breaks, all checked at once.

    `line` carries pagu_m and prev_*. `unreadable` names the figures whose text could not be
    read as a number (the number reader has its own message for them): they count as typed,
    and only the other figure's rules run. `saved`: the line already has a row this month,
    which cannot be emptied again.
    """
    errors: dict[str, StrOrPromise] = {}
    for name in TEXT_FIELDS:
        message = text_error(name, getattr(entry, name))
        if message:
            errors[name] = message
    if errors:
        return errors
    keu, fisik = entry.realisasi_keuangan, entry.realisasi_fisik
    has_keu = keu is not None or "realisasi_keuangan" in unreadable
    has_fisik = fisik is not None or "realisasi_fisik" in unreadable
    if not has_keu and not has_fisik:
        if saved:
            errors["realisasi_keuangan"] = CANNOT_CLEAR
        elif entry.kendala or entry.solusi or entry.pihak_terkait or entry.alasan_koreksi:
            errors["realisasi_keuangan"] = _("Isi realisasi keuangan dan fisik baris ini.")
        return errors
    if not has_keu:
        errors["realisasi_keuangan"] = (
            CANNOT_CLEAR if saved else _("Realisasi keuangan wajib diisi bila fisik diisi.")
        )
    elif keu is not None and (problem := keuangan_problem(keu, line.pagu_m)):
        errors["realisasi_keuangan"] = problem
    if not has_fisik:
        errors["realisasi_fisik"] = _("Realisasi fisik wajib diisi bila keuangan diisi.")
    elif fisik is not None and (problem := fisik_problem(fisik)):
        errors["realisasi_fisik"] = problem
    problem = lower_problem(
        None if "realisasi_keuangan" in errors else keu,
        None if "realisasi_fisik" in errors else fisik,
        line.prev_rp,
        line.prev_fisik,
        entry.alasan_koreksi,
        entry.konfirmasi_koreksi,
    )
    if problem:
        errors["alasan_koreksi"] = problem
    return errors


def report_lines(opd, fiscal_year, bulan: int):
    """The OPD's budget lines of the year with the figures the report page and rules need."""
    return (
        BudgetLine.objects.filter(opd=opd, fiscal_year=fiscal_year)
        .with_figures(bulan)
        .with_previous(bulan)
        .select_related("sub_kegiatan__kegiatan__program", "sumber_dana", "pptk")
    )


def _locked_report(opd, fiscal_year, bulan: int, create: bool = False):
    """The report row locked for this transaction; created as draf when `create`."""
    lookup = {"opd": opd, "fiscal_year": fiscal_year, "bulan": bulan}
    # of=("self",) and no ordering: the report row alone is locked, not the FiscalYear and Opd
    # rows a join would bring (FOR UPDATE locks every joined row: every save of the year
    # would wait on the one FiscalYear row).
    locked = MonthlyReport.objects.select_for_update(of=("self",)).order_by()
    report = locked.filter(**lookup).first()
    if report is None and create:
        try:
            with transaction.atomic():
                report = MonthlyReport.objects.create(**lookup)
        except IntegrityError:
            # Someone created it a moment ago: use theirs (its version decides).
            report = locked.get(**lookup)
        else:
            report.just_created = True
    if report is not None:
        # The audit events and notices read both: the caller's objects save a query each.
        report.opd, report.fiscal_year = opd, fiscal_year
    return report


def _bump_version(report, posted_version: int, user, **fields) -> None:
    """UPDATE ... WHERE version = posted: the optimistic lock's last word (a MonthlyReport or
    a LaporanKinerja: both carry the version)."""
    now = timezone.now()
    updated = (
        type(report)
        .objects.filter(pk=report.pk, version=posted_version)
        .bump_version(user, now, **fields)
    )
    if not updated:
        report.refresh_from_db()
        raise StaleReport(report)
    report.version = posted_version + 1
    report.updated_by, report.updated_at = user, now
    for name, value in fields.items():
        setattr(report, name, value)


def save_report(
    user,
    opd,
    fiscal_year,
    bulan: int,
    entries: list,
    version: int,
    sumber=SumberPerubahan.FORM,
    lines: dict | None = None,
) -> SaveResult:
    """Save the typed figures of some lines of an OPD's month as they are (draf allowed).

    Refused as a whole (nothing written) when a rule fails, a line changed since the page was
    built (or, for entries without a token, the report did), the report is locked, the month
    has not begun, or the user may not edit one of the lines.

    `lines`: {pk: line} of report_lines() for this month, when the caller has just read them
    (the report page checks its form against them); read here otherwise. The rules use their
    pagu and last month's figures, which no save of this month changes, so the page's read is
    as good as one taken under the report's lock; the stored rows of the month, which a
    concurrent save does change, are always read under the lock.
    """
    if not permissions.can_edit_report(user, opd, None):
        raise NotAllowed(_("Anda tidak berhak mengubah laporan OPD ini."))
    if not Period(fiscal_year.tahun, bulan).is_open_for_input():
        raise WorkflowError(CLOSED_MONTH % {"bulan": NAMA_BULAN[bulan], "tahun": fiscal_year.tahun})
    with transaction.atomic():
        report = _locked_report(opd, fiscal_year, bulan, create=True)
        per_line = bool(entries) and all(entry.seen_token is not None for entry in entries)
        if report.version != version and not per_line:
            raise StaleReport(report)
        if not permissions.can_edit_report(user, opd, report):
            raise WorkflowError(
                _("Laporan berstatus %(status)s tidak dapat diubah.")
                % {"status": report.get_status_display()}
            )
        ids = [entry.line_id for entry in entries]
        if lines is None:
            lines = {
                line.pk: line for line in report_lines(opd, fiscal_year, bulan).filter(pk__in=ids)
            }
        existing = {
            r.line_id: r
            for r in Realisasi.objects.filter(line_id__in=ids, bulan=bulan).select_related(
                "updated_by", "kategori_kendala"
            )
        }
        errors = {}
        for entry in entries:
            line = lines.get(entry.line_id)
            if line is None or not permissions.can_edit_line(user, line, report):
                raise NotAllowed(_("Anda tidak berhak mengubah salah satu baris laporan ini."))
            line_errors = validate_entry(entry, line, saved=entry.line_id in existing)
            if line_errors:
                errors[entry.line_id] = line_errors
        if errors:
            raise ReportInvalid(_("Laporan belum disimpan: periksa isian yang ditandai."), errors)
        if report.version != version:
            _check_conflicts(entries, existing)
        with ledger.deferred():
            changed, figures_changed = _write_lines(user, report, entries, lines, existing, sumber)
            # Kendala, solusi and the like are not in the ledger: only new rows and changed
            # figures (and with them the source) refresh it.
            ledger.refresh(figures_changed, from_month=bulan)
        if changed or getattr(report, "just_created", False):
            if getattr(report, "just_created", False):
                _record_status(report, "", StatusLaporan.DRAF, user, "", sumber)
            _bump_version(report, report.version, user)
    return SaveResult(report=report, changed_lines=changed)


def _check_conflicts(entries, existing) -> None:
    """Refuse the lines whose stored row changed since the page and differs from the typing."""
    conflicts = {}
    for entry in entries:
        row = existing.get(entry.line_id)
        if entry.seen_token == line_token(row):
            continue
        current = {name: getattr(row, name) for name in FIGURE_FIELDS} if row else {}
        if entry.realisasi_keuangan is None or (row and not _differs(current, entry.values())):
            continue  # nothing typed on the line, or typed exactly what is stored now
        if row is None:
            conflicts[entry.line_id] = _(
                "Baris ini telah dikosongkan orang lain setelah halaman Anda dibuka."
            )
            continue
        who = row.updated_by.display_name() if row.updated_by else _("pengguna lain")
        conflicts[entry.line_id] = _(
            "Baris ini telah diubah oleh %(who)s pada %(when)s setelah halaman Anda dibuka: "
            "tersimpan %(rp)s, fisik %(fisik)s %%. Isian Anda masih tampil; simpan lagi bila "
            "tetap ingin menggantinya."
        ) % {
            "who": who,
            "when": timezone.localtime(row.updated_at).strftime("%d-%m-%Y %H:%M"),
            "rp": format_rupiah(row.realisasi_keuangan),
            "fisik": format_persen(row.realisasi_fisik),
        }
    if conflicts:
        raise LinesConflict(conflicts)


def _write_lines(user, report, entries, lines, existing, sumber) -> tuple[list, list[int]]:
    """Bulk-create new rows, bulk-update changed ones, and record every changed value.

    Returns the lines changed, and the pks of those whose ledger inputs changed (a new row, a
    new keuangan or fisik)."""
    now = timezone.now()
    to_create, to_update, changed, figures_changed = [], [], [], []
    events = PendingEvents()
    # Only the columns that changed on some row: bulk_update builds one CASE per row and
    # column, which dominated the save of 150 lines (docs/benchmarks.md).
    update_fields = {"updated_by", "updated_at"}
    for entry in entries:
        if entry.realisasi_keuangan is None:
            continue
        line, row = lines[entry.line_id], existing.get(entry.line_id)
        before = {name: getattr(row, name) for name in FIGURE_FIELDS} if row else {}
        after = entry.values()
        if row is not None and not _differs(before, after):
            continue
        if row is None:
            row = Realisasi(line=line, bulan=report.bulan)
            to_create.append(row)
        else:
            to_update.append(row)
            update_fields.update(name for name, value in after.items() if before[name] != value)
        for name, value in after.items():
            setattr(row, name, value)
        changes = changed_fields(before, after)
        if "realisasi_keuangan" in changes:
            row.sumber = SumberRealisasi.OPD  # an SP2D figure stays SP2D until retyped
            update_fields.add("sumber")
        if not before or "realisasi_keuangan" in changes or "realisasi_fisik" in changes:
            figures_changed.append(line.pk)
        row.updated_by, row.updated_at = user, now
        record_changes(
            changes,
            user=user,
            sumber=sumber,
            opd=report.opd,
            line=line,
            report=report,
            tahun=report.fiscal_year.tahun,
            bulan=report.bulan,
            defer=events,
        )
        changed.append(line)
    Realisasi.objects.bulk_create(to_create)
    bulk_update(to_update, sorted(update_fields))
    events.save()
    return changed, figures_changed


def _differs(before: dict, after: dict) -> bool:
    return any(before.get(name) != value for name, value in after.items())


def _record_status(report, old, new, user, catatan, sumber) -> StatusChange:
    change = StatusChange.objects.create(
        report=report, from_status=old, to_status=new, user=user, catatan=catatan
    )
    record_changes(
        {"status": (old, new)},
        user=user,
        sumber=sumber,
        opd=report.opd,
        report=report,
        tahun=report.fiscal_year.tahun,
        bulan=report.bulan,
    )
    return change


def _transition(report, version, user, to_status, catatan="", sumber=SumberPerubahan.FORM, **extra):
    old = report.status
    if report.version != version:
        raise StaleReport(report)
    _bump_version(report, version, user, status=to_status, **extra)
    change = _record_status(report, old, to_status, user, catatan, sumber)
    notices.report_status_changed(report, change)
    return report


def submit_report(user, opd, fiscal_year, bulan: int, version: int, sumber=SumberPerubahan.FORM):
    """Submit an OPD's month: every line filled, and a kendala where a line lags behind.

    Submitting a report already terkirim/terverifikasi is a no-op (a double click).
    """
    with transaction.atomic():
        report = _locked_report(opd, fiscal_year, bulan)
        if report is not None and report.status in SUBMITTED_STATUSES:
            return report
        if not permissions.can_submit(user, opd, report):
            raise NotAllowed(_("Anda tidak berhak mengirim laporan OPD ini."))
        if report is None:
            raise WorkflowError(_("Belum ada realisasi yang disimpan untuk bulan ini."))
        if report.version != version:
            raise StaleReport(report)
        _check_complete(report, opd, fiscal_year, bulan)
        now = timezone.now()
        terlambat = report.terlambat
        if report.submitted_at is None:
            terlambat = fiscal_year.is_late(bulan, now)
        extra = {"submitted_at": now, "submitted_by": user, "terlambat": terlambat}
        if terlambat != report.terlambat:
            record_changes(
                {"terlambat": (report.terlambat, terlambat)},
                user=user,
                sumber=sumber,
                opd=opd,
                report=report,
                tahun=fiscal_year.tahun,
                bulan=bulan,
            )
        return _transition(report, version, user, StatusLaporan.TERKIRIM, "", sumber, **extra)


def _check_complete(report, opd, fiscal_year, bulan: int) -> None:
    """Every line reported for the month, and a kendala on each line below the threshold."""
    kendala = dict(
        Realisasi.objects.filter(
            line__opd=opd, line__fiscal_year=fiscal_year, bulan=bulan
        ).values_list("line_id", "kendala")
    )
    errors = {}
    for line in report_lines(opd, fiscal_year, bulan):
        if line.pk not in kendala:
            errors[line.pk] = {"realisasi_keuangan": _("Baris ini belum diisi untuk bulan ini.")}
            continue
        deviations = line_deviasi(
            line.pagu_m, line.target_rp, line.real_rp, line.target_fisik, line.real_fisik
        )
        if needs_kendala(*deviations) and not kendala[line.pk].strip():
            errors[line.pk] = {
                "kendala": _(
                    "Deviasi di bawah %(batas)s poin: kendala wajib diisi sebelum dikirim."
                )
                % {"batas": format_persen(settings.RAKOR_KENDALA_THRESHOLD)}
            }
    if errors:
        raise ReportInvalid(
            _("Laporan %(bulan)s belum dapat dikirim: lengkapi isian yang ditandai.")
            % {"bulan": NAMA_BULAN[bulan]},
            errors,
        )


def _verifikator_action(report_pk, version, user, allowed, to_status, catatan, **extra):
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update(of=("self",)).select_related(
            "opd", "fiscal_year"
        )
        report = report.get(pk=report_pk)
        if report.status == to_status and report.version != version:
            _already_done(report, user, to_status, catatan)
            return report  # already done by this very request, sent twice
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


def _already_done(report, user, to_status, catatan) -> None:
    """The report is already in `to_status`: quiet when this user did it with this note (the
    same request sent twice); otherwise the truth, since two verifikators acting on one
    version must not both be told it went their way (issue 13, finding 9)."""
    last = report.status_changes.filter(to_status=to_status).order_by("-at", "-pk").first()
    if last is not None and last.user_id == user.pk and last.catatan == catatan:
        return
    who = last.user.display_name() if last is not None and last.user else _("pengguna lain")
    when = timezone.localtime(last.at if last is not None else report.updated_at)
    message = _("Laporan ini sudah %(status)s oleh %(who)s pada %(when)s.") % {
        "status": report.get_status_display().lower(),
        "who": who,
        "when": when.strftime("%d-%m-%Y %H:%M"),
    }
    if catatan:
        message = (
            message.removesuffix(".")
            + "; "
            + _("catatan Anda tidak disimpan: \u201c%(catatan)s\u201d.") % {"catatan": catatan}
        )
    raise WorkflowError(message)


def verify_report(user, report_pk: int, version: int):
    """Terkirim → terverifikasi: the month is locked until reopened."""
    now = timezone.now()
    return _verifikator_action(
        report_pk,
        version,
        user,
        permissions.can_verify,
        StatusLaporan.TERVERIFIKASI,
        "",
        verified_at=now,
        verified_by=user,
    )


def _required_note(catatan: str) -> str:
    catatan = (catatan or "").strip()
    message = _("Catatan wajib diisi.") if not catatan else text_error("catatan", catatan)
    if message:
        raise ReportInvalid(message, {"catatan": message})
    return catatan


def return_report(user, report_pk: int, version: int, catatan: str):
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


def reopen_report(user, report_pk: int, version: int, catatan: str):
    """Terverifikasi → dikembalikan: a verified month is opened again, with the reason."""
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


# --- The admin's door -----------------------------------------------------------------------
