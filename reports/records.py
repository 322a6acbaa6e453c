"""Figures as plain data: the records of the `rekap` command (docs/rekap.md) and the API.

Rupiah keep their cents and percentages are rounded once, half up: both as decimal strings
with two places ("984959704911.00", "84.80"), None where a figure has no denominator. The
`rekap` command, its CSV and the API's JSON all write a Figures through `figures_record`, so
one figure reads the same everywhere.
"""

from opd.formatting import round_half_up

from . import figures

MONEY_KEYS = ("pagu", "target_keuangan_rp", "realisasi_keuangan_rp", "sisa")
PERCENT_KEYS = (
    "target_keuangan_persen",
    "realisasi_keuangan_persen",
    "deviasi_keuangan",
    "target_fisik",
    "realisasi_fisik",
    "deviasi_fisik",
)
FIGURE_KEYS = (
    "pagu",
    "target_keuangan_rp",
    "target_keuangan_persen",
    "realisasi_keuangan_rp",
    "realisasi_keuangan_persen",
    "deviasi_keuangan",
    "target_fisik",
    "realisasi_fisik",
    "deviasi_fisik",
    "sisa",
    "kategori",
)


def as_text(value, places: int = 2):
    """A Decimal as a decimal string rounded half up (None stays None)."""
    rounded = round_half_up(value, places)
    return None if rounded is None else format(rounded, "f")


def figures_record(f: figures.Figures) -> dict:
    record = {}
    for key in FIGURE_KEYS:
        value = getattr(f, key)
        record[key] = as_text(value, 2) if key in MONEY_KEYS + PERCENT_KEYS else value
    return record


def kepatuhan_record(compliance) -> dict:
    """Reporting compliance by its one definition (realisasi.compliance): OPD codes in order."""
    return {
        "opd_total": compliance.opd_total,
        "opd_lapor": compliance.opd_reported,
        "pengelola_lapor": compliance.pengelola_reported,
        "belum_lapor": [row.opd.kode for row in compliance.not_reported],
        "terlambat": [row.opd.kode for row in compliance.late],
    }


def opd_row_record(row: figures.OpdRow) -> dict:
    """One OPD of the rekap: code, name, the figure keys and the report's status."""
    return (
        {"kode_opd": row.kode, "nama_opd": row.nama}
        | figures_record(row.figures)
        | {"status_laporan": row.status_laporan}
    )
