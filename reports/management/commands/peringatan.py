"""`manage.py peringatan --year 2026 --month 11 [--format json|csv] [--baris]`: warnings as data.

JSON: the method in use with its backtest error, the year-end projection of the Pemda, each
funding group and each OPD, every warning sorted by Rupiah at risk, and with `--baris` every
line's projection. CSV: one row per warning. Rupiah and percentages as decimal strings with
two places, rounded once (as `rekap`).
"""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from realisasi import formulas
from realisasi.models import FiscalYear
from reports import early_warning, figures, projection
from reports.tables import neutralise

from .rekap import as_text

CSV_KEYS = (
    "jenis",
    "kode_opd",
    "nama_opd",
    "baris_id",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "sumber_dana",
    "rupiah_berisiko",
    "keterangan",
)
TEXT_KEYS = ("nama_opd", "nama_sub_kegiatan", "sumber_dana", "keterangan")


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


def peringatan_data(tahun: int, bulan: int, *, lines: bool = False) -> dict:
    result = early_warning.assessment(tahun, bulan)
    choice = result.choice
    year_end = result.projection
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
            "pemda": projection_record(year_end.pemda),
            "kelompok_dana": {key: projection_record(s) for key, s in year_end.kelompok.items()},
            "opd": [
                {"kode_opd": result.opd_names[opd_id][0], "nama_opd": result.opd_names[opd_id][1]}
                | projection_record(sums)
                for opd_id, sums in sorted(
                    year_end.opd.items(), key=lambda item: result.opd_names[item[0]][0]
                )
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
            for alert in result.alerts
        ],
    } | ({"baris": line_records(tahun, bulan, choice.metode)} if lines else {})


class Command(BaseCommand):
    help = "Cetak proyeksi akhir tahun dan peringatan dini untuk satu bulan (JSON atau CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="Tahun anggaran (bawaan: bulan lengkap terakhir)"
        )
        parser.add_argument("--month", type=int, help="Bulan 1–12 (bawaan: bulan lengkap terakhir)")
        parser.add_argument("--format", choices=("json", "csv"), default="json")
        parser.add_argument(
            "--baris", action="store_true", help="JSON: sertakan proyeksi setiap baris anggaran"
        )

    def handle(self, *args, year=None, month=None, format="json", baris=False, **options):
        default_year, default_month = figures.default_month()
        tahun = year or default_year
        bulan = month or (default_month if tahun == default_year else 12)
        if not 1 <= bulan <= 12:
            raise CommandError(f"--month harus antara 1 dan 12, bukan {bulan}.")
        if not FiscalYear.objects.filter(tahun=tahun).exists():
            raise CommandError(f"Tahun anggaran {tahun} tidak ada.")
        data = peringatan_data(tahun, bulan, lines=baris and format == "json")
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=CSV_KEYS, lineterminator="\n")
        writer.writeheader()
        for record in data["peringatan"]:
            writer.writerow(record | {key: neutralise(record[key]) for key in TEXT_KEYS})
