"""The APBD import: budget lines and their pagu at one APBD stage.

One row per budget line, keyed by (kode_opd, kode_sub_kegiatan, sumber_dana). The pagu goes
into the Pagu row of the chosen stage only, so a perubahan import never touches the murni pagu.
OPDs, programs, kegiatan, sub-kegiatan and sumber dana that do not exist yet are created; their
names are updated when the file gives a different one. Empty pptk, lokasi or output indicator
(indikator_keluaran, target_keluaran, satuan_keluaran) cells leave the line's current value as
it is. Lines absent from the file are left as they are.

A row repeating a key is refused, except under a column mapping that merges duplicates (a SIPD
export rolled up from sub-units to their SKPD): its pagu is then added to the first row's.
"""

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from opd.choices import JenisOpd
from opd.models import Opd

from ..audit import PendingEvents, record_changes
from ..bulk import bulk_update
from ..choices import JenisImpor, JenisTahap, KelompokDana, SumberPerubahan
from ..models import (
    ApbdStage,
    BudgetLine,
    FiscalYear,
    ImportRecord,
    Kegiatan,
    Pagu,
    Program,
    SubKegiatan,
    SumberDana,
)
from .base import Importer, Row, batched_create, norm_name
from .problems import ImportRejected, ImportResult, Problem

STAGE_PATTERN = re.compile(r"^(murni|perubahan|pergeseran-([1-9][0-9]?))$")
DEFAULT_BERLAKU_MULAI = {JenisTahap.MURNI: 1, JenisTahap.PERUBAHAN: 9}

# Ordered: the first pattern found in the name decides (DAK Non Fisik before DAK Fisik).
KELOMPOK_PATTERNS = [
    (re.compile(r"\bdak\b.*\bnon[\s-]*fisik\b"), KelompokDana.DAK_NON_FISIK),
    (re.compile(r"\bdak\b.*\bfisik\b"), KelompokDana.DAK_FISIK),
    (re.compile(r"\bbankeu\b|\bbantuan keuangan\b"), KelompokDana.BANKEU),
    (re.compile(r"\bbos\b|\bblud\b"), KelompokDana.BOS_BLUD),
    (re.compile(r"\bpad\b|pendapatan asli daerah"), KelompokDana.PAD),
    (re.compile(r"\bdau\b|dana alokasi umum"), KelompokDana.DAU),
    (re.compile(r"\bdbh\b|dana bagi hasil"), KelompokDana.DBH),
    (re.compile(r"\bdid\b|dana insentif daerah"), KelompokDana.DID),
]
JENIS_OPD_WORDS = [
    ("sekretariat", JenisOpd.SEKRETARIAT),
    ("inspektorat", JenisOpd.INSPEKTORAT),
    ("kecamatan", JenisOpd.KECAMATAN),
    ("kelurahan", JenisOpd.KELURAHAN),
    ("rsud", JenisOpd.RSUD),
    ("rumah sakit", JenisOpd.RSUD),
    ("dinas", JenisOpd.DINAS),
    ("badan", JenisOpd.BADAN),
    ("bagian", JenisOpd.BAGIAN),
]


def guess_kelompok(nama: str) -> str:
    """The funding group of a new sumber dana, from its name; lainnya when nothing fits."""
    lowered = norm_name(nama)
    for pattern, kelompok in KELOMPOK_PATTERNS:
        if pattern.search(lowered):
            return kelompok
    return KelompokDana.LAINNYA


def guess_jenis_opd(nama: str) -> str:
    lowered = norm_name(nama)
    for word, jenis in JENIS_OPD_WORDS:
        if lowered.startswith(word):
            return jenis
    return JenisOpd.LAINNYA


