"""The demo's nomenclature: programs, kegiatan and sub-kegiatan with nested codes.

Codes follow Permendagri 90/2019: program `1.02.02`, kegiatan `1.02.02.2.01`, sub-kegiatan
`1.02.02.2.01.0001`. Program 01 of each bidang is the "penunjang" program every OPD runs;
the technical programs are numbered from 02. Every kecamatan runs the same sub-kegiatan of
bidang 7.01. When an OPD needs more lines than its sub-kegiatan × sumber dana allow (only at
benchmark scale), further packages of its sub-kegiatan are added ("Paket 2", codes +100).
"""

from dataclasses import dataclass

from ..models import Kegiatan, Program, SubKegiatan
from . import names


@dataclass
class Sub:
    kode: str
    nama: str
    kegiatan: str
    penunjang: bool
    gaji: bool
    physical: bool
    obj: SubKegiatan | None = None


class Nomenclature:
    def __init__(self):
        self.programs: dict[str, str] = {}
        self.kegiatan: dict[str, tuple[str, str]] = {}
        self.subs: dict[str, Sub] = {}
        self.by_bidang: dict[str, list[Sub]] = {}
        self._kecamatan_ranking: list | None = None
        self._parse_technical()

    def _add_sub(self, kode, nama, kegiatan, penunjang=False, gaji=False) -> Sub:
        physical = nama.split(" ", 1)[0] in names.PHYSICAL_WORDS
        sub = Sub(kode, nama, kegiatan, penunjang, gaji, physical)
        self.subs[kode] = sub
        return sub

    def _parse_technical(self):
        bidang = program = kegiatan = ""
        counters = {}
        for raw in names.NOMENKLATUR.strip().splitlines():
            tag, text = raw.split(" ", 1)
            if tag == "B":
                bidang = text
                counters = {"P": 1}
                self.by_bidang[bidang] = []
            elif tag == "P":
                counters["P"] += 1
                program = f"{bidang}.{counters['P']:02d}"
                self.programs[program] = text
                counters["K"] = 0
            elif tag == "K":
                counters["K"] += 1
                kegiatan = f"{program}.2.{counters['K']:02d}"
                self.kegiatan[kegiatan] = (text, program)
                counters["S"] = 0
            else:
                counters["S"] += 1
                sub = self._add_sub(f"{kegiatan}.{counters['S']:04d}", text, kegiatan)
                self.by_bidang[bidang].append(sub)

    def penunjang(self, bidang: str) -> list[Sub]:
        """The penunjang sub-kegiatan of a bidang (created on first use)."""
        program = f"{bidang}.01"
        subs = []
        kegiatan = None
        for raw in names.PENUNJANG.strip().splitlines():
            tag, number, text = raw.split(" ", 2)
            if tag == "K":
                kegiatan = f"{program}.2.{number}"
                self.programs[program] = names.PENUNJANG_PROGRAM
                self.kegiatan[kegiatan] = (text, program)
                continue
            kode = f"{kegiatan}.{number}"
            gaji = kode.endswith(names.GAJI)
            subs.append(self.subs.get(kode) or self._add_sub(kode, text, kegiatan, True, gaji))
        return subs

    def technical(self, spec) -> list[Sub]:
        subs = self.by_bidang.get(spec.bidang, [])
        words = names.SUB_FILTER.get(spec.short)
        if words is None:
            return list(subs)
        return [sub for sub in subs if any(word in sub.nama for word in words)]

    def package(self, sub: Sub, number: int) -> Sub:
        """Package `number` (2, 3, ...) of a sub-kegiatan, for benchmark-scale demos."""
        base = int(sub.kode.rsplit(".", 1)[1])
        kode = f"{sub.kegiatan}.{base + 100 * (number - 1):04d}"
        return self.subs.get(kode) or self._add_sub(
            kode, f"{sub.nama} (Paket {number})", sub.kegiatan, sub.penunjang
        )

    def candidates(self, spec, subs: list[Sub]) -> list[tuple[float, Sub, str]]:
        """(weight, sub-kegiatan, sumber dana key) an OPD may budget, likeliest first."""
        rows = []
        for sub in subs:
            if sub.penunjang:
                funds = names.DANA_PENUNJANG
            else:
                funds = list(names.DANA_PROFILE.get(spec.bidang, names.DANA_DEFAULT))
                for word, key in names.DANA_HINTS:
                    if word in sub.nama:
                        funds = [key] + [f for f in funds if f != key]
                        break
            for rank, key in enumerate(funds):
                weight = 4.0 / (rank + 1) if not sub.penunjang else 1.5 / (rank + 1) ** 2
                rows.append((1e9 if sub.gaji and rank == 0 else weight, sub, key))
        return rows

    def choose(self, rng, spec, count: int) -> list[tuple[Sub, str]]:
        """`count` distinct (sub-kegiatan, sumber dana) pairs for one OPD, weighted at random.

        Every kecamatan takes the top of one shared ranking, so they run the same lines.
        """
        shared = spec.kecamatan is not None
        ranked = self._kecamatan_ranking if shared else None
        if ranked is None or len(ranked) < count:
            ranked = self.ranking(rng, spec, count)
            if shared:
                self._kecamatan_ranking = ranked
        return [(sub, dana) for _, sub, dana in sorted(ranked[:count], key=lambda r: r[0])]

    def ranking(self, rng, spec, count: int) -> list[tuple[int, Sub, str]]:
        """The candidates of an OPD in a random weighted order: (position, sub, dana)."""
        rows = self.candidates(spec, self.penunjang(spec.bidang) + self.technical(spec))
        number = 1
        while len(rows) < count:
            number += 1
            grow = self.technical(spec) or self.penunjang(spec.bidang)
            rows += self.candidates(spec, [self.package(sub, number) for sub in grow])
        # Weighted sampling without replacement (Efraimidis-Spirakis): key = u ** (1 / w).
        keyed = [(rng.random() ** (1 / weight), i) for i, (weight, _, _) in enumerate(rows)]
        keyed.sort(reverse=True)
        return [(i, rows[i][1], rows[i][2]) for _, i in keyed]

    def save(self, writer):
        """Write the programs, kegiatan and sub-kegiatan in use that are not in the database."""
        used = list(self.subs.values())
        kegiatan_codes = list(dict.fromkeys(sub.kegiatan for sub in used))
        program_codes = list(dict.fromkeys(self.kegiatan[k][1] for k in kegiatan_codes))
        programs = {p.kode: p for p in Program.objects.filter(kode__in=program_codes)}
        new_programs = [
            Program(kode=k, nama=self.programs[k]) for k in program_codes if k not in programs
        ]
        programs |= {p.kode: p for p in writer.create(Program, new_programs)}
        kegiatan = {k.kode: k for k in Kegiatan.objects.filter(kode__in=kegiatan_codes)}
        new_kegiatan = [
            Kegiatan(kode=k, nama=self.kegiatan[k][0], program=programs[self.kegiatan[k][1]])
            for k in kegiatan_codes
            if k not in kegiatan
        ]
        kegiatan |= {k.kode: k for k in writer.create(Kegiatan, new_kegiatan)}
        existing = {s.kode: s for s in SubKegiatan.objects.filter(kode__in=list(self.subs))}
        new_subs = []
        for sub in used:
            sub.obj = existing.get(sub.kode)
            if sub.obj is None:
                sub.obj = SubKegiatan(kode=sub.kode, nama=sub.nama, kegiatan=kegiatan[sub.kegiatan])
                new_subs.append(sub.obj)
        writer.create(SubKegiatan, new_subs)
