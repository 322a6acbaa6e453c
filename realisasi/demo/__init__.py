"""The demo Kabupaten Sukamaju: a deterministic, realistic data set for `seed_demo`.

`build_demo()` writes OPDs under three Asisten, users of every role, the nomenclature, budget
lines with their APBD stages, S-shaped monthly targets and realization through a recent month,
and the monthly reports with their status history. One random generator with a fixed seed
drives everything (no set or hash ordering), so two builds on empty databases are identical.
Everything is written in batches inside one transaction; rows are generated line by line and
flushed every BATCH_SIZE, so 10,000 lines × 5 years (1,25 million rows) fits in memory.

The parts, in this package: names.py (the name catalogues), nomenclature.py (program /
kegiatan / sub-kegiatan codes), year.py (one fiscal year: stages, pagu, targets, realization,
reports), kinerja.py (indicators and their realization) and this module (OPDs, users, the
lines of each OPD, the writer).
"""

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from opd.choices import JenisOpd, Role
from opd.models import Grouping, Opd, User

from .. import ledger
from ..models import BudgetLine, Ledger, Pagu, Realisasi, StatusChange, SumberDana, Target
from . import names
from .kinerja import KinerjaDemo
from .nomenclature import Nomenclature
from .year import Year

DEMO_PASSWORD = "rakor-demo-2025"
BATCH_SIZE = 5000
# Banjarnegara: 175 pengelola in 45 OPDs.
PENGELOLA_PER_OPD = Decimal(175) / Decimal(45)


class DemoError(Exception):
    """The demo cannot be built on this database (it already holds data)."""


@dataclass
class DemoResult:
    """What build_demo wrote: row counts by model (verbose name), timing and the logins."""

    years: tuple[int, ...]
    through_month: int
    opds: int
    lines_per_year: int
    users: int
    rows: dict[str, int]
    seconds: float
    password: str
    logins: list[tuple[str, str]]
    existing_users: list[str] = field(default_factory=list)


@dataclass
class _Opd:
    short: str
    jenis: str
    nama: str
    singkatan: str
    bidang: str
    asisten: str
    size: float
    kode: str = ""
    parent: str | None = None
    kecamatan: str | None = None
    # Made while the demo is built: the Opd first, its operator account later.
    obj: Opd = field(init=False)
    operator: User = field(init=False)
    pengelola: list = field(default_factory=list)


def demo_exists() -> bool:
    """Whether the database already holds budget lines (the demo or real data)."""
    return BudgetLine.objects.exists()


def build_demo(
    *,
    opd_count: int = 45,
    line_count: int = 1500,
    years: tuple[int, ...] = (2024, 2025),
    through_month: int = 11,
    seed: int = 2025,
    pengelola_count: int | None = None,
    stdout=None,
) -> DemoResult:
    """Build the demo Kabupaten; the last year is realized through `through_month`.

    Earlier years are full years with only the murni stage. Raises DemoError when the
    database already holds budget lines or any of the demo's OPD codes.
    """
    if opd_count < 1 or line_count < opd_count:
        raise DemoError("Jumlah OPD minimal 1 dan jumlah baris minimal sama dengan jumlah OPD.")
    if not 1 <= through_month <= 12:
        raise DemoError("Bulan realisasi harus antara 1 dan 12.")
    years = tuple(sorted(years))
    if pengelola_count is None:
        pengelola_count = int((PENGELOLA_PER_OPD * opd_count).to_integral_value(ROUND_HALF_UP))
    started = time.monotonic()
    with transaction.atomic():
        if demo_exists():
            raise DemoError("Database sudah berisi baris anggaran; data demo tidak dibuat.")
        builder = _Builder(random.Random(seed), stdout)
        builder.build(opd_count, line_count, years, through_month, pengelola_count)
    seconds = time.monotonic() - started
    return DemoResult(
        years=years,
        through_month=through_month,
        opds=len(builder.opds),
        lines_per_year=line_count,
        users=builder.user_count,
        rows=dict(builder.writer.counts),
        seconds=seconds,
        password=DEMO_PASSWORD,
        logins=demo_logins(),
        existing_users=builder.existing_users,
    )