def parse_stage(kode: str, berlaku_mulai: int | None) -> tuple[str, int, int | None]:
    """(jenis, urutan, default berlaku_mulai) of a stage code; ValueError with a message."""
    match = STAGE_PATTERN.match(kode or "")
    if not match:
        raise ValueError(
            _(
                "Tahap '%(k)s' tidak dikenal: gunakan murni, pergeseran-1, pergeseran-2, ..., "
                "atau perubahan."
            )
            % {"k": kode}
        )
    if kode == "murni":
        return JenisTahap.MURNI, 1, DEFAULT_BERLAKU_MULAI[JenisTahap.MURNI]
    if kode == "perubahan":
        return JenisTahap.PERUBAHAN, 90, DEFAULT_BERLAKU_MULAI[JenisTahap.PERUBAHAN]
    return JenisTahap.PERGESERAN, 1 + int(match.group(2)), None


@dataclass
class ApbdRow:
    number: int
    kode_opd: str
    kode_sub: str
    sumber_key: str
    pagu: Decimal
    pptk_id: int | None
    lokasi: str
    indikator: str = ""
    target_keluaran: Decimal | None = None
    satuan: str = ""

    def line_fields(self, current: tuple) -> tuple:
        """(pptk, lokasi, indikator, target, satuan): this row's, or `current` where empty."""
        given = (self.pptk_id, self.lokasi, self.indikator, self.target_keluaran, self.satuan)
        return tuple(
            old if new in (None, "") else new for new, old in zip(given, current, strict=True)
        )


LINE_FIELDS = ["pptk", "lokasi", "indikator_keluaran", "target_keluaran", "satuan_keluaran"]
LINE_UPDATE_ATTRS = ["pptk_id", *LINE_FIELDS[1:]]


