"""The realization import: cumulative monthly realization of existing lines.

--sumber opd: the OPD's figures (keuangan, fisik, kendala, solusi, pihak_terkait) from the
file; an absent text column leaves the stored text as it is.
--sumber sp2d: BPKAD's treasury export; only realisasi_keuangan comes from the file. An
existing row keeps its fisik and texts; a new row carries fisik forward from the
line's latest earlier month (0 when none). Rows of an OPD month whose report is verified
(terverifikasi) are refused. Every change is recorded in the audit trail.

The figures obey the rules of the report form, with the same messages
(realisasi/workflow.py: keuangan_problem, fisik_problem, lower_problem): not negative, not above
the line's pagu at the month, fisik from 0 to 100, and a cumulative figure below the line's
previous month (in the database or earlier in the same file) only with an `alasan_koreksi`
(the import's confirmation). `kategori_kendala` names a category of the admin's list.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import bulk, workflow
from ..audit import PendingEvents, changed_fields, record_changes
from ..choices import JenisImpor, StatusLaporan, SumberPerubahan, SumberRealisasi
from ..models import BudgetLine, KategoriKendala, MonthlyReport, Realisasi
from ..validators import text_max_chars
from .base import Importer, LineIndex, Ref, Row, norm_name
from .problems import ImportRejected, ImportResult, Problem

ZERO = Decimal("0")


@dataclass
class RealisasiRow:
    number: int
    line_id: int
    opd_id: int
    bulan: int
    keuangan: Decimal
    fisik: Decimal | None
    kendala: str | None
    solusi: str | None
    pihak_terkait: str | None
    alasan_koreksi: str | None = None
    kategori_kendala_id: int | None = None


# The columns of a new Realisasi row in a fixed order; an import sets some of them.
NEW_ROW = {
    "line_id": None,
    "bulan": None,
    "realisasi_keuangan": None,
    "realisasi_fisik": None,
    "kendala": "",
    "solusi": "",
    "pihak_terkait": "",
    "alasan_koreksi": "",
    "sumber": SumberRealisasi.OPD,
}


class RealisasiImporter(Importer):
    jenis = JenisImpor.REALISASI
    required = ("kode_opd", "kode_sub_kegiatan", "bulan", "realisasi_keuangan")
    optional = (
        "sumber_dana",
        "realisasi_fisik",
        "kendala",
        "kategori_kendala",
        "solusi",
        "pihak_terkait",
        "alasan_koreksi",
    )
    # The free texts of Form E: a column present replaces the stored text, absent keeps it.
    texts = ("kendala", "solusi", "pihak_terkait")
    example = {
        "kode_opd": "1.02.0.00.0.00.01.0000",
        "kode_sub_kegiatan": "1.02.02.2.01.0001",
        "sumber_dana": "DAU",
        "bulan": 3,
        "realisasi_keuangan": 30000000,
        "realisasi_fisik": 22.5,
        "kendala": "",
        "kategori_kendala": "",
        "solusi": "",
        "pihak_terkait": "",
        "alasan_koreksi": "",
    }

    def __init__(self, tahun: int, *, sumber: str = SumberRealisasi.OPD, **kwargs):
        super().__init__(tahun, **kwargs)
        self.sumber = sumber

    def describe(self) -> str:
        return _("sumber %(s)s") % {"s": self.sumber}

    def prepare(self) -> None:
        if self.sumber not in SumberRealisasi.values:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        "",
                        _("Sumber '%(s)s' tidak dikenal: opd atau sp2d.") % {"s": self.sumber},
                    )
                ]
            )
        if self.sumber == SumberRealisasi.OPD and "realisasi_fisik" not in self.has:
            raise ImportRejected(
                [
                    Problem(
                        1, "", _("kolom wajib tidak ada: realisasi_fisik (wajib untuk sumber opd).")
                    )
                ]
            )
        self.lines = LineIndex(self.require_year())
        self.reports = {}
        self.locked = set()
        for pk, opd_id, bulan, status in MonthlyReport.objects.filter(
            fiscal_year=self.year
        ).values_list("pk", "opd_id", "bulan", "status"):
            self.reports[(opd_id, bulan)] = pk
            if status == StatusLaporan.TERVERIFIKASI:
                self.locked.add((opd_id, bulan))
        self.seen: dict = {}
        self.names = dict(KategoriKendala.objects.values_list("pk", "nama"))
        self.categories = {norm_name(nama): pk for pk, nama in self.names.items()}

    def check_row(self, row: Row):
        found = self.lines.resolve(row, self.tahun)
        bulan = row.bulan()
        # The range rules are the form's (check_together), with the form's messages.
        keuangan = row.rupiah("realisasi_keuangan", check_range=False)
        fisik = None
        texts = dict.fromkeys(self.texts)
        alasan = (
            row.text("alasan_koreksi", max_length=text_max_chars())
            if "alasan_koreksi" in self.has
            else None
        )
        if self.sumber == SumberRealisasi.OPD:
            fisik = row.persen("realisasi_fisik", check_range=False)
            for kolom in self.texts:
                if kolom in self.has:
                    texts[kolom] = row.text(kolom, max_length=text_max_chars())
        kategori = self.category(row)
        if keuangan is not None and keuangan < 0:
            row.problem("realisasi_keuangan", workflow.keuangan_problem(keuangan, ZERO))
        if fisik is not None and (problem := workflow.fisik_problem(fisik)):
            row.problem("realisasi_fisik", problem)
        if not row.ok or bulan is None or keuangan is None:
            return None
        line_id, opd_id = found
        if (opd_id, bulan) in self.locked:
            row.problem(
                "bulan",
                _(
                    "laporan OPD %(opd)s bulan %(m)s sudah terverifikasi (terkunci); minta "
                    "verifikator membukanya dulu."
                )
                % {"opd": row.raw("kode_opd"), "m": bulan},
            )
            return None
        earlier = self.seen.setdefault((line_id, bulan), row.number)
        if earlier != row.number:
            row.problem(
                "bulan",
                _(
                    "duplikat: realisasi baris anggaran ini untuk bulan %(m)s sudah ada di baris "
                    "%(r)s."
                )
                % {"m": bulan, "r": earlier},
            )
            return None
        return RealisasiRow(
            row.number,
            line_id,
            opd_id,
            bulan,
            keuangan,
            fisik,
            **texts,
            alasan_koreksi=alasan,
            kategori_kendala_id=kategori,
        )

    def category(self, row: Row) -> int | None:
        """The pk of the row's kategori_kendala (by name, case ignored), None when empty."""
        if "kategori_kendala" not in self.has:
            return None
        name = row.text("kategori_kendala", max_length=100)
        if not name:
            return None
        pk = self.categories.get(norm_name(name))
        if pk is None:
            row.problem(
                "kategori_kendala",
                _("kategori '%(v)s' tidak dikenal; pilih salah satu: %(list)s.")
                % {
                    "v": name,
                    "list": ", ".join(self.names.values()),
                },
            )
        return pk

    def check_together(self, rows: list[RealisasiRow]) -> list[RealisasiRow]:
        """The pagu and "lower than last month" rules, against the database and the file.

        One query for the stored figures of the lines and one per month of the file for the
        pagu in force at that month.
        """
        line_ids = {row.line_id for row in rows}
        figures = {
            (line_id, bulan): (keu, fisik)
            for line_id, bulan, keu, fisik in Realisasi.objects.filter(
                line__fiscal_year=self.year
            ).values_list("line_id", "bulan", "realisasi_keuangan", "realisasi_fisik")
            if line_id in line_ids
        }
        stored_fisik = {key: value[1] for key, value in figures.items()}
        for row in rows:
            fisik = (
                row.fisik if row.fisik is not None else stored_fisik.get((row.line_id, row.bulan))
            )
            figures[(row.line_id, row.bulan)] = (row.keuangan, fisik)
        months: dict[int, dict] = {}
        for row in rows:
            months.setdefault(row.bulan, {})
        for bulan in months:
            ids = {row.line_id for row in rows if row.bulan == bulan}
            # The pagu in force at the month, as the report page reads it (with_figures).
            months[bulan] = dict(
                BudgetLine.objects.filter(fiscal_year=self.year, pk__in=ids)
                .with_figures(bulan)
                .values_list("pk", "pagu_m")
            )
        by_line: dict[int, list] = {}
        for (line_id, bulan), values in figures.items():
            by_line.setdefault(line_id, []).append((bulan, values))
        good = []
        for row in rows:
            problems = self.rule_problems(row, months[row.bulan].get(row.line_id, ZERO), by_line)
            for kolom, masalah in problems:
                self.problems.append(Problem(row.number, kolom, masalah))
            if not problems:
                good.append(row)
        return good

    def rule_problems(self, row: RealisasiRow, pagu, by_line: dict) -> list[tuple[str, str]]:
        problems = []
        if problem := workflow.keuangan_problem(row.keuangan, pagu):
            problems.append(("realisasi_keuangan", problem))
        earlier = [item for item in by_line.get(row.line_id, []) if item[0] < row.bulan]
        prev_rp, prev_fisik = max(earlier, key=lambda item: item[0])[1] if earlier else (ZERO, ZERO)
        problem = workflow.lower_problem(
            None if problems else row.keuangan,
            row.fisik,
            prev_rp,
            prev_fisik if prev_fisik is not None else ZERO,
            row.alasan_koreksi or "",
            konfirmasi=True,  # a file has no checkbox: the reason column is the confirmation
        )
        if problem:
            problems.append(("alasan_koreksi", problem))
        return problems

    def write(self, rows: list[RealisasiRow], result: ImportResult) -> None:
        fields = (
            "realisasi_keuangan",
            "realisasi_fisik",
            *self.texts,
            "alasan_koreksi",
            "kategori_kendala_id",
            "sumber",
        )
        existing = {}
        fisik_by_line: dict[int, list] = {}
        for values in Realisasi.objects.filter(line__fiscal_year=self.year).values(
            "pk", "line_id", "bulan", *fields
        ):
            existing[(values["line_id"], values["bulan"])] = values
            fisik_by_line.setdefault(values["line_id"], []).append(
                (values["bulan"], values["realisasi_fisik"])
            )
        now = timezone.now()
        create: list[dict[str, Any]] = []
        update: list[Realisasi] = []
        events = PendingEvents()
        touched_reports = set()
        for done, row in enumerate(rows, start=1):
            self.report_progress("tulis", done, len(rows))
            before = existing.get((row.line_id, row.bulan))
            after = {"realisasi_keuangan": row.keuangan, "sumber": self.sumber}
            if self.sumber == SumberRealisasi.OPD:
                after["realisasi_fisik"] = row.fisik
                for kolom in self.texts:
                    if getattr(row, kolom) is not None:
                        after[kolom] = getattr(row, kolom)
                if "kategori_kendala" in self.has:
                    after["kategori_kendala_id"] = row.kategori_kendala_id
            if row.alasan_koreksi is not None:
                after["alasan_koreksi"] = row.alasan_koreksi
            if self.sumber != SumberRealisasi.OPD and before is None:
                after["realisasi_fisik"] = self.carried_fisik(fisik_by_line, row)
            changes = changed_fields(before or {}, after)
            if "kategori_kendala_id" in changes:  # the trail names the category, as the form
                old, new = changes.pop("kategori_kendala_id")
                changes["kategori_kendala"] = (self.names.get(old), self.names.get(new))
            if before is None:
                # A new row's source is on the row itself; its figures are what the trail needs.
                changes.pop("sumber", None)
            if not changes and before is not None:
                result.unchanged += 1
                continue
            if before is None:
                create.append({**NEW_ROW, "line_id": row.line_id, "bulan": row.bulan, **after})
                result.added += 1
            else:
                update.append(
                    Realisasi(updated_at=now, updated_by_id=self.user_id, **{**before, **after})
                )
                result.changed += 1
            report = self.reports.get((row.opd_id, row.bulan))
            if report:
                touched_reports.add(report)
            record_changes(
                changes,
                user=self.user,
                sumber=SumberPerubahan.IMPOR,
                opd=Ref(row.opd_id),
                line=Ref(row.line_id, row.opd_id),
                report=Ref(report) if report else None,
                import_record=result.record,
                tahun=self.tahun,
                bulan=row.bulan,
                defer=events,
            )
        stamp = {"updated_at": now, "updated_by_id": self.user_id}
        columns = sorted({name for values in create for name in values}) + list(stamp)
        bulk.insert_rows(
            Realisasi,
            columns,
            [[{**values, **stamp}[name] for name in columns] for values in create],
        )
        bulk.bulk_update(update, [*fields, "updated_at", "updated_by"])
        written = [(r["line_id"], r["bulan"]) for r in create] + [
            (r.line_id, r.bulan) for r in update
        ]
        self.ledger_lines = {line_id for line_id, _bulan in written}
        self.ledger_from = min((bulan for _line_id, bulan in written), default=12)
        events.save()
        # A report page opened before this import must not save over the imported figures:
        # bumping the version makes its save stale (the optimistic lock of the workflow).
        MonthlyReport.objects.filter(pk__in=touched_reports).bump_version(self.user, now)

    @staticmethod
    def carried_fisik(fisik_by_line: dict, row: RealisasiRow) -> Decimal:
        earlier = [
            (bulan, fisik)
            for bulan, fisik in fisik_by_line.get(row.line_id, [])
            if bulan < row.bulan
        ]
        return max(earlier)[1] if earlier else ZERO
