"""Shared set-up of the monthly report tests: an OPD with lines, and the grid's POST data."""

from decimal import Decimal

from django.urls import reverse

from realisasi.models import BudgetLine, Pagu, SubKegiatan, Target
from tests.factories import (
    BudgetLineFactory,
    KegiatanFactory,
    OpdFactory,
    SumberDanaFactory,
    TargetFactory,
)

TAHUN, BULAN = 2025, 3


def make_lines(opd, year, count, pagu=1_000_000, pptk=None):
    """`count` lines of `opd` with a March target of Rp500.000 / 50 % each."""
    lines = [
        BudgetLineFactory(fiscal_year=year, opd=opd, pagu=pagu, pptk=pptk) for _ in range(count)
    ]
    for line in lines:
        TargetFactory(line=line, bulan=BULAN, target_keuangan=500_000, target_fisik=50)
    return lines


def bulk_lines(opd, year, count, pagu=1_000_000):
    """Like make_lines, in a handful of bulk inserts (for the 150-line tests)."""
    kegiatan = KegiatanFactory()
    subs = SubKegiatan.objects.bulk_create(
        SubKegiatan(kode=f"{opd.kode}.{kegiatan.kode}.{i:04d}", nama=f"Sub {i}", kegiatan=kegiatan)
        for i in range(count)
    )
    dana = SumberDanaFactory()
    BudgetLine.objects.bulk_create(
        BudgetLine(fiscal_year=year, opd=opd, sub_kegiatan=sub, sumber_dana=dana) for sub in subs
    )
    lines = list(BudgetLine.objects.filter(opd=opd, fiscal_year=year).order_by("pk"))
    stage = year.stages.get(kode="murni")
    Pagu.objects.bulk_create(Pagu(line=line, stage=stage, pagu=pagu) for line in lines)
    Target.objects.bulk_create(
        Target(line=line, bulan=BULAN, target_keuangan=500_000, target_fisik=50) for line in lines
    )
    return lines


def other_opd():
    return OpdFactory(kode="2.01.0.00.0.00.01.0000", nama="Dinas Pendidikan", singkatan="Disdik")


def grid(lines, version=0, **per_line):
    """POST data: per_line maps a line to (keu, fisik[, kendala[, extra dict]])."""
    data = {"version": str(version)}
    for line in lines:
        values = per_line.get(f"l{line.pk}")
        if values is None:
            continue
        keu, fisik, *rest = values
        data[f"keu-{line.pk}"] = keu
        data[f"fisik-{line.pk}"] = fisik
        if rest:
            data[f"kendala-{line.pk}"] = rest[0]
        if len(rest) > 1:
            data.update({f"{k}-{line.pk}": v for k, v in rest[1].items()})
    return data


def fill(lines, keu="500.000", fisik="50", kendala=""):
    """Every line filled with the same figures."""
    return {f"l{line.pk}": (keu, fisik, kendala) for line in lines}


def url(name, opd, tahun=TAHUN, bulan=BULAN):
    return reverse(f"realisasi:{name}", args=[opd.kode, tahun, bulan])


D = Decimal
