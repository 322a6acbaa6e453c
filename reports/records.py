"""Figures as plain data: the records of the `rekap` command (docs/rekap.md) and the API.

Rupiah keep their cents and percentages are rounded once, half up: both as decimal strings
with two places ("984959704911.00", "84.80"), None where a figure has no denominator. The
`rekap` command, its CSV and the API's JSON all write a Figures through `figures_record`, so
one figure reads the same everywhere.
"""

import csv

from opd.formatting import round_half_up
from realisasi.compliance import compliance_for

from . import figures
from .tables import neutralise

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


OPD_KEYS = ("kode_opd", "nama_opd")
CSV_KEYS = (*OPD_KEYS, *FIGURE_KEYS, "status_laporan")


def rekap_data(tahun: int, bulan: int) -> dict:
    """The rekap of (tahun, bulan) as plain JSON-ready data (docs/rekap.md): the Pemda over
    every line of the year, one record per active OPD, and the reporting compliance."""
    summary = figures.pemda_summary(tahun, bulan)
    return {
        "tahun": tahun,
        "bulan": bulan,
        "pemda": figures_record(summary.totals),
        "opd": [opd_row_record(row) for row in figures.opd_rows(tahun, bulan)],
        # the one definition of "telah menyampaikan laporan" (realisasi.compliance)
        "kepatuhan": kepatuhan_record(compliance_for(tahun, bulan)),
    }


def write_rekap_csv(data: dict, stream) -> None:
    """The rekap's CSV: the keys above, one row per OPD, then TOTAL PEMDA."""
    writer = csv.DictWriter(stream, fieldnames=CSV_KEYS, lineterminator="\n")
    writer.writeheader()
    for record in data["opd"]:
        # names are free text: neutralised; figures are numbers and stay as they are
        writer.writerow(record | {key: neutralise(record[key]) for key in OPD_KEYS})
    # the Pemda totals last, without an OPD code and status
    writer.writerow({"kode_opd": "", "nama_opd": "TOTAL PEMDA", **data["pemda"]})