class _Writer:
    """Writes the demo in batches: model objects through bulk_create, and the three big
    tables (Pagu, Target, Realisasi) and the status history as value tuples (executemany).

    The tuples skip building a model instance and compiling an INSERT per row, which is
    most of the cost of bulk_create at 600,000 rows; their columns are listed in ROWS.
    """

    ROWS = {
        Pagu: ("line", "stage", "pagu"),
        StatusChange: ("report", "from_status", "to_status", "user", "at", "catatan"),
        Target: ("line", "bulan", "target_keuangan", "target_fisik", "interpolated"),
        Realisasi: (
            "line",
            "bulan",
            "realisasi_keuangan",
            "realisasi_fisik",
            "kendala",
            "solusi",
            "sumber",
            "alasan_koreksi",
            "updated_at",
            "updated_by",
            "kategori_kendala",
        ),
    }

    def __init__(self):
        self.rows: dict[type, list] = {}
        self.counts: Counter = Counter()
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())

    def add(self, model, *values):
        """Queue one row of `model` with the values of ROWS[model], in that order."""
        buffer = self.rows.setdefault(model, [])
        buffer.append(values)
        if len(buffer) >= BATCH_SIZE:
            self.flush(model)

    def create(self, model, objs: list) -> list:
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        self._count(model, len(objs))
        return objs

    def flush(self, model=None):
        for key in [model] if model else list(self.rows):
            rows = self.rows.pop(key, [])
            if not rows:
                continue
            fields = [key._meta.get_field(name) for name in self.ROWS[key]]
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            table = connection.ops.quote_name(key._meta.db_table)
            marks = ", ".join(["%s"] * len(fields))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
            self._count(key, len(rows))

    def _count(self, model, n: int):
        self.counts[str(model._meta.verbose_name_plural)] += n


