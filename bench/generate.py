"""Deterministic data sets for the benchmarks, loaded with PostgreSQL COPY (or, on SQLite,
executemany).

`python -m bench.generate --scale K` (DATABASE_URL = the scale's empty, migrated database)
fills it. Small tables go through the ORM; budget lines, pagu, targets, realization and
monthly reports through psycopg's `cursor.copy`, which loads L's ~1.2 million rows in well
under a minute on two cores where bulk_create would take several. On SQLite (the `make run`
default, DATABASE_URL=sqlite:///...) the same rows go through `executemany` in one
transaction. Same seed, same data, whatever the database.
"""

import argparse
import math
import random
import re
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime

COPY_STATEMENT = re.compile(r"COPY (\w+) \(([^)]*)\) FROM STDIN")


class Loader:
    """`copy(statement)` yields an object with `write_row`: COPY on PostgreSQL, on SQLite the
    rows collected and inserted with one `executemany` (values converted as Django would
    store them: booleans 0/1, datetimes naive UTC)."""

    def __init__(self, connection):
        self.vendor = connection.vendor
        self.cursor = connection.connection.cursor()

    @contextmanager
    def copy(self, statement: str):
        if self.vendor == "postgresql":
            with self.cursor.copy(statement) as copy:
                yield copy
            return
        match = COPY_STATEMENT.fullmatch(statement)
        if match is None:
            raise ValueError(f"not a COPY statement of this generator: {statement}")
        table, columns = match.groups()
        names = [c.strip() for c in columns.split(",")]
        rows: list[tuple] = []

        class Rows:
            write_row = rows.append

        yield Rows
        insert = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        self.cursor.executemany(insert, [tuple(map(_sqlite_value, row)) for row in rows])

    def reset_sequence(self, table: str, value: int) -> None:
        # SQLite's AUTOINCREMENT follows the largest id inserted by itself.
        if self.vendor == "postgresql":
            self.cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [max(value, 1)]
            )