class ApbdImporter(Importer):
    jenis = JenisImpor.APBD
    required = (
        "kode_opd",
        "nama_opd",
        "kode_sub_kegiatan",
        "nama_sub_kegiatan",
        "sumber_dana",
        "pagu",
    )
    optional = (
        "jenis_opd",
        "kode_kegiatan",
        "nama_kegiatan",
        "kode_program",
        "nama_program",
        "pptk",
        "lokasi",
        "indikator_keluaran",
        "target_keluaran",
        "satuan_keluaran",
    )
    example = {
        "kode_opd": "1.02.0.00.0.00.01.0000",
        "nama_opd": "Dinas Kesehatan",
        "jenis_opd": "dinas",
        "kode_sub_kegiatan": "1.02.02.2.01.0001",
        "nama_sub_kegiatan": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "kode_kegiatan": "1.02.02.2.01",
        "nama_kegiatan": "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
        "kode_program": "1.02.02",
        "nama_program": "Program Pemenuhan Upaya Kesehatan Perorangan dan Masyarakat",
        "sumber_dana": "DAU",
        "pagu": 150000000,
        "pptk": "",
        "lokasi": "Kabupaten",
        "indikator_keluaran": "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan",
        "target_keluaran": 1200,
        "satuan_keluaran": "orang",
    }

    def __init__(self, tahun: int, *, stage: str = "murni", berlaku_mulai=None, **kwargs):
        super().__init__(tahun, **kwargs)
        self.stage_kode = stage
        self.berlaku_mulai = berlaku_mulai
        self.merge_duplicates = bool(self.mapping and self.mapping.merge_duplicates)

    def describe(self) -> str:
        return _("tahap %(k)s") % {"k": self.stage_kode}

    # --- checking ---------------------------------------------------------------------------

    def prepare(self) -> None:
        self.check_stage()
        users = get_user_model().objects.values_list("username", "pk", "opd__kode")
        self.users = {username: (pk, kode_opd) for username, pk, kode_opd in users}
        self.users_ci = {username.casefold(): value for username, value in self.users.items()}
        self.opds: dict = {}
        self.programs: dict = {}
        self.kegiatan: dict = {}
        self.subs: dict = {}
        self.sumber: dict = {}
        self.keys: dict = {}
        self.merged: dict = {}
        self.merged_count = 0

    def check_stage(self) -> None:
        try:
            self.stage_jenis, self.stage_urutan, default = parse_stage(
                self.stage_kode, self.berlaku_mulai
            )
        except ValueError as exc:
            raise ImportRejected([Problem(None, "", str(exc))]) from exc
        existing = None
        if self.year is not None:
            existing = self.year.stages.filter(kode=self.stage_kode).first()
        if self.berlaku_mulai is None and existing is None and default is None:
            raise ImportRejected(
                [Problem(None, "", _("Tahap pergeseran memerlukan bulan berlaku mulai (1–12)."))]
            )
        if self.berlaku_mulai is not None and not 1 <= int(self.berlaku_mulai) <= 12:
            raise ImportRejected(
                [Problem(None, "", _("Bulan berlaku mulai harus antara 1 dan 12."))]
            )
        self.stage_default_month = default

    def _consistent(self, row: Row, seen: dict, key, value: tuple, kolom: str) -> None:
        """The same code must carry the same name (and parent) on every row of the file."""
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = (value, row.number)
            return
        (old_value, old_row) = earlier
        merged = tuple(new or old for new, old in zip(value, old_value, strict=True))
        if any(new and old and new != old for new, old in zip(value, old_value, strict=True)):
            row.problem(
                kolom,
                _("'%(new)s' berbeda dengan baris %(row)s ('%(old)s') untuk kode %(kode)s.")
                % {
                    "new": " / ".join(v for v in value if v),
                    "row": old_row,
                    "old": " / ".join(v for v in old_value if v),
                    "kode": key,
                },
            )
        else:
            seen[key] = (merged, old_row)

    def check_row(self, row: Row):
        kode_opd = row.code("kode_opd", max_length=40)
        nama_opd = row.text("nama_opd", required=True, max_length=255)
        jenis_opd = self.check_jenis_opd(row)
        kode_sub = row.code("kode_sub_kegiatan")
        nama_sub = row.text("nama_sub_kegiatan", required=True, max_length=500)
        kode_keg = row.code("kode_kegiatan", required=False, max_length=40)
        nama_keg = row.text("nama_kegiatan", max_length=500)
        kode_prog = row.code("kode_program", required=False, max_length=30)
        nama_prog = row.text("nama_program", max_length=500)
        sumber = row.text("sumber_dana", required=True, max_length=200)
        pagu = row.rupiah("pagu")
        pptk_id = self.check_pptk(row, kode_opd)
        lokasi = row.text("lokasi", max_length=255)
        indikator = row.text("indikator_keluaran", max_length=500)
        target_keluaran = row.rupiah("target_keluaran", required=False)
        satuan = row.text("satuan_keluaran", max_length=50)
        if kode_sub and row.ok:
            kode_keg, kode_prog = self.derive_codes(row, kode_sub, kode_keg, kode_prog)
        if not row.ok or pagu is None:
            return None
        self._consistent(row, self.opds, kode_opd, (nama_opd, jenis_opd), "nama_opd")
        self._consistent(row, self.subs, kode_sub, (nama_sub, kode_keg), "nama_sub_kegiatan")
        self._consistent(row, self.kegiatan, kode_keg, (nama_keg, kode_prog), "nama_kegiatan")
        self._consistent(row, self.programs, kode_prog, (nama_prog,), "nama_program")
        sumber_key = norm_name(sumber)
        self.sumber.setdefault(sumber_key, sumber)
        key = (kode_opd, kode_sub, sumber_key)
        if key in self.keys and self.merge_duplicates:
            if key in self.merged:
                self.merged[key].pagu += pagu
                self.merged_count += 1
            return None
        if key in self.keys:
            row.problem(
                "kode_sub_kegiatan",
                _(
                    "duplikat: OPD %(opd)s, sub kegiatan %(sub)s, sumber dana %(sd)s sudah ada di "
                    "baris %(row)s."
                )
                % {"opd": kode_opd, "sub": kode_sub, "sd": sumber, "row": self.keys[key]},
            )
        self.keys.setdefault(key, row.number)
        if not row.ok:
            return None
        checked = ApbdRow(
            row.number,
            kode_opd,
            kode_sub,
            sumber_key,
            pagu,
            pptk_id,
            lokasi,
            indikator,
            target_keluaran,
            satuan,
        )
        self.merged[key] = checked
        return checked

    def check_jenis_opd(self, row: Row) -> str:
        value = row.text("jenis_opd", max_length=40)
        if not value:
            return ""
        lowered = norm_name(value)
        for choice in JenisOpd:
            if lowered in (choice.value, norm_name(choice.label)):
                return choice.value
        row.problem(
            "jenis_opd",
            _("'%(v)s' tidak dikenal; pilih salah satu: %(list)s.")
            % {"v": value, "list": ", ".join(JenisOpd.values)},
        )
        return ""

    def check_pptk(self, row: Row, kode_opd: str) -> int | None:
        username = row.text("pptk", max_length=150)
        if not username:
            return None
        found = self.users.get(username) or self.users_ci.get(username.casefold())
        if found is None:
            row.problem("pptk", _("pengguna '%(u)s' tidak ada.") % {"u": username})
            return None
        pk, user_opd = found
        if user_opd and kode_opd and user_opd != kode_opd:
            row.problem(
                "pptk",
                _("pengguna '%(u)s' terdaftar pada OPD %(o)s, bukan %(k)s.")
                % {"u": username, "o": user_opd, "k": kode_opd},
            )
            return None
        return pk

    def derive_codes(self, row: Row, kode_sub: str, kode_keg: str, kode_prog: str):
        """Kegiatan and program codes: given, or from the nesting `1.02.02.2.01.0001` →
        kegiatan `1.02.02.2.01` → program `1.02.02`. A given code must be a prefix."""
        parts = kode_sub.split(".")
        if not kode_keg:
            if len(parts) < 6:
                row.problem(
                    "kode_kegiatan",
                    _("tidak dapat diturunkan dari kode sub kegiatan '%(k)s'; isi kode_kegiatan.")
                    % {"k": kode_sub},
                )
                return kode_keg, kode_prog
            kode_keg = ".".join(parts[:5])
        elif not kode_sub.startswith(kode_keg + "."):
            row.problem(
                "kode_kegiatan",
                _("'%(keg)s' bukan induk dari sub kegiatan '%(sub)s'.")
                % {"keg": kode_keg, "sub": kode_sub},
            )
        if not kode_prog:
            keg_parts = kode_keg.split(".")
            if len(keg_parts) < 4:
                row.problem(
                    "kode_program",
                    _("tidak dapat diturunkan dari kode kegiatan '%(k)s'; isi kode_program.")
                    % {"k": kode_keg},
                )
                return kode_keg, kode_prog
            kode_prog = ".".join(keg_parts[:3])
        elif not kode_keg.startswith(kode_prog + "."):
            row.problem(
                "kode_program",
                _("'%(prog)s' bukan induk dari kegiatan '%(keg)s'.")
                % {"prog": kode_prog, "keg": kode_keg},
            )
        return kode_keg, kode_prog

    # --- writing ----------------------------------------------------------------------------

    def write(self, rows: list[ApbdRow], result: ImportResult) -> None:
        stage = self.write_stage()
        opd_pk = self.write_opds()
        program_pk = self.write_named(Program, self.programs, _("Program"), None)
        kegiatan_pk = self.write_named(
            Kegiatan, self.kegiatan, _("Kegiatan"), ("program", program_pk)
        )
        sub_pk = self.write_named(
            SubKegiatan, self.subs, _("Sub Kegiatan"), ("kegiatan", kegiatan_pk)
        )
        sumber_pk = self.write_sumber()
        self.write_lines(rows, result, stage, opd_pk, sub_pk, sumber_pk)
        if self.merged_count:
            self.notes.append(
                _("%(n)s baris kembar (sub unit) dijumlahkan ke baris pertamanya.")
                % {"n": self.merged_count}
            )

    def write_stage(self) -> ApbdStage:
        if self.year is None:
            self.year, _created = FiscalYear.objects.get_or_create(tahun=self.tahun)
        stage = self.year.stages.filter(kode=self.stage_kode).first()
        month = int(self.berlaku_mulai) if self.berlaku_mulai else None
        if stage is None:
            berlaku_mulai = month or self.stage_default_month
            assert berlaku_mulai is not None  # check_stage refused a new stage without its month
            nama = (
                ""
                if self.stage_jenis != JenisTahap.PERGESERAN
                else _("Pergeseran %(n)s") % {"n": self.stage_kode.split("-")[1]}
            )
            stage = ApbdStage.objects.create(
                fiscal_year=self.year,
                kode=self.stage_kode,
                jenis=self.stage_jenis,
                urutan=self.stage_urutan,
                nama=nama,
                berlaku_mulai=berlaku_mulai,
            )
            self.notes.append(_("Tahap %(k)s dibuat.") % {"k": stage.kode})
        elif month and stage.berlaku_mulai != month:
            stage.berlaku_mulai = month
            stage.save(update_fields=["berlaku_mulai"])
            self.notes.append(
                _("Tahap %(k)s kini berlaku mulai bulan %(m)s.") % {"k": stage.kode, "m": month}
            )
        return stage

    def start_record(self, name, data):
        # The year may not exist yet: the record is saved once it does (write_lines).
        self.record = ImportRecord(
            jenis=self.jenis,
            fiscal_year=self.year,
            user=self.user,
            nama_file=str(name)[-255:],
            checksum=hashlib.sha256(data).hexdigest(),
        )
        return self.record

    def write_opds(self) -> dict:
        existing = {
            kode: (pk, nama, jenis)
            for pk, kode, nama, jenis in Opd.objects.values_list("pk", "kode", "nama", "jenis")
        }
        create, update = [], []
        for kode, ((nama, jenis), _row) in self.opds.items():
            if kode not in existing:
                create.append(Opd(kode=kode, nama=nama, jenis=jenis or guess_jenis_opd(nama)))
                continue
            pk, old_nama, old_jenis = existing[kode]
            new_jenis = jenis or old_jenis
            if (nama, new_jenis) != (old_nama, old_jenis):
                update.append(Opd(pk=pk, nama=nama, jenis=new_jenis))
        batched_create(Opd, create)
        bulk_update(update, ["nama", "jenis"])
        self.count_master(_("OPD"), create, update)
        return dict(Opd.objects.values_list("kode", "pk"))

    def write_named(self, model, seen: dict, label: str, parent) -> dict:
        """Create or rename programs / kegiatan / sub kegiatan; returns {kode: pk}."""
        parent_field = parent[0] if parent else None
        fields = ["pk", "kode", "nama"] + ([f"{parent_field}_id"] if parent_field else [])
        existing = {row[1]: row for row in model.objects.values_list(*fields)}
        create, update = [], []
        for kode, (value, _row) in seen.items():
            nama = value[0]
            attrs = {}
            if parent_field:
                attrs[f"{parent_field}_id"] = parent[1][value[1]]
            if kode not in existing:
                create.append(model(kode=kode, nama=nama or f"{label} {kode}", **attrs))
                continue
            old = existing[kode]
            new_nama = nama or old[2]
            new_parent = attrs.get(f"{parent_field}_id") if parent_field else None
            if new_nama != old[2] or (parent_field and new_parent != old[3]):
                update.append(model(pk=old[0], nama=new_nama, **attrs))
        batched_create(model, create)
        bulk_update(update, ["nama"] + ([parent_field] if parent_field else []))
        self.count_master(label, create, update)
        return dict(model.objects.values_list("kode", "pk"))

    def write_sumber(self) -> dict:
        existing = {
            norm_name(nama): pk for pk, nama in SumberDana.objects.values_list("pk", "nama")
        }
        create = [
            SumberDana(nama=nama, kelompok=guess_kelompok(nama))
            for key, nama in self.sumber.items()
            if key not in existing
        ]
        batched_create(SumberDana, create)
        self.count_master(_("sumber dana"), create, [])
        return {norm_name(nama): pk for pk, nama in SumberDana.objects.values_list("pk", "nama")}

    def count_master(self, label: str, create: list, update: list) -> None:
        if create or update:
            self.notes.append(
                _("%(label)s: %(c)s baru, %(u)s diperbarui.")
                % {"label": label, "c": len(create), "u": len(update)}
            )

    def write_lines(self, rows, result, stage, opd_pk, sub_pk, sumber_pk) -> None:
        if self.record.pk is None:
            self.record.fiscal_year = self.year
            self.record.save()
        lines = {
            (opd_id, sub_id, sd_id): (pk, tuple(current))
            for pk, opd_id, sub_id, sd_id, *current in BudgetLine.objects.filter(
                fiscal_year=self.year
            ).values_list(
                "pk",
                "opd_id",
                "sub_kegiatan_id",
                "sumber_dana_id",
                "pptk_id",
                "lokasi",
                "indikator_keluaran",
                "target_keluaran",
                "satuan_keluaran",
            )
        }
        pagu = {
            line_id: (pk, value)
            for pk, line_id, value in Pagu.objects.filter(stage=stage).values_list(
                "pk", "line_id", "pagu"
            )
        }
        new_lines, line_updates, new_pagu, pagu_updates = [], [], [], []
        events = PendingEvents()
        total = len(rows)
        for done, row in enumerate(rows, start=1):
            self.report_progress("tulis", done, total)
            opd_id = opd_pk[row.kode_opd]
            key = (opd_id, sub_pk[row.kode_sub], sumber_pk[row.sumber_key])
            existing = lines.get(key)
            if existing is None:
                line = BudgetLine(
                    fiscal_year=self.year,
                    opd_id=key[0],
                    sub_kegiatan_id=key[1],
                    sumber_dana_id=key[2],
                    pptk_id=row.pptk_id,
                    lokasi=row.lokasi,
                    indikator_keluaran=row.indikator,
                    target_keluaran=row.target_keluaran,
                    satuan_keluaran=row.satuan,
                )
                new_lines.append(line)
                new_pagu.append(Pagu(line=line, stage=stage, pagu=row.pagu))
                result.added += 1
                continue
            line_id, current = existing
            changed = False
            new_fields = row.line_fields(current)
            if new_fields != current:
                line_updates.append(
                    BudgetLine(pk=line_id, **dict(zip(LINE_UPDATE_ATTRS, new_fields, strict=True)))
                )
                changed = True
            old = pagu.get(line_id)
            if old is None:
                new_pagu.append(Pagu(line_id=line_id, stage=stage, pagu=row.pagu))
                result.added += 1
                continue
            if old[1] != row.pagu:
                pagu_updates.append(Pagu(pk=old[0], line_id=line_id, pagu=row.pagu))
                record_changes(
                    {f"pagu ({stage.kode})": (old[1], row.pagu)},
                    user=self.user,
                    sumber=SumberPerubahan.IMPOR,
                    opd=Opd(pk=opd_id),
                    line=BudgetLine(pk=line_id, opd_id=opd_id),
                    import_record=self.record,
                    tahun=self.tahun,
                    defer=events,
                )
                changed = True
            if changed:
                result.changed += 1
            else:
                result.unchanged += 1
        batched_create(BudgetLine, new_lines)
        for item in new_pagu:
            if item.line_id is None:
                item.line_id = item.line.pk
        if any(line.pk is None for line in new_lines):  # pragma: no cover - old SQLite only
            pks = {
                (o, s, d): pk
                for pk, o, s, d in BudgetLine.objects.filter(fiscal_year=self.year).values_list(
                    "pk", "opd_id", "sub_kegiatan_id", "sumber_dana_id"
                )
            }
            for item in new_pagu:
                line = item.line
                item.line_id = pks[(line.opd_id, line.sub_kegiatan_id, line.sumber_dana_id)]
        bulk_update(line_updates, LINE_FIELDS)
        batched_create(Pagu, new_pagu)
        bulk_update(pagu_updates, ["pagu"])
        # A pagu counts from its stage's month; a stage that moved was refreshed on its save.
        self.ledger_lines = {item.line_id for item in [*new_pagu, *pagu_updates]}
        self.ledger_from = stage.berlaku_mulai
        events.save()