class _Builder:
    def __init__(self, rng: random.Random, stdout):
        self.rng = rng
        self.stdout = stdout
        self.writer = _Writer()
        self.opds: list[_Opd] = []
        self.user_count = 0
        self.existing_users: list[str] = []
        self.special: dict[str, User] = {}

    def say(self, message: str):
        if self.stdout is not None:
            self.stdout.write(message)

    def person(self, titled: bool = False) -> tuple[str, str]:
        first = self.rng.choice(names.FIRST_NAMES)
        last = self.rng.choice(names.LAST_NAMES)
        if not titled:
            return first, last
        return f"{self.rng.choice(names.TITLES_BEFORE)}{first}", last + self.rng.choice(
            names.TITLES_AFTER
        )

    # --- build ----------------------------------------------------------------------------
    def build(self, opd_count, line_count, years, through_month, pengelola_count):
        self.make_opds(opd_count)
        self.say(f"{len(self.opds)} OPD")
        nomenclature = Nomenclature()
        dana = self.make_sumber_dana()
        plans = self.plan_lines(line_count, nomenclature)
        nomenclature.save(self.writer)
        self.make_users(pengelola_count, plans)
        self.say(f"{self.user_count} pengguna")
        for tahun in years:
            last = through_month if tahun == years[-1] else 12
            Year(self, tahun, last, current=tahun == years[-1]).build(
                plans, dana, years[-1] - tahun
            )
            self.say(f"Tahun {tahun}: {line_count} baris anggaran, realisasi s.d. bulan {last}")
        self.writer.flush()
        indikator = KinerjaDemo(random.Random(self.rng.random())).build(years, through_month)
        self.say(f"{indikator} indikator kinerja")
        self.writer._count(Ledger, ledger.rebuild())

    def make_opds(self, opd_count: int):
        n_kec = round(opd_count * 0.36) if opd_count > 1 else 0
        n_other = min(opd_count - n_kec, len(names.OPD_CATALOGUE))
        n_kec = opd_count - n_other
        units: Counter = Counter()
        bagian = 0
        for row in names.OPD_CATALOGUE[:n_other]:
            spec = _Opd(*row)
            if spec.jenis == JenisOpd.BAGIAN:
                bagian += 1
                spec.parent = "setda"
                spec.kode = f"4.01.0.00.0.00.01.{bagian:04d}"
            else:
                units[spec.bidang] += 1
                spec.kode = f"{spec.bidang}.0.00.0.00.{units[spec.bidang]:02d}.0000"
            self.opds.append(spec)
        suffixes = ["", " Kidul", " Lor", " Wetan", " Kulon"]
        for i in range(n_kec):
            base = names.KECAMATAN[i % len(names.KECAMATAN)]
            nama = base + suffixes[i // len(names.KECAMATAN) % len(suffixes)]
            if i >= len(names.KECAMATAN) * len(suffixes):
                nama += f" {i // (len(names.KECAMATAN) * len(suffixes)) + 1}"
            short = "kec-" + nama.lower().replace(" ", "-")
            spec = _Opd(
                short,
                JenisOpd.KECAMATAN,
                f"Kecamatan {nama}",
                f"Kec. {nama}",
                "7.01",
                "AS1",
                names.KECAMATAN_SIZE,
                kecamatan=nama,
            )
            spec.kode = f"7.01.0.00.0.00.{i + 1:02d}.0000"
            self.opds.append(spec)
        clash = Opd.objects.filter(kode__in=[spec.kode for spec in self.opds])
        if clash.exists():
            raise DemoError("Kode OPD demo sudah dipakai; data demo tidak dibuat.")
        groupings = self.make_groupings()
        for spec in self.opds:
            first, last = self.person(titled=True)
            spec.obj = Opd(
                kode=spec.kode,
                nama=spec.nama,
                singkatan=spec.singkatan,
                jenis=spec.jenis,
                grouping=groupings[spec.asisten],
                kepala=f"{first} {last}",
            )
        by_short = {spec.short: spec for spec in self.opds}
        self.writer.create(Opd, [s.obj for s in self.opds if s.parent is None])
        for spec in self.opds:
            if spec.parent:
                spec.obj.parent = by_short[spec.parent].obj
        self.writer.create(Opd, [s.obj for s in self.opds if s.parent is not None])

    def make_groupings(self) -> dict[str, Grouping]:
        existing = {g.kode: g for g in Grouping.objects.filter(kode__in=dict(names.ASISTEN))}
        missing = [Grouping(kode=k, nama=n) for k, n in names.ASISTEN if k not in existing]
        self.writer.create(Grouping, missing)
        return existing | {g.kode: g for g in missing}

    def make_sumber_dana(self) -> dict[str, SumberDana]:
        wanted = {nama: (key, kelompok) for key, nama, kelompok in names.SUMBER_DANA}
        existing = {s.nama: s for s in SumberDana.objects.filter(nama__in=wanted)}
        missing = [
            SumberDana(nama=nama, kelompok=kelompok)
            for nama, (_, kelompok) in wanted.items()
            if nama not in existing
        ]
        self.writer.create(SumberDana, missing)
        by_name = existing | {s.nama: s for s in missing}
        return {key: by_name[nama] for nama, (key, _) in wanted.items()}

    def plan_lines(self, line_count: int, nomenclature) -> list[dict]:
        """Which (OPD, sub-kegiatan, sumber dana) lines exist, with their relative size."""
        counts = _apportion(line_count, [spec.size for spec in self.opds])
        # Every kecamatan runs the same lines: each gets the smallest share, the rest of the
        # kecamatan lines go to the first OPD (the Setda).
        kecamatan = [i for i, spec in enumerate(self.opds) if spec.kecamatan]
        if kecamatan and len(kecamatan) < len(self.opds):
            each = min(counts[i] for i in kecamatan)
            counts[0] += sum(counts[i] - each for i in kecamatan)
            for i in kecamatan:
                counts[i] = each
        plans = []
        for spec, count in zip(self.opds, counts, strict=True):
            for sub, dana in nomenclature.choose(self.rng, spec, count):
                plans.append(
                    {"opd": spec, "sub": sub, "dana": dana, **self.line_details(spec, sub)}
                )
        return plans

    def line_details(self, spec: _Opd, sub) -> dict:
        rng = self.rng
        words = sub.nama.split(" ", 1)
        template, satuan = names.INDIKATOR.get(words[0], names.INDIKATOR_DEFAULT)
        obj = words[1] if len(words) > 1 and words[0] in names.INDIKATOR else sub.nama.lower()
        target = {
            "Laporan": 12,
            "Dokumen": rng.randint(1, 5),
            "Km": rng.randint(1, 24) / 2,
            "Orang": rng.randint(2, 30) * 10,
        }.get(satuan, rng.randint(1, 25))
        if sub.gaji:
            template, satuan, target = (
                "Jumlah ASN yang menerima {obj}",
                "Orang",
                rng.randint(20, 90),
            )
            obj = "gaji dan tunjangan"
            target *= max(1, round(spec.size**2))
        if spec.kecamatan:
            lokasi = f"Kecamatan {spec.kecamatan}"
        elif sub.physical:
            kec = rng.choice(names.KECAMATAN)
            lokasi = f"Desa {rng.choice(names.DESA)}, Kecamatan {kec}"
        else:
            lokasi = f"Kabupaten {names.KABUPATEN}"
        return {
            "lokasi": lokasi,
            "indikator": template.format(obj=obj),
            "satuan": satuan,
            "target_keluaran": Decimal(str(target)),
            "sp2d": rng.random() < 0.06,
            "quarterly": rng.random() < 0.06,
            "has_pptk": rng.random() < 0.94,
        }

    def make_users(self, pengelola_count: int, plans: list[dict]):
        hashed = make_password(DEMO_PASSWORD)
        by_short = {spec.short: spec for spec in self.opds}
        users = []

        def user(username, role, opd=None, jabatan="", titled=False, **extra):
            first, last = self.person(titled)
            users.append(
                User(
                    username=username,
                    password=hashed,
                    role=role,
                    opd=opd.obj if opd else None,
                    first_name=first,
                    last_name=last,
                    jabatan=jabatan,
                    **extra,
                )
            )
            return users[-1]

        self.special = {
            "admin": user("admin", Role.ADMIN, is_staff=True, is_superuser=True),
            "bappeda": user(
                "bappeda",
                Role.VERIFIKATOR,
                by_short.get("bappeda"),
                "Kepala Bidang Pengendalian dan Evaluasi Pembangunan",
            ),
            "adbang": user(
                "adbang", Role.VERIFIKATOR, by_short.get("adbang"), "Kepala Bagian Adbang"
            ),
            "sekda": user("sekda", Role.PIMPINAN, None, "Sekretaris Daerah", titled=True),
            "bupati": user("bupati", Role.PIMPINAN, None, f"Bupati {names.KABUPATEN}"),
        }
        for spec in self.opds:
            spec.operator = user(f"op.{spec.short}", Role.OPERATOR, spec, "Operator SIPD")
        lines_with_pptk = Counter(p["opd"].short for p in plans if p["has_pptk"])
        weights = [lines_with_pptk[spec.short] for spec in self.opds]
        for spec, count in zip(self.opds, _apportion(pengelola_count, weights), strict=True):
            for n in range(1, min(count, weights[self.opds.index(spec)]) + 1):
                spec.pengelola.append(user(f"pptk.{spec.short}.{n}", Role.PENGELOLA, spec, "PPTK"))
        existing = set(
            User.objects.filter(username__in=[u.username for u in users]).values_list(
                "username", flat=True
            )
        )
        self.existing_users = sorted(existing)
        self.writer.create(User, [u for u in users if u.username not in existing])
        if existing:
            saved = {u.username: u for u in User.objects.filter(username__in=existing)}
            for spec in self.opds:
                spec.operator = saved.get(spec.operator.username, spec.operator)
                spec.pengelola = [saved.get(u.username, u) for u in spec.pengelola]
            self.special = {k: saved.get(v.username, v) for k, v in self.special.items()}
        self.user_count = len(users)
        assigned: Counter = Counter()
        for plan in plans:
            spec = plan["opd"]
            if plan["has_pptk"] and spec.pengelola:
                plan["pptk"] = spec.pengelola[assigned[spec.short] % len(spec.pengelola)]
                assigned[spec.short] += 1
            else:
                plan["pptk"] = None


def demo_logins() -> list[tuple[str, str]]:
    """The demo's usernames by role, as found in the database (a few examples per OPD role)."""
    users = User.objects.filter(username__in=["admin", "bappeda", "adbang", "sekda", "bupati"])
    present = set(users.values_list("username", flat=True))

    def examples(prefix, pattern):
        matching = User.objects.filter(username__startswith=prefix).order_by("username")
        found = list(matching.values_list("username", flat=True)[:3])
        return f"{', '.join(found)}, ... ({pattern})" if found else "-"

    def listed(*usernames):
        return ", ".join(u for u in usernames if u in present) or "-"

    return [
        ("Admin", listed("admin")),
        ("Verifikator", listed("bappeda", "adbang")),
        ("Pimpinan", listed("sekda", "bupati")),
        ("Operator OPD", examples("op.", "op.<singkatan OPD>")),
        ("Pengelola/PPTK", examples("pptk.", "pptk.<singkatan OPD>.<n>")),
    ]


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` over `weights` (largest remainder), at least 1 each when total allows."""
    if not weights:
        return []
    floor = 1 if total >= len(weights) else 0
    rest = total - floor * len(weights)
    weight_sum = sum(weights) or 1
    shares = [rest * w / weight_sum for w in weights]
    counts = [floor + int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts
