"""Figures as plain data: the records of the `rekap` and `peringatan` commands (docs/rekap.md,
docs/peringatan.md) and of the API.

Rupiah keep their cents and percentages are rounded once, half up: both as decimal strings
with two places ("984959704911.00", "84.80"), None where a figure has no denominator. The
`rekap` command, its CSV and the API's JSON all write a Figures through `figures_record`, so
one figure reads the same everywhere.
"""

import csv

from opd.formatting import round_half_up
from realisasi import formulas
from realisasi.compliance import compliance_for

from . import early_warning, figures, projection
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


# --- peringatan dini (the `peringatan` command and the API) -----------------------------------


def projection_record(sums) -> dict:
    return {
        "pagu": as_text(sums.pagu, 2),
        "realisasi_keuangan_persen": as_text(sums.real_persen, 2),
        "proyeksi_keuangan_rp": as_text(sums.proj_rp, 2),
        "proyeksi_keuangan_persen": as_text(sums.proj_persen, 2),
        "proyeksi_fisik": as_text(sums.proj_fisik, 2),
        "potensi_sisa": as_text(sums.sisa_rp, 2),
    }


def line_records(tahun: int, bulan: int, metode: str) -> list[dict]:
    """Every line's projection by `metode` (the warnings keep only the sums)."""
    states = projection.line_states(tahun, bulan)
    year_end = projection.project(tahun, bulan, metode, states)
    records = []
    for state in states:
        rp, fisik = year_end.lines[state.line_id]
        pagu = state.now.pagu
        records.append(
            {
                "baris_id": state.line_id,
                "kode_opd": state.opd_kode,
                "kode_sub_kegiatan": state.sub_kegiatan_kode,
                "sumber_dana": state.sumber_dana,
                "pagu": as_text(pagu, 2),
                "realisasi_keuangan_rp": as_text(state.now.real_rp, 2),
                "proyeksi_keuangan_rp": as_text(rp, 2),
                "proyeksi_keuangan_persen": as_text(formulas.persen(rp, pagu), 2),
                "proyeksi_fisik": as_text(fisik, 2),
            }
        )
    return records


def peringatan_data(
    tahun: int, bulan: int, *, lines: bool = False, opd_ids=None, jenis="", kelompok=""
) -> dict:
    """The `peringatan` command's JSON and the API's: the method with its backtest error, the
    projection and the warnings (by Rupiah at risk). `opd_ids`: the OPDs a reader sees (None:
    all, with the Pemda's and the funding groups' projection); `jenis`, `kelompok` filter the
    warnings as the page does."""
    result = early_warning.assessment(tahun, bulan)
    choice = result.choice
    year_end = result.projection
    alerts = result.for_opds(opd_ids)
    if kelompok:
        alerts = [alert for alert in alerts if alert.kelompok == kelompok]
    if jenis:
        alerts = [alert for alert in alerts if alert.jenis == jenis]
    wanted = None if opd_ids is None else set(opd_ids)
    return {
        "tahun": tahun,
        "bulan": bulan,
        "metode": {
            "kode": choice.metode,
            "nama": str(choice.label),
            "dipilih_karena": choice.source,
            "galat_opd_keuangan": as_text(choice.error.opd_keuangan, 2) if choice.error else None,
            "galat_pemda_keuangan": (
                as_text(choice.error.pemda_keuangan, 2) if choice.error else None
            ),
            "tahun_uji": list(choice.years),
        },
        "proyeksi": {
            "pemda": projection_record(year_end.pemda) if wanted is None else None,
            "kelompok_dana": (
                {key: projection_record(s) for key, s in year_end.kelompok.items()}
                if wanted is None
                else {}
            ),
            "opd": [
                {"kode_opd": result.opd_names[opd_id][0], "nama_opd": result.opd_names[opd_id][1]}
                | projection_record(sums)
                for opd_id, sums in sorted(
                    year_end.opd.items(), key=lambda item: result.opd_names[item[0]][0]
                )
                if wanted is None or opd_id in wanted
            ],
        },
        "peringatan": [
            {
                "jenis": alert.jenis,
                "kode_opd": alert.opd_kode,
                "nama_opd": alert.opd_nama,
                "baris_id": alert.line_id,
                "kode_sub_kegiatan": alert.sub_kegiatan_kode,
                "nama_sub_kegiatan": alert.sub_kegiatan_nama,
                "sumber_dana": alert.sumber_dana,
                "rupiah_berisiko": as_text(alert.rupiah, 2),
                "keterangan": alert.sentence,
            }
            for alert in alerts
        ],
    } | ({"baris": line_records(tahun, bulan, choice.metode)} if lines else {})
