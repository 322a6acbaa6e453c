"""The indicator imports (capaian kinerja, docs/indikator.md).

- `indikator`: indicators and their targets, one row per indicator of a program, kegiatan or
  sub-kegiatan (`kode`) run by an OPD (`kode_opd`) in the year. A row whose OPD, item and
  `nomor` already exist updates that indicator; `nomor` left empty numbers an item's
  indicators in the order of the file. The OPD must run the item in the year (a budget line
  under it).
- `indikator_realisasi`: the realization of a triwulan, for Pemda that collect it elsewhere,
  with faktor pendorong, penghambat and tindak lanjut. Rows of a quarter whose report is
  verified (terverifikasi) are refused, as the month import refuses a verified month; every
  change is recorded in the audit trail.

Numbers are read by the app's number reader (parse_angka: "1.058", "21,5").
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import changed_fields, record_changes
from ..bulk import bulk_update
from ..choices import (
    JenisImpor,
    Polaritas,
    SifatIndikator,
    StatusLaporan,
    SumberPerubahan,
    TingkatIndikator,
)
from ..models import (
    AuditEvent,
    BudgetLine,
    Indikator,
    IndikatorRealisasi,
    Kegiatan,
    LaporanKinerja,
    Program,
    SubKegiatan,
)
from ..validators import text_max_chars
from .base import BATCH, Importer, Row, batched_create
from .numbers import parse_angka
from .problems import ImportResult, Problem

TARGETS = ("target_tw1", "target_tw2", "target_tw3", "target_tw4")
DEFINITION = ("uraian", "satuan", "polaritas", "sifat", "target_tahun", *TARGETS, "prioritas")
TEXTS = ("faktor_pendorong", "faktor_penghambat", "tindak_lanjut")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
POLARITAS = {"positif": Polaritas.POSITIF, "negatif": Polaritas.NEGATIF}
SIFAT = {
    "kumulatif": SifatIndikator.KUMULATIF,
    "tingkat": SifatIndikator.TINGKAT,
    "level": SifatIndikator.TINGKAT,
}
YES = {"ya", "y", "1", "true"}
NO = {"tidak", "t", "0", "false", ""}


class ItemIndex:
    """Programs, kegiatan and sub-kegiatan by code, and which of them each OPD runs in the year
    (through its budget lines): four queries."""

    def __init__(self, year):
        self.sub = {
            k: (pk, keg, prog)
            for pk, k, keg, prog in SubKegiatan.objects.values_list(
                "pk", "kode", "kegiatan_id", "kegiatan__program_id"
            )
        }
        self.keg = dict(Kegiatan.objects.values_list("kode", "pk"))
        self.keg_program = dict(Kegiatan.objects.values_list("pk", "program_id"))
        self.prog = dict(Program.objects.values_list("kode", "pk"))
        self.run: set = set()
        self.opd = {}
        for opd_id, kode_opd, sub, keg, prog in BudgetLine.objects.filter(
            fiscal_year=year
        ).values_list(
            "opd_id",
            "opd__kode",
            "sub_kegiatan_id",
            "sub_kegiatan__kegiatan_id",
            "sub_kegiatan__kegiatan__program_id",
        ):
            self.opd[kode_opd] = opd_id
            self.run.update({(opd_id, "sub_kegiatan", sub), (opd_id, "kegiatan", keg)})
            self.run.add((opd_id, "program", prog))

    def resolve(self, row: Row, tahun: int | None):
        """(opd pk, tingkat, program pk, kegiatan pk, sub pk) or None with a problem."""
        kode_opd = row.code("kode_opd", max_length=40)
        kode = row.code("kode")
        if not row.ok:
            return None
        opd_id = self.opd.get(kode_opd)
        if opd_id is None:
            row.problem(
                "kode_opd",
                _("OPD %(opd)s tidak memiliki baris anggaran pada APBD %(t)s.")
                % {"opd": kode_opd, "t": tahun},
            )
            return None
        found: tuple[int, str, int, int | None, int | None]
        if kode in self.sub:
            sub, keg, prog = self.sub[kode]
            found = (opd_id, TingkatIndikator.SUB_KEGIATAN, prog, keg, sub)
        elif kode in self.keg:
            keg = self.keg[kode]
            found = (opd_id, TingkatIndikator.KEGIATAN, self.keg_program[keg], keg, None)
        elif kode in self.prog:
            found = (opd_id, TingkatIndikator.PROGRAM, self.prog[kode], None, None)
        else:
            row.problem(
                "kode",
                _("'%(kode)s' bukan kode program, kegiatan atau sub kegiatan yang dikenal.")
                % {"kode": kode},
            )
            return None
        item = found[4] or found[3] or found[2]
        if (opd_id, found[1], item) not in self.run:
            row.problem(
                "kode",
                _("OPD %(opd)s tidak menjalankan %(kode)s pada APBD %(t)s.")
                % {"opd": kode_opd, "kode": kode, "t": tahun},
            )
            return None
        return found


def _key(found, nomor):
    opd_id, tingkat, prog, keg, sub = found
    return (opd_id, tingkat, sub or keg or prog, nomor)


def _indikator_key(ind: Indikator):
    item = ind.sub_kegiatan_id or ind.kegiatan_id or ind.program_id
    return (ind.opd_id, ind.tingkat, item, ind.nomor)


def _nomor(row: Row):
    value = row.raw("nomor")
    if value in ("", None):
        return None
    try:
        number = int(Decimal(str(value).strip()))
    except (ArithmeticError, ValueError):
        number = 0
    if not 1 <= number <= 99:
        row.problem("nomor", _("harus bilangan 1 sampai 99, bukan %(v)s.") % {"v": value})
        return None
    return number


def _choice(row: Row, kolom: str, options: dict, default):
    value = row.text(kolom).casefold()
    if not value:
        return default
    if value not in options:
        row.problem(
            kolom,
            _("'%(v)s' tidak dikenal; isi salah satu: %(o)s.")
            % {"v": value, "o": ", ".join(sorted(options))},
        )
        return default
    return options[value]


def _angka(row: Row, kolom: str, required: bool):
    return row._number(kolom, parse_angka, required)


@dataclass
class IndikatorRow:
    number: int
    found: tuple
    nomor: int | None
    values: dict


class IndikatorImporter(Importer):
    jenis = JenisImpor.INDIKATOR
    required = ("kode_opd", "kode", "indikator", "satuan", "target_tahun")
    optional = ("nomor", "polaritas", "sifat", *TARGETS, "prioritas")
    example = {
        "kode_opd": "1.02.0.00.0.00.01.0000",
        "kode": "1.02.02",
        "nomor": 1,
        "indikator": "Prevalensi stunting",
        "satuan": "%",
        "target_tahun": "20",
        "polaritas": "negatif",
        "sifat": "tingkat",
        "target_tw1": "21,5",
        "target_tw2": "21",
        "target_tw3": "20,5",
        "target_tw4": "20",
        "prioritas": "ya",
    }

    def prepare(self) -> None:
        self.require_year()
        self.items = ItemIndex(self.year)
        self.seen: dict = {}

    def check_row(self, row: Row):
        found = self.items.resolve(row, self.tahun)
        nomor = _nomor(row)
        values = {
            "uraian": row.text("indikator", required=True, max_length=500),
            "satuan": row.text("satuan", required=True, max_length=50),
            "polaritas": _choice(row, "polaritas", POLARITAS, Polaritas.POSITIF),
            "sifat": _choice(row, "sifat", SIFAT, SifatIndikator.KUMULATIF),
            "target_tahun": _angka(row, "target_tahun", True),
            **{name: _angka(row, name, False) for name in TARGETS},
        }
        prioritas = row.text("prioritas").casefold()
        if prioritas not in YES | NO:
            row.problem("prioritas", _("isi 'ya' atau 'tidak', bukan '%(v)s'.") % {"v": prioritas})
        values["prioritas"] = prioritas in YES
        if not row.ok:
            return None
        return IndikatorRow(row.number, found, nomor, values)

    def check_together(self, rows: list) -> list:
        """Number the indicators given without `nomor`, and refuse a number given twice."""
        used: dict = {}
        for row in rows:
            if row.nomor is not None:
                used.setdefault(_key(row.found, None)[:3], set()).add(row.nomor)
        seen: dict = {}
        for row in rows:
            item = _key(row.found, None)[:3]
            if row.nomor is None:
                taken = used.setdefault(item, set())
                row.nomor = next(n for n in range(1, 100) if n not in taken)
                taken.add(row.nomor)
            earlier = seen.setdefault(_key(row.found, row.nomor), row.number)
            if earlier != row.number:
                self.problems.append(
                    Problem(
                        row.number,
                        "nomor",
                        _("duplikat: indikator nomor %(n)s item ini sudah ada di baris %(r)s.")
                        % {"n": row.nomor, "r": earlier},
                    )
                )
        return rows

    def write(self, rows: list, result: ImportResult) -> None:
        existing = {
            _indikator_key(ind): ind for ind in Indikator.objects.filter(fiscal_year=self.year)
        }
        create, update = [], []
        for row in rows:
            ind = existing.get(_key(row.found, row.nomor))
            if ind is None:
                opd_id, tingkat, prog, keg, sub = row.found
                create.append(
                    Indikator(
                        fiscal_year=self.year,
                        opd_id=opd_id,
                        tingkat=tingkat,
                        program_id=prog,
                        kegiatan_id=keg,
                        sub_kegiatan_id=sub,
                        nomor=row.nomor,
                        **row.values,
                    )
                )
                result.added += 1
            elif any(getattr(ind, name) != value for name, value in row.values.items()):
                for name, value in row.values.items():
                    setattr(ind, name, value)
                update.append(ind)
                result.changed += 1
            else:
                result.unchanged += 1
        batched_create(Indikator, create)
        bulk_update(update, list(DEFINITION))


@dataclass
class RealisasiIndikatorRow:
    number: int
    indikator_id: int
    triwulan: int
    values: dict


def _triwulan(row: Row):
    value = str(row.raw("triwulan")).strip().casefold().removeprefix("tw").strip()
    if value.endswith(".0"):
        value = value[:-2]
    number = ROMAN.get(value) or (int(value) if value.isdigit() else None)
    if number not in (1, 2, 3, 4):
        row.problem(
            "triwulan", _("harus 1 sampai 4 (atau I sampai IV), bukan '%(v)s'.") % {"v": value}
        )
        return None
    return number


class IndikatorRealisasiImporter(Importer):
    jenis = JenisImpor.INDIKATOR_REALISASI
    required = ("kode_opd", "kode", "triwulan", "realisasi")
    optional = ("nomor", *TEXTS)
    example = {
        "kode_opd": "1.02.0.00.0.00.01.0000",
        "kode": "1.02.02",
        "nomor": 1,
        "triwulan": 3,
        "realisasi": "21,8",
        "faktor_pendorong": "Posyandu aktif di semua desa",
        "faktor_penghambat": "Data e-PPGBM belum lengkap",
        "tindak_lanjut": "Pendampingan kader TW IV",
    }

    def prepare(self) -> None:
        self.require_year()
        self.items = ItemIndex(self.year)
        self.indikator = {
            _indikator_key(ind): ind.pk for ind in Indikator.objects.filter(fiscal_year=self.year)
        }
        self.locked = set(
            LaporanKinerja.objects.filter(
                fiscal_year=self.year, status=StatusLaporan.TERVERIFIKASI
            ).values_list("opd_id", "triwulan")
        )
        self.seen: dict = {}

    def check_row(self, row: Row):
        found = self.items.resolve(row, self.tahun)
        nomor = _nomor(row) or 1
        triwulan = _triwulan(row)
        realisasi = _angka(row, "realisasi", True)
        limit = text_max_chars()
        texts = {name: row.text(name, max_length=limit) for name in TEXTS if name in self.has}
        if not row.ok:
            return None
        pk = self.indikator.get(_key(found, nomor))
        if pk is None:
            row.problem(
                "kode",
                _("indikator nomor %(n)s item ini belum ada: impor indikator lebih dulu.")
                % {"n": nomor},
            )
            return None
        if (found[0], triwulan) in self.locked:
            row.problem(
                "triwulan",
                _("laporan kinerja OPD ini triwulan %(tw)s sudah diverifikasi.") % {"tw": triwulan},
            )
            return None
        earlier = self.seen.setdefault((pk, triwulan), row.number)
        if earlier != row.number:
            row.problem("triwulan", _("duplikat dari baris %(r)s.") % {"r": earlier})
            return None
        return RealisasiIndikatorRow(row.number, pk, triwulan, {"realisasi": realisasi, **texts})

    def write(self, rows: list, result: ImportResult) -> None:
        existing = {
            (r.indikator_id, r.triwulan): r
            for r in IndikatorRealisasi.objects.filter(indikator__fiscal_year=self.year)
        }
        opd_of = dict(Indikator.objects.filter(fiscal_year=self.year).values_list("pk", "opd_id"))
        now = timezone.now()
        create, update = [], []
        events: list[AuditEvent] = []
        fields = {"realisasi", "updated_at", "updated_by"}
        for row in rows:
            current = existing.get((row.indikator_id, row.triwulan))
            before = {name: getattr(current, name) for name in row.values} if current else {}
            changes = changed_fields(before, row.values)
            if current is not None and not changes:
                result.unchanged += 1
                continue
            if current is None:
                current = IndikatorRealisasi(indikator_id=row.indikator_id, triwulan=row.triwulan)
                create.append(current)
                result.added += 1
            else:
                update.append(current)
                fields.update(row.values)
                result.changed += 1
            for name, value in row.values.items():
                setattr(current, name, value)
            current.updated_at, current.updated_by = now, self.user
            record_changes(
                {f"{name} TW{row.triwulan}": change for name, change in changes.items()},
                user=self.user,
                sumber=SumberPerubahan.IMPOR,
                opd=_Ref(opd_of[row.indikator_id]),
                import_record=self.record,
                tahun=self.tahun,
                indikator=_Ref(row.indikator_id),
                defer=events,
            )
        batched_create(IndikatorRealisasi, create)
        bulk_update(update, sorted(fields))
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)

    def start_record(self, name, data):
        self.record = super().start_record(name, data)
        return self.record


@dataclass(frozen=True)
class _Ref:
    pk: int
