"""The province dashboard's rows: every kabupaten/kota with its last good figures (as its own
Rakor computed them, pulled by rakor.province), whether they are current, stale or the Pemda
unreachable, and its rank by realisasi keuangan.

The figures are the kabupaten's own (its API's records, decimal strings rounded once there);
the province's keuangan total is Σ realisasi Rp / Σ pagu × 100 over the Pemda with figures
(Rupiah are exact to the cent, so the sum is too). Two queries for any number of Pemda.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from rakor.province import Kabupaten, Tarikan
from realisasi import formulas
from realisasi.choices import Kategori
from realisasi.figures import lampu

TERKINI, USANG, TIDAK_TERJANGKAU, BELUM = "terkini", "usang", "tidak_terjangkau", "belum_ditarik"


@dataclass
class PemdaRow:
    kabupaten: Kabupaten
    last_good: Tarikan | None
    last_try: Tarikan | None
    status: str
    figures: dict | None  # the summary's total: Decimal values, kategori and lampu
    rank: int | None = None


@dataclass(frozen=True)
class ProvinceTotal:
    pemda: int
    pagu: Decimal
    realisasi_keuangan_rp: Decimal
    target_keuangan_persen: Decimal | None
    realisasi_keuangan_persen: Decimal | None
    deviasi_keuangan: Decimal | None


def _decimal_figures(total: dict) -> dict:
    values = {}
    for key, value in total.items():
        if key == "kategori":
            values[key] = value
        else:
            values[key] = None if value is None else Decimal(value)
    values["lampu"] = lampu(values.get("deviasi_keuangan"))
    kategori = values.get("kategori")
    values["kategori_label"] = Kategori(kategori).label if kategori in Kategori.values else ""
    return values


def _status(last_good, last_try, now) -> str:
    if last_try is None:
        return BELUM
    if not last_try.ok:
        return TIDAK_TERJANGKAU
    if now - last_good.at > timedelta(hours=settings.RAKOR_PROVINCE_STALE_HOURS):
        return USANG
    return TERKINI


def province_rows(now=None) -> list[PemdaRow]:
    """Every active kabupaten, ranked by realisasi keuangan % of its last good pull (highest
    first, ties share a rank, those without figures last in name order)."""
    now = now or timezone.now()
    latest = Tarikan.objects.filter(kabupaten=OuterRef("pk")).order_by("-at", "-pk")
    kabupaten = list(
        Kabupaten.objects.filter(aktif=True).annotate(
            good_id=Subquery(latest.filter(ok=True).values("pk")[:1]),
            try_id=Subquery(latest.values("pk")[:1]),
        )
    )
    wanted = {k.good_id for k in kabupaten} | {k.try_id for k in kabupaten}
    pulls = Tarikan.objects.defer("rekap").in_bulk([pk for pk in wanted if pk])
    rows = []
    for k in kabupaten:
        good, tried = pulls.get(k.good_id), pulls.get(k.try_id)
        total = good.ringkasan.get("total") if good and good.ringkasan else None
        rows.append(
            PemdaRow(
                kabupaten=k,
                last_good=good,
                last_try=tried,
                status=_status(good, tried, now),
                figures=_decimal_figures(total) if total else None,
            )
        )
    return _ranked(rows)


def _ranked(rows: list[PemdaRow]) -> list[PemdaRow]:
    def value(row):
        return row.figures and row.figures.get("realisasi_keuangan_persen")

    valued = sorted((r for r in rows if value(r) is not None), key=lambda r: r.kabupaten.nama)
    valued.sort(key=value, reverse=True)
    previous = None
    for position, row in enumerate(valued, start=1):
        row.rank = previous.rank if previous and value(previous) == value(row) else position
        previous = row
    rest = sorted((r for r in rows if value(r) is None), key=lambda r: r.kabupaten.nama)
    return valued + rest


def province_total(rows: list[PemdaRow]) -> ProvinceTotal:
    with_figures = [row.figures for row in rows if row.figures]
    pagu = sum((Decimal(f["pagu"] or 0) for f in with_figures), Decimal(0))
    real = sum((Decimal(f["realisasi_keuangan_rp"] or 0) for f in with_figures), Decimal(0))
    target = sum((Decimal(f["target_keuangan_rp"] or 0) for f in with_figures), Decimal(0))
    real_persen, target_persen = formulas.persen(real, pagu), formulas.persen(target, pagu)
    return ProvinceTotal(
        pemda=len(with_figures),
        pagu=pagu,
        realisasi_keuangan_rp=real,
        target_keuangan_persen=target_persen,
        realisasi_keuangan_persen=real_persen,
        deviasi_keuangan=formulas.deviasi(real_persen, target_persen),
    )
