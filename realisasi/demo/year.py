"""One fiscal year of the demo: stages, budget lines, pagu, targets, realization, reports.

Targets follow an S-curve (slow start, fast second half, 100 % in December); a few lines have
quarter-end targets only, the months between interpolated. Realization follows the target
times a performance factor of the OPD and the line, cumulative and never above the pagu
(the smallest pagu of the stages in force from that month on, so a cut in the perubahan never
leaves an earlier month above its pagu). Lines behind target by more than
RAKOR_KENDALA_THRESHOLD points carry a kendala and a solusi.
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from math import exp
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ..choices import JenisTahap, StatusLaporan, SumberRealisasi
from ..models import (
    ApbdStage,
    BudgetLine,
    FiscalYear,
    KategoriKendala,
    MonthlyReport,
    Pagu,
    Realisasi,
    StatusChange,
    Target,
)
from . import names

RUPIAH = Decimal("1")
CENT = Decimal("0.01")
THOUSAND = Decimal("1000")
# A Kabupaten of the news spends about Rp1,25 miliar per sub-kegiatan line (Rp1,9 T / 1.500).
PAGU_PER_LINE = 1_250_000_000
QUARTER_ENDS = (3, 6, 9, 12)
# Whose results the news quotes as the best of the month; the demo puts them ahead of target.
AHEAD = ("kec-wanadadi", "kec-purwanegara", "kesbangpol")
STAGES = {
    # kode: (jenis, urutan, nama, berlaku mulai)
    "murni": (JenisTahap.MURNI, 1, "APBD Murni", 1),
    "pergeseran-1": (JenisTahap.PERGESERAN, 2, "Pergeseran I", 6),
    "perubahan": (JenisTahap.PERUBAHAN, 3, "APBD Perubahan", 9),
}
LAST_MONTH_STATUS = [
    (StatusLaporan.TERVERIFIKASI, 0.55),
    (StatusLaporan.TERKIRIM, 0.25),
    (StatusLaporan.DRAF, 0.1),
    (StatusLaporan.DIKEMBALIKAN, 0.1),
]


def money(value: float) -> Decimal:
    return Decimal(value).quantize(RUPIAH, ROUND_HALF_UP)


def percent(value: float) -> Decimal:
    return Decimal(min(100.0, max(0.0, value))).quantize(CENT, ROUND_HALF_UP)


def s_curve(center: float, steepness: float) -> list[float]:
    """Cumulative share of the year's plan at the end of months 0..12: slow, fast, 1 in Dec."""

    def logistic(x):
        return 1 / (1 + exp(-steepness * (x - center)))

    low, high = logistic(0), logistic(12)
    return [(logistic(m) - low) / (high - low) for m in range(13)]


def quarterly(values: list, quantum: Decimal) -> list[tuple[Decimal, bool]]:
    """Keep the quarter-end values of months 0..12; interpolate the months between linearly."""
    out = [(values[0], False)]
    for m in range(1, 13):
        if m in QUARTER_ENDS:
            out.append((values[m], False))
            continue
        start = (m - 1) // 3 * 3
        low, high = values[start], values[start + 3]
        share = Decimal(m - start) / 3
        out.append(((low + (high - low) * share).quantize(quantum, ROUND_HALF_UP), True))
    return out


