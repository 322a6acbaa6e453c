"""The target import: cumulative monthly targets (RKO / anggaran kas) of existing lines.

Months the file does not give are filled by linear interpolation between the given months
(from 0 at month 0) and stored with interpolated=True; given months are stored with
interpolated=False. Months after a line's last given month are left as they are.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from django.utils.translation import gettext as _

from ..bulk import bulk_update
from ..choices import JenisImpor
from ..models import Target
from .base import Importer, LineIndex, Row, batched_create
from .numbers import CENT
from .problems import ImportResult

ZERO = Decimal("0")


def fill_months(given: dict[int, tuple[Decimal, Decimal]]) -> dict[int, tuple]:
    """{bulan: (keuangan, fisik, interpolated)} from month 1 to the last given month.

    A missing month m between given months a < m < b (a = 0 with zero targets before the
    first given month) gets v(a) + (v(b) − v(a)) × (m − a) / (b − a), rounded half up to two
    decimals once: quarter-end fisik 25/50/75/100 % gives month 1 = 25 × 1/3 = 8,33.
    """
    points = [(0, ZERO, ZERO), *sorted((m, k, f) for m, (k, f) in given.items())]
    filled = {}
    for (m0, k0, f0), (m1, k1, f1) in pairwise(points):
        for month in range(m0 + 1, m1):
            step = Decimal(month - m0) / Decimal(m1 - m0)
            filled[month] = (
                (k0 + (k1 - k0) * step).quantize(CENT, rounding=ROUND_HALF_UP),
                (f0 + (f1 - f0) * step).quantize(CENT, rounding=ROUND_HALF_UP),
                True,
            )
        filled[m1] = (k1, f1, False)
    return filled


@dataclass
class TargetRow:
    number: int
    line_id: int
    bulan: int
    keuangan: Decimal
    fisik: Decimal


class TargetImporter(Importer):
    jenis = JenisImpor.TARGET
    required = ("kode_opd", "kode_sub_kegiatan", "bulan", "target_keuangan", "target_fisik")
    optional = ("sumber_dana",)
    example = {
        "kode_opd": "1.02.0.00.0.00.01.0000",
        "kode_sub_kegiatan": "1.02.02.2.01.0001",
        "sumber_dana": "DAU",
        "bulan": 3,
        "target_keuangan": 37500000,
        "target_fisik": 25,
    }

    def prepare(self) -> None:
        self.lines = LineIndex(self.require_year())
        self.seen: dict = {}

    def check_row(self, row: Row):
        found = self.lines.resolve(row, self.tahun)
        bulan = row.bulan()
        keuangan = row.rupiah("target_keuangan")
        fisik = row.persen("target_fisik")
        if not row.ok or bulan is None or keuangan is None or fisik is None:
            return None
        line_id = found[0]
        earlier = self.seen.setdefault((line_id, bulan), row.number)
        if earlier != row.number:
            row.problem(
                "bulan",
                _("duplikat: target baris anggaran ini untuk bulan %(m)s sudah ada di baris %(r)s.")
                % {"m": bulan, "r": earlier},
            )
            return None
        return TargetRow(row.number, line_id, bulan, keuangan, fisik)

    def write(self, rows: list[TargetRow], result: ImportResult) -> None:
        existing = {
            (line_id, bulan): (pk, keuangan, fisik, interpolated)
            for pk, line_id, bulan, keuangan, fisik, interpolated in Target.objects.filter(
                line__fiscal_year=self.year
            ).values_list(
                "pk", "line_id", "bulan", "target_keuangan", "target_fisik", "interpolated"
            )
        }
        given_by_line: dict[int, dict] = {}
        for row in rows:
            given_by_line.setdefault(row.line_id, {})[row.bulan] = (row.keuangan, row.fisik)
        create, update = [], []
        interpolated = 0
        outcome = {}
        for done, (line_id, given) in enumerate(given_by_line.items(), start=1):
            self.report_progress("tulis", done, len(given_by_line))
            for bulan, (keuangan, fisik, is_interpolated) in fill_months(given).items():
                interpolated += is_interpolated
                old = existing.get((line_id, bulan))
                new = (keuangan, fisik, is_interpolated)
                if old is None:
                    create.append(
                        Target(
                            line_id=line_id,
                            bulan=bulan,
                            target_keuangan=keuangan,
                            target_fisik=fisik,
                            interpolated=is_interpolated,
                        )
                    )
                    outcome[(line_id, bulan)] = "added"
                elif old[1:] != new:
                    update.append(
                        Target(
                            pk=old[0],
                            target_keuangan=keuangan,
                            target_fisik=fisik,
                            interpolated=is_interpolated,
                        )
                    )
                    outcome[(line_id, bulan)] = "changed"
                else:
                    outcome[(line_id, bulan)] = "unchanged"
        batched_create(Target, create)
        bulk_update(update, ["target_keuangan", "target_fisik", "interpolated"])
        self.ledger_lines = {
            line_id for (line_id, bulan), state in outcome.items() if state != "unchanged"
        }
        for row in rows:
            state = outcome[(row.line_id, row.bulan)]
            setattr(result, state, getattr(result, state) + 1)
        if interpolated:
            self.notes.append(
                _("%(n)s target bulanan diisi dengan interpolasi.") % {"n": interpolated}
            )
