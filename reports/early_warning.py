"""Peringatan dini: what the Sekda must act on before December, one rule per kind of warning.

Every rule reads the lines' ledger values at the cut-off month m (reports.projection
.line_states) and the year-end projection of the chosen method; each threshold is a setting,
and each warning carries the Rupiah at risk (what the page sorts by) and a sentence that says
why it fired:

- potensi_silpa: projected sisa / pagu × 100 > RAKOR_PERINGATAN_SISA_PERSEN; at risk: the
  projected sisa.
- tanpa_realisasi: from month RAKOR_PERINGATAN_BULAN_TANPA_REALISASI, keuangan and fisik both
  0; at risk: the pagu.
- fisik_keuangan: abs(fisik − keuangan %) > RAKOR_PERINGATAN_SELISIH_FISIK_KEUANGAN; at risk:
  the gap × pagu / 100.
- deviasi_memburuk: deviasi keuangan lower at each of the last RAKOR_PERINGATAN_BULAN_MEMBURUK
  months than the month before, and below 0 now; at risk: target − realisasi (Rp).
- dak_fisik: a DAK Fisik line whose deviasi fisik < RAKOR_PERINGATAN_DAK_FISIK; at risk:
  (target − realisasi fisik) × pagu / 100.
- laporan_terlewat: an active OPD with no submitted report in any of the last
  RAKOR_PERINGATAN_LAPORAN_TERLEWAT months; at risk: its sisa (pagu − realisasi).
- tanpa_kendala: a line that needs a kendala (realisasi.figures.needs_kendala) and reported
  none for m; at risk: target − realisasi (Rp).

"Submitted" is realisasi.compliance's definition (terkirim or terverifikasi). A line with no
report for m counts with its carried-forward figures (the ledger), as everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

from opd.formatting import format_number, format_persen, format_rupiah_short
from realisasi import formulas
from realisasi.choices import NAMA_BULAN, KelompokDana
from realisasi.figures import line_deviasi, needs_kendala
from realisasi.models import MonthlyReport, Realisasi

from . import backtest, fragments, projection
from .choices import JenisPeringatan
from .projection import ProjectedSums

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ZERO = Decimal("0")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Alert:
    """One warning: a line's (line_id set) or an OPD's (line_id None). `facts` are the numbers
    its sentence states; the sentence is phrased when read (a large Pemda has thousands of
    warnings, of which a page shows fifty)."""

    jenis: str
    opd_id: int
    opd_kode: str
    opd_nama: str
    rupiah: Decimal
    facts: tuple = ()
    line_id: int | None = None
    sub_kegiatan_kode: str = ""
    sub_kegiatan_nama: str = ""
    sumber_dana: str = ""
    kelompok: str = ""

    @property
    def jenis_label(self) -> StrOrPromise:
        return JenisPeringatan(self.jenis).label

    @property
    def sentence(self) -> str:
        return SENTENCES[self.jenis](*self.facts)


def _line_alert(jenis: str, state, rupiah, *facts) -> Alert:
    return Alert(
        jenis=str(jenis),
        opd_id=state.opd_id,
        opd_kode=state.opd_kode,
        opd_nama=state.opd_nama,
        rupiah=max(Decimal(rupiah), ZERO),
        facts=facts,
        line_id=state.line_id,
        sub_kegiatan_kode=state.sub_kegiatan_kode,
        sub_kegiatan_nama=state.sub_kegiatan_nama,
        sumber_dana=state.sumber_dana,
        kelompok=state.kelompok,
    )


def _p(value) -> str:
    return format_persen(value)


# --- the sentences --------------------------------------------------------------------------


def _potensi_silpa_sentence(proyeksi, sisa, share, limit) -> str:
    return _(
        "Proyeksi realisasi keuangan akhir tahun %(proyeksi)s %%; potensi sisa %(sisa)s "
        "(%(share)s %% pagu), di atas batas %(limit)s %%."
    ) % {
        "proyeksi": _p(proyeksi),
        "sisa": format_rupiah_short(sisa),
        "share": _p(share),
        "limit": format_number(limit),
    }


def _tanpa_realisasi_sentence(bulan, first, pagu) -> str:
    return _(
        "Belum ada realisasi keuangan maupun fisik hingga akhir %(bulan)s (batas: %(batas)s); "
        "pagu %(pagu)s."
    ) % {"bulan": NAMA_BULAN[bulan], "batas": NAMA_BULAN[first], "pagu": format_rupiah_short(pagu)}


def _fisik_keuangan_sentence(fisik, keuangan, gap, limit) -> str:
    return _(
        "Realisasi fisik %(fisik)s %% dan keuangan %(keuangan)s %% berselisih %(gap)s poin "
        "(batas %(limit)s poin)."
    ) % {
        "fisik": _p(fisik),
        "keuangan": _p(keuangan),
        "gap": _p(gap),
        "limit": format_number(limit),
    }


def _deviasi_memburuk_sentence(months, series) -> str:
    return _(
        "Deviasi keuangan memburuk tiap bulan selama %(n)s bulan terakhir: %(series)s poin."
    ) % {
        "n": months,
        "series": " → ".join(_p(value) for value in series),
    }


def _dak_fisik_sentence(real, target, deviasi) -> str:
    return _(
        "DAK Fisik: realisasi fisik %(real)s %% dari target %(target)s %% (deviasi %(dev)s poin)."
    ) % {"real": _p(real), "target": _p(target), "dev": _p(deviasi)}


def _tanpa_kendala_sentence(dev_keu, dev_fisik, limit) -> str:
    return _(
        "Deviasi keuangan %(keu)s poin, fisik %(fisik)s poin (batas %(limit)s) tanpa kendala "
        "yang dilaporkan."
    ) % {"keu": _p(dev_keu), "fisik": _p(dev_fisik), "limit": format_number(limit)}


def _laporan_terlewat_sentence(first, bulan, months) -> str:
    return _(
        "Laporan %(dari)s sampai %(sampai)s belum disampaikan (%(n)s bulan terakhir); "
        "angka OPD ini bawaan bulan sebelumnya."
    ) % {"dari": NAMA_BULAN[first], "sampai": NAMA_BULAN[bulan], "n": months}


# Each kind's sentence, called with the facts its alert keeps (a different number per kind).
SENTENCES: dict[str, Callable[..., str]] = {
    JenisPeringatan.POTENSI_SILPA.value: _potensi_silpa_sentence,
    JenisPeringatan.TANPA_REALISASI.value: _tanpa_realisasi_sentence,
    JenisPeringatan.FISIK_KEUANGAN.value: _fisik_keuangan_sentence,
    JenisPeringatan.DEVIASI_MEMBURUK.value: _deviasi_memburuk_sentence,
    JenisPeringatan.DAK_FISIK.value: _dak_fisik_sentence,
    JenisPeringatan.TANPA_KENDALA.value: _tanpa_kendala_sentence,
    JenisPeringatan.LAPORAN_TERLEWAT.value: _laporan_terlewat_sentence,
}


# --- the rules on one line ------------------------------------------------------------------


def potensi_silpa(state, projected_rp: Decimal) -> Alert | None:
    pagu = state.now.pagu
    sisa = formulas.sisa(pagu, projected_rp)
    share = formulas.persen(sisa, pagu)
    limit = settings.RAKOR_PERINGATAN_SISA_PERSEN
    if share is None or share <= limit:
        return None
    proyeksi = formulas.persen(projected_rp, pagu)
    return _line_alert(JenisPeringatan.POTENSI_SILPA, state, sisa, proyeksi, sisa, share, limit)


def tanpa_realisasi(state, bulan: int) -> Alert | None:
    first = settings.RAKOR_PERINGATAN_BULAN_TANPA_REALISASI
    now = state.now
    if bulan < first or now.pagu <= 0 or now.real_rp != 0 or now.real_fisik != 0:
        return None
    return _line_alert(JenisPeringatan.TANPA_REALISASI, state, now.pagu, bulan, first, now.pagu)


def fisik_keuangan(state) -> Alert | None:
    now = state.now
    keuangan = formulas.persen(now.real_rp, now.pagu)
    if keuangan is None:
        return None
    gap = abs(now.real_fisik - keuangan)
    limit = settings.RAKOR_PERINGATAN_SELISIH_FISIK_KEUANGAN
    if gap <= limit:
        return None
    rupiah = gap * now.pagu / HUNDRED
    return _line_alert(
        JenisPeringatan.FISIK_KEUANGAN, state, rupiah, now.real_fisik, keuangan, gap, limit
    )


def deviasi_memburuk(state) -> Alert | None:
    months = settings.RAKOR_PERINGATAN_BULAN_MEMBURUK
    series = [state.ago(k).deviasi_keuangan for k in range(months, -1, -1)]  # oldest first
    if any(value is None for value in series) or series[-1] >= 0:
        return None
    if not all(later < earlier for earlier, later in zip(series, series[1:], strict=False)):
        return None
    now = state.now
    return _line_alert(
        JenisPeringatan.DEVIASI_MEMBURUK, state, now.target_rp - now.real_rp, months, tuple(series)
    )


def dak_fisik(state) -> Alert | None:
    if state.kelompok != KelompokDana.DAK_FISIK:
        return None
    now = state.now
    deviasi = now.deviasi_fisik
    if deviasi >= settings.RAKOR_PERINGATAN_DAK_FISIK:
        return None
    rupiah = -deviasi * now.pagu / HUNDRED
    return _line_alert(
        JenisPeringatan.DAK_FISIK, state, rupiah, now.real_fisik, now.target_fisik, deviasi
    )


def tanpa_kendala(state, has_kendala: bool) -> Alert | None:
    if has_kendala:
        return None
    now = state.now
    dev_keu, dev_fisik = line_deviasi(
        now.pagu, now.target_rp, now.real_rp, now.target_fisik, now.real_fisik
    )
    if not needs_kendala(dev_keu, dev_fisik):
        return None
    limit = settings.RAKOR_KENDALA_THRESHOLD
    return _line_alert(
        JenisPeringatan.TANPA_KENDALA, state, now.target_rp - now.real_rp, dev_keu, dev_fisik, limit
    )


# --- the OPD rule ---------------------------------------------------------------------------


def missed_reports(tahun: int, bulan: int, states) -> list[Alert]:
    """Active OPDs with lines whose reports of the last RAKOR_PERINGATAN_LAPORAN_TERLEWAT
    months are all missing or not submitted (one query)."""
    months = settings.RAKOR_PERINGATAN_LAPORAN_TERLEWAT
    first = bulan - months + 1
    if first < 1:
        return []
    submitted = set(
        MonthlyReport.objects.submitted()
        .filter(fiscal_year__tahun=tahun, bulan__range=(first, bulan))
        .values_list("opd_id", flat=True)
    )
    opds: dict[int, list] = {}
    for state in states:
        if state.opd_aktif and state.opd_id not in submitted:
            opds.setdefault(state.opd_id, []).append(state)
    alerts = []
    for opd_states in opds.values():
        first_state = opd_states[0]
        sisa = sum((s.now.pagu - s.now.real_rp for s in opd_states), ZERO)
        alerts.append(
            Alert(
                jenis=JenisPeringatan.LAPORAN_TERLEWAT.value,
                opd_id=first_state.opd_id,
                opd_kode=first_state.opd_kode,
                opd_nama=first_state.opd_nama,
                rupiah=max(sisa, ZERO),
                facts=(first, bulan, months),
            )
        )
    return alerts


# --- everything at a month ------------------------------------------------------------------


@dataclass
class Assessment:
    """The projection and the warnings of (tahun, bulan), warnings by Rupiah at risk."""

    tahun: int
    bulan: int
    projection: projection.YearEnd
    choice: backtest.MethodChoice
    alerts: list[Alert] = field(default_factory=list)
    opd_names: dict[int, tuple[str, str]] = field(default_factory=dict)

    def for_opds(self, opd_ids) -> list[Alert]:
        if opd_ids is None:
            return self.alerts
        wanted = set(opd_ids)
        return [alert for alert in self.alerts if alert.opd_id in wanted]

    def counts(self, alerts=None) -> list[tuple[str, StrOrPromise, int, Decimal]]:
        """(jenis, label, how many, Rupiah at risk) of each kind, in the order of the kinds."""
        alerts = self.alerts if alerts is None else alerts
        result: list[tuple[str, StrOrPromise, int, Decimal]] = []
        for jenis in JenisPeringatan:
            chosen = [alert for alert in alerts if alert.jenis == jenis]
            total = sum((alert.rupiah for alert in chosen), ZERO)
            result.append((jenis.value, jenis.label, len(chosen), total))
        return result

    def largest_sisa_opds(self, n: int = 3) -> list[tuple[str, ProjectedSums]]:
        """The OPDs with the largest projected sisa (Rupiah), largest first."""
        rows = [
            (self.opd_names[opd_id][1], sums)
            for opd_id, sums in self.projection.opd.items()
            if opd_id in self.opd_names
        ]
        rows.sort(key=lambda item: (-item[1].sisa_rp, item[0]))
        return rows[:n]


def assess(tahun: int, bulan: int, choice) -> Assessment:
    """Every warning of (tahun, bulan), with the projection by `choice.metode`. Four queries:
    the lines' ledger values, the method's curve (POLA), the month's kendala, the reports."""
    states = projection.line_states(tahun, bulan)
    year_end = projection.project(tahun, bulan, choice.metode, states)
    with_kendala = set(
        Realisasi.objects.filter(line__fiscal_year__tahun=tahun, bulan=bulan)
        .exclude(kendala="")
        .values_list("line_id", flat=True)
    )
    alerts: list[Alert] = []
    for state in states:
        projected_rp, _fisik = year_end.lines[state.line_id]
        for alert in (
            potensi_silpa(state, projected_rp),
            tanpa_realisasi(state, bulan),
            fisik_keuangan(state),
            deviasi_memburuk(state),
            dak_fisik(state),
            tanpa_kendala(state, state.line_id in with_kendala),
        ):
            if alert is not None:
                alerts.append(alert)
    alerts.extend(missed_reports(tahun, bulan, states))
    # the per-line projections served the rules; the sums by OPD, group and Pemda are kept
    year_end.lines = {}
    alerts.sort(key=lambda a: (-a.rupiah, a.opd_kode, a.sub_kegiatan_kode, a.jenis))
    names = {state.opd_id: (state.opd_kode, state.opd_nama) for state in states}
    return Assessment(
        tahun=tahun,
        bulan=bulan,
        projection=year_end,
        choice=choice,
        alerts=alerts,
        opd_names=names,
    )


def assessment(tahun: int, bulan: int) -> Assessment:
    """assess() with the chosen method, computed once per period, method and data stamp and
    shared by the page, the Dasbor, the OPD page and the briefing (reports.fragments)."""
    choice = backtest.chosen_method()
    return fragments.cached_value(
        "peringatan", tahun, bulan, lambda: assess(tahun, bulan, choice), extra=repr(choice)
    )