class Year:
    def __init__(self, builder, tahun: int, last_month: int, current: bool):
        self.b = builder
        self.rng = builder.rng
        self.tahun = tahun
        self.last = last_month
        self.current = current
        self.threshold = float(settings.RAKOR_KENDALA_THRESHOLD)
        self.kategori = dict(KategoriKendala.objects.values_list("nama", "pk"))
        self.tz = ZoneInfo(settings.TIME_ZONE)

    def build(self, plans: list[dict], dana: dict, years_before_current: int):
        fy, _ = FiscalYear.objects.get_or_create(tahun=self.tahun)
        self.fy = fy
        codes = list(STAGES) if self.current else ["murni"]
        stages = {}
        for kode in codes:
            jenis, urutan, nama, mulai = STAGES[kode]
            stages[kode], _ = ApbdStage.objects.get_or_create(
                fiscal_year=fy,
                kode=kode,
                defaults={"jenis": jenis, "urutan": urutan, "nama": nama, "berlaku_mulai": mulai},
            )
        perf = {spec.short: self.performance(spec.short) for spec in self.b.opds}
        missing = self.not_reported() if self.current else set()
        lines = [
            BudgetLine(
                fiscal_year=fy,
                opd=plan["opd"].obj,
                sub_kegiatan=plan["sub"].obj,
                sumber_dana=dana[plan["dana"]],
                pptk=plan["pptk"],
                lokasi=plan["lokasi"],
                indikator_keluaran=plan["indikator"],
                target_keluaran=plan["target_keluaran"],
                satuan_keluaran=plan["satuan"],
            )
            for plan in plans
        ]
        self.b.writer.create(BudgetLine, lines)
        growth = 0.94**years_before_current
        paguset = self.pagu(plans, PAGU_PER_LINE * len(plans) * growth)
        for line, by_stage in zip(lines, paguset, strict=True):
            for kode, amount in by_stage.items():
                self.b.writer.add(Pagu, line.pk, stages[kode].pk, amount)
        for line, plan, by_stage in zip(lines, plans, paguset, strict=True):
            skip = self.last if plan["opd"].short in missing else None
            self.line_months(line, plan, by_stage, perf[plan["opd"].short], skip)
        self.b.writer.flush()
        self.reports(missing)

    def performance(self, short: str) -> float:
        """The OPD's realization as a share of its target: a few ahead, many behind."""
        u = self.rng.random()
        if self.current and short in AHEAD:
            return self.rng.uniform(1.03, 1.06)
        if u < 0.2:
            return self.rng.uniform(1.0, 1.05)
        if u < 0.8:
            return self.rng.uniform(0.88, 0.98)
        return self.rng.uniform(0.7, 0.9)

    def not_reported(self) -> set[str]:
        """The few OPDs with no report (and no realization) for the last month."""
        pool = [s.short for s in self.b.opds if s.short != "setda" and s.short not in AHEAD]
        count = max(1, round(len(self.b.opds) * 0.07)) if len(pool) > 1 else 0
        return set(self.rng.sample(pool, count))

    def raw_pagu(self, plan) -> float:
        sub, size, dana = plan["sub"], plan["opd"].size, plan["dana"]
        if sub.gaji:
            return 9e9 * size**2 * self.rng.lognormvariate(0, 0.15)
        if sub.penunjang:
            base = 0.35e9 * size**0.5
        elif dana in ("bos", "blud"):
            base = 12e9
        elif dana.startswith("dak_"):
            base = 4e9
        elif dana == "bankeu":
            base = 1.5e9
        else:
            base = 1.2e9 * size**0.5
        return base * self.rng.lognormvariate(0, 0.6)

    def pagu(self, plans, total: float) -> list[dict[str, Decimal]]:
        """{stage kode: pagu} per line: murni scaled to `total`, then pergeseran, perubahan."""
        raw = [self.raw_pagu(plan) for plan in plans]
        scale = total / sum(raw)
        murni = [max(THOUSAND * 1000, money(r * scale / 1000) * THOUSAND) for r in raw]
        result = [{"murni": amount} for amount in murni]
        if not self.current:
            return result
        # Pergeseran I: a few shifts between two lines of the same OPD, the sum kept.
        by_opd: dict[str, list[int]] = {}
        for i, plan in enumerate(plans):
            by_opd.setdefault(plan["opd"].short, []).append(i)
        pools = [idx for idx in by_opd.values() if len(idx) >= 2]
        for _ in range(max(1, len(plans) // 60) if pools else 0):
            a, b = self.rng.sample(self.rng.choice(pools), 2)
            if "pergeseran-1" in result[a] or "pergeseran-1" in result[b]:
                continue
            shift = money(float(murni[a]) * self.rng.uniform(0.05, 0.2) / 1000) * THOUSAND
            result[a]["pergeseran-1"] = murni[a] - shift
            result[b]["pergeseran-1"] = murni[b] + shift
        # APBD Perubahan restates every line and revises about a third of them.
        for row in result:
            latest = row.get("pergeseran-1", row["murni"])
            if self.rng.random() < 0.3:
                factor = self.rng.uniform(0.85, 1.2)
                latest = max(THOUSAND * 1000, money(float(latest) * factor / 1000) * THOUSAND)
            row["perubahan"] = latest
        return result

    def month_pagu(self, by_stage: dict) -> list[Decimal]:
        """Pagu in force at months 0..12 (month 0 = murni)."""
        out = []
        for m in range(13):
            kode = max(
                (k for k in by_stage if STAGES[k][3] <= max(m, 1)), key=lambda k: STAGES[k][1]
            )
            out.append(by_stage[kode])
        return out

    def line_months(self, line, plan, by_stage, opd_perf: float, skip_month):
        rng = self.rng
        pagu = self.month_pagu(by_stage)
        # The cap of month m: no later stage may leave the cumulative realization above pagu.
        cap = [min(pagu[m:]) for m in range(13)]
        if plan["sub"].gaji:
            keu = [m / 12 for m in range(13)]
            fis = keu
            ratio = rng.uniform(0.97, 1.0)
        else:
            center, steep = rng.uniform(8.0, 9.8), rng.uniform(0.4, 0.7)
            keu = s_curve(center, steep)
            fis = s_curve(center - rng.uniform(0.5, 1.2), steep)
            ratio = min(1.08, max(0.3, opd_perf * rng.lognormvariate(0, 0.07)))
        fisik_ratio = min(1.1, ratio + rng.uniform(0.0, 0.05))
        t_rp, t_fis = [Decimal(0)], [Decimal(0)]
        for m in range(1, 13):
            t_rp.append(max(t_rp[-1], min(cap[m], money(float(pagu[m]) * keu[m]))))
            t_fis.append(max(t_fis[-1], percent(fis[m] * 100)))
        t_rp[12], t_fis[12] = cap[12], Decimal(100)
        targets = list(zip(t_rp, [False] * 13, strict=True))
        fisik = list(zip(t_fis, [False] * 13, strict=True))
        if plan["quarterly"]:
            targets, fisik = quarterly(t_rp, RUPIAH), quarterly(t_fis, CENT)
        for m in range(1, 13):
            self.b.writer.add(Target, line.pk, m, targets[m][0], fisik[m][0], targets[m][1])
        kendala = self.kendala(plan)
        real_rp, real_fis = Decimal(0), Decimal(0)
        sumber = SumberRealisasi.SP2D if plan["sp2d"] else SumberRealisasi.OPD
        for m in range(1, self.last + 1):
            if m == skip_month:
                break
            ramp = min(1.0, m / 5)
            month_ratio = (1 + (ratio - 1) * ramp) * rng.uniform(0.98, 1.02)
            value = money(float(targets[m][0]) * month_ratio)
            real_rp = max(real_rp, min(cap[m], value))
            fis_value = percent(float(fisik[m][0]) * (1 + (fisik_ratio - 1) * ramp))
            real_fis = max(real_fis, fis_value)
            behind_rp = float((real_rp - targets[m][0]) / pagu[m] * 100) if pagu[m] else 0
            behind = min(behind_rp, float(real_fis - fisik[m][0])) < self.threshold
            self.b.writer.add(
                Realisasi,
                line.pk,
                m,
                real_rp,
                real_fis,
                kendala[0] if behind else "",
                kendala[1] if behind else "",
                sumber,
                "",
                self.b.writer.now,
                (plan["pptk"] or plan["opd"].operator).pk,
                self.kategori.get(names.KATEGORI_KENDALA.get(kendala[0], "")) if behind else None,
            )

    def kendala(self, plan) -> tuple[str, str]:
        pool = list(names.KENDALA_UMUM)
        if plan["sub"].physical:
            pool += names.KENDALA_FISIK * 2
        if plan["dana"].startswith(("dak_", "bok", "bop")):
            pool += names.KENDALA_DAK * 3
        return self.rng.choice(pool)

    # --- monthly reports ------------------------------------------------------------------
    def at(self, bulan: int, day: int, hour: int) -> datetime:
        """A moment in the month after `bulan` (when the report of `bulan` is written)."""
        year, month = (self.tahun, bulan + 1) if bulan < 12 else (self.tahun + 1, 1)
        return datetime(year, month, day, hour, self.rng.randint(0, 59), tzinfo=self.tz)

    def reports(self, missing: set[str]):
        rng = self.rng
        deadline = self.fy.batas_hari_lapor
        verifikators = [u for u in (self.b.special["bappeda"], self.b.special["adbang"]) if u]
        now = timezone.now()
        reports, changes = [], []
        for spec in self.b.opds:
            for m in range(1, self.last + 1):
                last = self.current and m == self.last
                if last and spec.short in missing:
                    continue
                status = StatusLaporan.TERVERIFIKASI
                if last:
                    status = rng.choices(*zip(*LAST_MONTH_STATUS, strict=True))[0]
                # The last month's reports are written up to the 15th of the month after it, and
                # never after today: a step still ahead of today has not happened yet (on the
                # 2nd most of last month's reports are drafts, as they are in a real Pemda).
                late = rng.random() < (0.12 if last else 0.06)
                sent_day = rng.randint(deadline + 1, 15) if late else rng.randint(2, deadline)
                operator, verifikator = spec.operator, rng.choice(verifikators)
                report = MonthlyReport(opd=spec.obj, fiscal_year=self.fy, bulan=m)
                steps = [("", StatusLaporan.DRAF, operator, min(self.at(m, 1, 8), now), "")]
                if status != StatusLaporan.DRAF:
                    sent_at = self.at(m, sent_day, 10)
                    if sent_at > now:
                        status = StatusLaporan.DRAF
                    else:
                        report.submitted_at = sent_at
                        report.submitted_by = operator
                        report.terlambat = sent_day > deadline
                        steps.append(
                            (StatusLaporan.DRAF, StatusLaporan.TERKIRIM, operator, sent_at, "")
                        )
                check_day = min(15, sent_day + rng.randint(1, 4))
                if status == StatusLaporan.DIKEMBALIKAN:
                    catatan = rng.choice(names.CATATAN_DIKEMBALIKAN)
                    checked_at = self.at(m, check_day, 14)
                    if checked_at > now:
                        status = StatusLaporan.TERKIRIM
                    else:
                        report.catatan_verifikator = catatan
                        steps.append(
                            (
                                StatusLaporan.TERKIRIM,
                                StatusLaporan.DIKEMBALIKAN,
                                verifikator,
                                checked_at,
                                catatan,
                            )
                        )
                if status == StatusLaporan.TERVERIFIKASI:
                    checked_at = self.at(m, check_day, 14)
                    if checked_at > now:
                        status = StatusLaporan.TERKIRIM
                    else:
                        report.verified_at = checked_at
                        report.verified_by = verifikator
                        steps.append(
                            (
                                StatusLaporan.TERKIRIM,
                                StatusLaporan.TERVERIFIKASI,
                                verifikator,
                                checked_at,
                                "",
                            )
                        )
                report.status = status
                report.version = len(steps)
                report.updated_by = steps[-1][2]
                reports.append(report)
                changes.append(steps)
        self.b.writer.create(MonthlyReport, reports)
        # StatusChange.at is auto_now_add, which bulk_create would overwrite with the seeding
        # time; the history must show when each step happened, so the rows go in as values.
        adapt = connection.ops.adapt_datetimefield_value
        for report, steps in zip(reports, changes, strict=True):
            for before, after, user, when, note in steps:
                self.b.writer.add(
                    StatusChange, report.pk, before, after, user.pk, adapt(when), note
                )
        self.b.writer.flush(StatusChange)