def _sqlite_value(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    return value


NAMES = [
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", "dinas"),
    ("Dinas Pendidikan dan Kebudayaan", "Dindikbud", "dinas"),
    ("Dinas Kesehatan", "Dinkes", "dinas"),
    ("Sekretariat Daerah", "Setda", "sekretariat"),
    ("Sekretariat DPRD", "Setwan", "sekretariat"),
    ("Inspektorat Daerah", "Inspektorat", "inspektorat"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan"),
    ("RSUD dr. Soetomo", "RSUD", "rsud"),
    ("Dinas Perhubungan", "Dishub", "dinas"),
    ("Dinas Pertanian dan Ketahanan Pangan", "Dispertan", "dinas"),
    ("Dinas Sosial", "Dinsos", "dinas"),
    ("Bagian Pengadaan Barang dan Jasa", "Bag. PBJ", "bagian"),
]
KECAMATAN = [
    "Wanadadi",
    "Purwanegara",
    "Bawang",
    "Rakit",
    "Mandiraja",
    "Sigaluh",
    "Madukara",
    "Banjarmangu",
    "Karangkobar",
    "Pagentan",
    "Batur",
    "Wanayasa",
    "Kalibening",
    "Pandanarum",
    "Punggelan",
    "Susukan",
    "Pagedongan",
    "Pejawaran",
    "Klampok",
    "Purworejo",
]
# (nama, kelompok, weight)
SUMBER = [
    ("PAD", "pad", 22),
    ("DAU", "dau", 30),
    ("DBH", "dbh", 8),
    ("DAK Fisik Bidang Jalan", "dak_fisik", 7),
    ("DAK Fisik Bidang Pendidikan", "dak_fisik", 5),
    ("DAK Non Fisik BOK", "dak_non_fisik", 6),
    ("Bantuan Keuangan Provinsi", "bankeu", 6),
    ("BOS", "bos_blud", 6),
    ("BLUD RSUD", "bos_blud", 5),
    ("DID", "did", 5),
]
KENDALA = [
    ("Proses lelang ulang karena gagal tender", "Percepatan tender ulang"),
    ("Menunggu juknis DAK dari kementerian", "Koordinasi dengan kementerian"),
    ("Cuaca hujan menghambat pekerjaan fisik", "Penambahan jam kerja"),
]
PASSWORD = "bench-rakor-2025"
PROGRAMS, KEGIATAN_PER_PROGRAM, SUB_PER_KEGIATAN = 40, 5, 4  # 800 sub-kegiatan
# Performance indicators per budget line (its sub-kegiatan), per kegiatan and per program.
KINERJA_PER_LINE, KINERJA_PER_KEGIATAN, KINERJA_PER_PROGRAM = 5, 1, 1


def s_curve(month: int, steepness: float = 0.55, mid: float = 7.0) -> float:
    """Cumulative share of the year's plan at the end of `month`: 0 at 0, 1 in December."""

    def raw(m):
        return 1 / (1 + math.exp(-steepness * (m - mid)))

    return (raw(month) - raw(0)) / (raw(12) - raw(0))


def money(value: int) -> str:
    return f"{value}.00"


def percent(hundredths: int) -> str:
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def build(scale, out=sys.stderr):
    """Fill the (migrated, empty) default database with `scale`'s data."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from opd.models import Grouping, Opd, User
    from realisasi import ledger
    from realisasi.models import (
        ApbdStage,
        FiscalYear,
        Kegiatan,
        Program,
        SubKegiatan,
        SumberDana,
    )

    rng = random.Random(scale.seed)
    started = time.perf_counter()
    now = datetime(2025, 12, 1, 3, 0, tzinfo=UTC)

    with transaction.atomic():
        groupings = Grouping.objects.bulk_create(
            Grouping(kode=f"AS{n}", nama=f"Asisten {n}") for n in (1, 2, 3)
        )
        opds = []
        for n in range(scale.opds):
            if n < len(NAMES):
                nama, singkatan, jenis = NAMES[n]
            elif (n - len(NAMES)) < len(KECAMATAN):
                kec = KECAMATAN[n - len(NAMES)]
                nama, singkatan, jenis = f"Kecamatan {kec}", f"Kec. {kec}", "kecamatan"
            else:
                nama, singkatan, jenis = f"Dinas Urusan {n}", f"DU{n}", "dinas"
            opds.append(
                Opd(
                    kode=f"{1 + n // 20}.{n % 20 + 1:02d}.0.00.0.00.{n + 1:02d}.0000",
                    nama=nama,
                    singkatan=singkatan,
                    jenis=jenis,
                    grouping=groupings[n % 3],
                    kepala=f"Kepala {singkatan}",
                )
            )
        opds = Opd.objects.bulk_create(opds)

        hashed = make_password(PASSWORD)
        users = [
            User(username="bench.verifikator", role="verifikator", password=hashed),
            User(username="bench.sekda", role="pimpinan", password=hashed),
            User(username="bench.operator", role="operator", opd=opds[0], password=hashed),
        ]
        for opd in opds:
            users += [
                User(username=f"pptk.{opd.pk}.{i}", role="pengelola", opd=opd, password=hashed)
                for i in range(3)
            ]
        users = User.objects.bulk_create(users)
        pptk_of: dict[int | None, list[int]] = {}
        for user in users[3:]:
            pptk_of.setdefault(user.opd_id, []).append(user.pk)
        verifikator_id = users[0].pk

        programs = Program.objects.bulk_create(
            Program(kode=f"{1 + p // 20}.{p % 20 + 1:02d}.{p % 7 + 2:02d}", nama=f"Program {p}")
            for p in range(PROGRAMS)
        )
        kegiatan = Kegiatan.objects.bulk_create(
            Kegiatan(
                kode=f"{prog.kode}.2.{k + 1:02d}", nama=f"Kegiatan {prog.kode}.{k}", program=prog
            )
            for prog in programs
            for k in range(KEGIATAN_PER_PROGRAM)
        )
        subs = SubKegiatan.objects.bulk_create(
            SubKegiatan(
                kode=f"{keg.kode}.{s + 1:04d}", nama=f"Sub Kegiatan {keg.kode}.{s}", kegiatan=keg
            )
            for keg in kegiatan
            for s in range(SUB_PER_KEGIATAN)
        )
        sub_ids = [s.pk for s in subs]
        sumber = SumberDana.objects.bulk_create(
            SumberDana(nama=nama, kelompok=kelompok) for nama, kelompok, _ in SUMBER
        )
        sumber_ids = [s.pk for s in sumber]
        sumber_weights = [w for _, _, w in SUMBER]

        # The line layout (OPD, sub-kegiatan, sumber dana, PPTK, base pagu) is the same every
        # year, as a Pemda's budget mostly is; the first OPD runs `big_opd_lines` lines.
        rest = scale.lines - scale.big_opd_lines
        weights = [rng.uniform(0.5, 1.5) for _ in opds[1:]]
        counts = [scale.big_opd_lines] + [int(rest * w / sum(weights)) for w in weights]
        counts[1] += scale.lines - sum(counts)
        layout = []
        for opd, count in zip(opds, counts, strict=True):
            for sub_id in rng.sample(sub_ids, count):
                pagu = int(min(max(rng.lognormvariate(math.log(6e8), 1.0), 2e7), 6e10)) // 1000
                layout.append(
                    (
                        opd.pk,
                        sub_id,
                        rng.choices(sumber_ids, sumber_weights)[0],
                        rng.choice(pptk_of[opd.pk]),
                        pagu * 1000,
                    )
                )
        late = {opd.pk for opd in opds[-scale.late_opds :]} if scale.late_opds else set()
        performance = {opd.pk: rng.uniform(0.78, 1.04) for opd in opds}

        years = list(scale.years) + ([scale.import_year] if scale.import_lines else [])
        ids = {
            "line": 0,
            "pagu": 0,
            "target": 0,
            "realisasi": 0,
            "report": 0,
            "indikator": 0,
            "indikator_realisasi": 0,
            "laporan_kinerja": 0,
        }
        cursor = Loader(connection)
        for tahun in years:
            fy = FiscalYear.objects.create(tahun=tahun)
            murni = ApbdStage.objects.create(
                fiscal_year=fy, kode="murni", jenis="murni", urutan=1, berlaku_mulai=1
            )
            perubahan = ApbdStage.objects.create(
                fiscal_year=fy, kode="perubahan", jenis="perubahan", urutan=3, berlaku_mulai=9
            )
            importing = tahun == scale.import_year
            rows = _import_layout(layout, scale.import_lines, sumber_ids) if importing else layout
            through = 0 if importing else (12 if tahun < scale.latest_year else scale.through_month)
            _copy_year(
                cursor,
                rng,
                rows,
                fy.pk,
                murni.pk,
                perubahan.pk,
                through,
                late,
                performance,
                ids,
                growth=1 + 0.05 * (tahun - scale.years[0]),
                now=now,
            )
            if through:
                _copy_reports(
                    cursor,
                    fy.pk,
                    opds,
                    through,
                    late,
                    tahun == scale.latest_year,
                    verifikator_id,
                    ids,
                    now,
                )
            out.write(f"  {scale.key} {tahun}: {len(rows)} baris anggaran\n")
            if tahun == scale.latest_year:
                _copy_kinerja(cursor, rows, subs, fy.pk, opds, scale, verifikator_id, ids, now)
        for table, key in (
            ("realisasi_budgetline", "line"),
            ("realisasi_pagu", "pagu"),
            ("realisasi_target", "target"),
            ("realisasi_realisasi", "realisasi"),
            ("realisasi_monthlyreport", "report"),
            ("realisasi_indikator", "indikator"),
            ("realisasi_indikatorrealisasi", "indikator_realisasi"),
            ("realisasi_laporankinerja", "laporan_kinerja"),
        ):
            cursor.reset_sequence(table, ids[key])
        # COPY goes around every door: the ledger is built from what was loaded.
        ids["ledger"] = ledger.rebuild()
    with connection.cursor() as plain:
        plain.execute("ANALYZE")  # as autovacuum would, before anything is measured
    out.write(
        f"  {scale.key}: {ids['line']} baris, {ids['target']} target, {ids['realisasi']} "
        f"realisasi, {ids['indikator']} indikator dalam {time.perf_counter() - started:.1f} s\n"
    )
    return ids


def _import_layout(layout, count, sumber_ids):
    """`count` lines for the import year: the layout, then again with another sumber dana
    (each OPD's sub-kegiatan are distinct, so the keys stay unique)."""
    rows = list(layout[:count])
    for opd_id, sub_id, sumber_id, pptk_id, pagu in layout[: count - len(rows)]:
        other = sumber_ids[(sumber_ids.index(sumber_id) + 1) % len(sumber_ids)]
        rows.append((opd_id, sub_id, other, pptk_id, pagu))
    return rows


def _copy_year(
    cursor,
    rng,
    rows,
    fiscal_year_id,
    murni_id,
    perubahan_id,
    through,
    late,
    performance,
    ids,
    *,
    growth,
    now,
):
    first_line = ids["line"] + 1
    with cursor.copy(
        "COPY realisasi_budgetline (id, fiscal_year_id, opd_id, sub_kegiatan_id, sumber_dana_id,"
        " pptk_id, lokasi, indikator_keluaran, target_keluaran, satuan_keluaran) FROM STDIN"
    ) as copy:
        for n, (opd_id, sub_id, sumber_id, pptk_id, _) in enumerate(rows):
            copy.write_row(
                (
                    first_line + n,
                    fiscal_year_id,
                    opd_id,
                    sub_id,
                    sumber_id,
                    pptk_id,
                    "Kecamatan Wanadadi",
                    "Jumlah dokumen",
                    "12.00",
                    "dokumen",
                )
            )
    ids["line"] += len(rows)

    # Per line: murni pagu, and for one line in five a perubahan pagu from September.
    pagu_rows, pagu_by_month = [], []
    for n, (_, _, _, _, base) in enumerate(rows):
        murni = int(base * growth) // 1000 * 1000
        revised = murni
        pagu_rows.append((first_line + n, murni_id, murni))
        if rng.random() < 0.2:
            revised = int(murni * rng.uniform(0.8, 1.2)) // 1000 * 1000
            pagu_rows.append((first_line + n, perubahan_id, revised))
        pagu_by_month.append((murni, revised))
    with cursor.copy("COPY realisasi_pagu (id, line_id, stage_id, pagu) FROM STDIN") as copy:
        for line_id, stage_id, pagu in pagu_rows:
            ids["pagu"] += 1
            copy.write_row((ids["pagu"], line_id, stage_id, money(pagu)))

    keu = [s_curve(m) for m in range(13)]
    fis = [s_curve(m, 0.6, 6.5) for m in range(13)]
    stamp = now
    with cursor.copy(
        "COPY realisasi_target (id, line_id, bulan, target_keuangan, target_fisik, interpolated)"
        " FROM STDIN"
    ) as copy:
        for n, (murni, revised) in enumerate(pagu_by_month):
            previous = 0
            for m in range(1, 13):
                pagu = murni if m < 9 else revised
                target = max(previous, int(pagu * 0.97 * keu[m]))
                previous = target
                ids["target"] += 1
                copy.write_row(
                    (
                        ids["target"],
                        first_line + n,
                        m,
                        money(target),
                        percent(int(10000 * fis[m])),
                        False,
                    )
                )
    if not through:
        return
    with cursor.copy(
        "COPY realisasi_realisasi (id, line_id, bulan, realisasi_keuangan, realisasi_fisik,"
        " kendala, solusi, sumber, alasan_koreksi, updated_at, updated_by_id) FROM STDIN"
    ) as copy:
        for n, (murni, revised) in enumerate(pagu_by_month):
            opd_id = rows[n][0]
            speed = performance[opd_id] * rng.uniform(0.85, 1.1)
            last = through - 1 if opd_id in late else through
            previous_rp = previous_fisik = 0
            behind = speed < 0.85
            for m in range(1, last + 1):
                pagu = murni if m < 9 else revised
                real_rp = min(pagu, max(previous_rp, int(pagu * 0.97 * keu[m] * speed)))
                real_fisik = min(10000, max(previous_fisik, int(10000 * fis[m] * speed)))
                previous_rp, previous_fisik = real_rp, real_fisik
                kendala, solusi = KENDALA[n % 3] if behind and m == last else ("", "")
                ids["realisasi"] += 1
                copy.write_row(
                    (
                        ids["realisasi"],
                        first_line + n,
                        m,
                        money(real_rp),
                        percent(real_fisik),
                        kendala,
                        solusi,
                        "sp2d" if n % 17 == 0 else "opd",
                        "",
                        stamp,
                        None,
                    )
                )


def _kinerja_items(rows, subs):
    """{opd id: [(tingkat, program, kegiatan, sub-kegiatan, per item)]} in Form E.81's order:
    each program the OPD runs, its kegiatan, their sub-kegiatan (one per budget line)."""
    by_sub = {sub.pk: sub for sub in subs}
    items: dict[int, list] = {}
    for opd_id, sub_id, *_ in rows:
        sub = by_sub[sub_id]
        items.setdefault(opd_id, []).append(
            (sub.kegiatan.program_id, sub.kegiatan.kode, sub.kegiatan_id, sub.kode, sub_id)
        )
    layout = {}
    for opd_id, subs_of_opd in items.items():
        out, programs, kegiatan = [], set(), set()
        for program_id, _, kegiatan_id, _, sub_id in sorted(subs_of_opd, key=lambda s: s[:4]):
            if program_id not in programs:
                programs.add(program_id)
                out.append(("program", program_id, None, None, KINERJA_PER_PROGRAM))
            if kegiatan_id not in kegiatan:
                kegiatan.add(kegiatan_id)
                out.append(("kegiatan", program_id, kegiatan_id, None, KINERJA_PER_KEGIATAN))
            out.append(("sub_kegiatan", program_id, kegiatan_id, sub_id, KINERJA_PER_LINE))
        layout[opd_id] = out
    return layout


def _copy_kinerja(cursor, rows, subs, fiscal_year_id, opds, scale, verifikator_id, ids, now):
    """The latest year's performance indicators: KINERJA_PER_LINE output indicators per budget
    line (sub-kegiatan), one per kegiatan and per program (outcome), with targets per
    triwulan and realization through the last closed triwulan, and the quarterly reports
    (verified, the last one mixed; the benchmark's OPD keeps its last quarter in draft)."""
    rng = random.Random(scale.seed + 81)  # its own stream: the money data stays as it was
    closed = scale.through_month // 3
    layout = _kinerja_items(rows, subs)
    indikator, realized = [], []
    for opd in opds:
        speed = rng.uniform(0.7, 1.1)
        for tingkat, program_id, kegiatan_id, sub_id, count in layout.get(opd.pk, []):
            for nomor in range(1, count + 1):
                ids["indikator"] += 1
                level = rng.random() < 0.3
                negatif = tingkat == "program" and rng.random() < 0.2
                year = rng.choice((12, 40, 100, 250, 1200))
                if level:
                    targets = [year * q // 4 for q in (1, 2, 3, 4)]
                else:
                    targets = [year * share // 100 for share in (15, 25, 30, 30)]
                indikator.append(
                    (
                        ids["indikator"],
                        fiscal_year_id,
                        opd.pk,
                        tingkat,
                        program_id,
                        kegiatan_id,
                        sub_id,
                        nomor,
                        f"Jumlah keluaran {tingkat.replace('_', ' ')} {ids['indikator']} ({nomor})",
                        "%" if level else "dokumen",
                        "negatif" if negatif else "positif",
                        "tingkat" if level else "kumulatif",
                        money(year),
                        *(money(t) for t in targets),
                        tingkat == "program" and nomor == 1 and rng.random() < 0.1,
                    )
                )
                for triwulan in range(1, closed + 1):
                    value = int(targets[triwulan - 1] * speed * rng.uniform(0.8, 1.15))
                    low = value < targets[triwulan - 1] * 0.76
                    ids["indikator_realisasi"] += 1
                    realized.append(
                        (
                            ids["indikator_realisasi"],
                            ids["indikator"],
                            triwulan,
                            money(value),
                            "" if low else "Koordinasi berjalan baik.",
                            KENDALA[ids["indikator"] % 3][0] if low else "",
                            KENDALA[ids["indikator"] % 3][1] if low else "",
                            now,
                        )
                    )
    with cursor.copy(
        "COPY realisasi_indikator (id, fiscal_year_id, opd_id, tingkat, program_id, kegiatan_id,"
        " sub_kegiatan_id, nomor, uraian, satuan, polaritas, sifat, target_tahun, target_tw1,"
        " target_tw2, target_tw3, target_tw4, prioritas) FROM STDIN"
    ) as copy:
        for row in indikator:
            copy.write_row(row)
    with cursor.copy(
        "COPY realisasi_indikatorrealisasi (id, indikator_id, triwulan, realisasi,"
        " faktor_pendorong, faktor_penghambat, tindak_lanjut, updated_at) FROM STDIN"
    ) as copy:
        for row in realized:
            copy.write_row(row)
    mixed = ["terverifikasi", "terkirim", "draf", "dikembalikan"]
    with cursor.copy(
        "COPY realisasi_laporankinerja (id, opd_id, fiscal_year_id, triwulan, status, terlambat,"
        " submitted_at, verified_at, verified_by_id, catatan_verifikator, version, updated_at)"
        " FROM STDIN"
    ) as copy:
        for index, opd in enumerate(opds):
            for triwulan in range(1, closed + 1):
                status = "terverifikasi"
                if triwulan == closed:
                    status = "draf" if index == 0 else mixed[index % 4]
                verified = status == "terverifikasi"
                ids["laporan_kinerja"] += 1
                copy.write_row(
                    (
                        ids["laporan_kinerja"],
                        opd.pk,
                        fiscal_year_id,
                        triwulan,
                        status,
                        False,
                        None if status == "draf" else now,
                        now if verified else None,
                        verifikator_id if verified else None,
                        "",
                        1,
                        now,
                    )
                )


def _copy_reports(cursor, fiscal_year_id, opds, through, late, latest, verifikator_id, ids, now):
    """Monthly reports: verified, except the latest month of the latest year, which is mixed."""
    stamp = now
    mixed = ["terverifikasi", "terkirim", "draf", "dikembalikan"]
    with cursor.copy(
        "COPY realisasi_monthlyreport (id, opd_id, fiscal_year_id, bulan, status, terlambat,"
        " submitted_at, verified_at, verified_by_id, catatan_verifikator, version, updated_at)"
        " FROM STDIN"
    ) as copy:
        for index, opd in enumerate(opds):
            last = through - 1 if opd.pk in late else through
            for m in range(1, last + 1):
                status = "terverifikasi"
                if latest and m == last:
                    # The benchmark's OPD keeps its last month open: the save benchmark edits it.
                    status = "draf" if index == 0 else mixed[index % 4]
                verified = status == "terverifikasi"
                ids["report"] += 1
                copy.write_row(
                    (
                        ids["report"],
                        opd.pk,
                        fiscal_year_id,
                        m,
                        status,
                        index % 9 == 5,
                        None if status == "draf" else stamp,
                        stamp if verified else None,
                        verifikator_id if verified else None,
                        "",
                        1,
                        stamp,
                    )
                )


def main(argv=None):
    import django

    from bench.config import SCALES

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", required=True, choices=sorted(SCALES))
    args = parser.parse_args(argv)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    build(SCALES[args.scale])


if __name__ == "__main__":
    main()
