"""The export sheets of the pages that are not django-tables2 tables: Form B, Kendala,
Kepatuhan, Tindak lanjut and Jejak audit. Each takes the objects its page shows and returns a
reports.exports.Sheet with the page's own column headers (raw values; the writers format)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from realisasi.period import Period

from .exports import DATETIME, INTEGER, PERSEN, RUPIAH, TEXT, Column, Sheet

FIGURE_COLUMNS = [
    Column(gettext_lazy("Pagu (Rp)"), RUPIAH),
    Column(gettext_lazy("Bobot (%)"), PERSEN),
    Column(gettext_lazy("Target fisik (%)"), PERSEN),
    Column(gettext_lazy("Realisasi fisik (%)"), PERSEN),
    Column(gettext_lazy("Fisik tertimbang"), PERSEN),
    Column(gettext_lazy("Target keu (Rp)"), RUPIAH),
    Column(gettext_lazy("Target keu (%)"), PERSEN),
    Column(gettext_lazy("Realisasi keu (Rp)"), RUPIAH),
    Column(gettext_lazy("Realisasi keu (%)"), PERSEN),
    Column(gettext_lazy("Deviasi keu"), PERSEN),
    Column(gettext_lazy("Sisa (Rp)"), RUPIAH),
]


def period_text(tahun: int, bulan: int) -> str:
    """ "Hingga akhir November 2025": the period an export of figures covers."""
    return _("Hingga akhir %(periode)s") % {"periode": Period(tahun, bulan).name}


def _figure_cells(f, bobot, tertimbang) -> list:
    return [
        f.pagu,
        bobot,
        f.target_fisik,
        f.realisasi_fisik,
        tertimbang,
        f.target_keuangan_rp,
        f.target_keuangan_persen,
        f.realisasi_keuangan_rp,
        f.realisasi_keuangan_persen,
        f.deviasi_keuangan,
        f.sisa,
    ]


def form_b_sheet(form_b) -> Sheet:
    """Form B: one row per program, kegiatan and sub-kegiatan, then the OPD's total."""
    columns = [
        Column(_("Kode"), TEXT, 20),
        Column(_("Program / kegiatan / sub kegiatan"), TEXT, 48),
        *FIGURE_COLUMNS,
        Column(_("Lokasi"), TEXT, 20),
        Column(_("Indikator keluaran"), TEXT, 30),
    ]
    rows = []
    for program in form_b.programs:
        rows.append(
            [program.kode, program.nama]
            + _figure_cells(program.figures, program.bobot, program.realisasi_tertimbang)
            + ["", ""]
        )
        for kegiatan in program.children:
            rows.append(
                [kegiatan.kode, kegiatan.nama]
                + _figure_cells(kegiatan.figures, kegiatan.bobot, kegiatan.realisasi_tertimbang)
                + ["", ""]
            )
            for item in kegiatan.children:
                line = item.line
                indikator = line.indikator_keluaran or ""
                if line.target_keluaran is not None:
                    indikator = f"{indikator} ({line.target_keluaran} {line.satuan_keluaran})"
                rows.append(
                    [
                        line.sub_kegiatan.kode,
                        f"{line.sub_kegiatan.nama} ({line.sumber_dana.nama})",
                        *_figure_cells(item.figures, item.bobot, item.realisasi_tertimbang),
                        line.lokasi,
                        indikator.strip(),
                    ]
                )
    t = form_b.totals
    total = ["", _("Total OPD"), *_figure_cells(t, 100 if t.pagu else None, t.realisasi_fisik)]
    total += ["", ""]
    return Sheet(
        title=_("Form B %(opd)s") % {"opd": form_b.opd.nama},
        period=period_text(form_b.tahun, form_b.bulan),
        columns=columns,
        rows=rows,
        total=total if form_b.programs else None,
        groups=[(_("Fisik"), 3, 6), (_("Keuangan"), 7, 11)],
        filename=f"form-b-{form_b.opd.kode}-{form_b.tahun}-{form_b.bulan:02d}",
    )


def kendala_sheet(rows, tahun: int, bulan: int) -> Sheet:
    """Form E: OPD, sub-kegiatan, sumber dana, the line's deviasi, kendala, solusi, pihak."""
    columns = [
        Column(_("OPD"), TEXT, 28),
        Column(_("Kode sub kegiatan"), TEXT, 20),
        Column(_("Sub kegiatan"), TEXT, 36),
        Column(_("Sumber dana"), TEXT, 16),
        Column(_("Deviasi keu"), PERSEN),
        Column(_("Kendala"), TEXT, 40),
        Column(_("Solusi / tindak lanjut"), TEXT, 40),
        Column(_("Pihak yang diharapkan membantu"), TEXT, 24),
    ]
    data = [
        [
            row.opd_nama,
            row.item.sub_kegiatan_kode,
            row.item.sub_kegiatan_nama,
            row.item.sumber_dana,
            row.figures.deviasi_keuangan if row.figures else None,
            row.item.kendala,
            row.item.solusi,
            row.item.pihak_terkait,
        ]
        for row in rows
    ]
    return Sheet(
        title=_("Kendala dan solusi"),
        period=Period(tahun, bulan).name,
        columns=columns,
        rows=data,
        filename=f"kendala-{tahun}-{bulan:02d}",
    )


def kepatuhan_sheet(compliance) -> Sheet:
    """Reporting compliance (realisasi.compliance) per OPD, the count in the total row."""
    columns = [
        Column(_("Kode"), TEXT, 22),
        Column(_("OPD"), TEXT, 36),
        Column(_("Status laporan"), TEXT, 16),
        Column(_("Telah menyampaikan"), TEXT, 12),
        Column(_("Terlambat"), TEXT, 10),
        Column(_("Dikirim"), DATETIME),
        Column(_("Pengelola melapor"), INTEGER, 10),
    ]
    yes, no = _("Ya"), _("Belum")
    rows = [
        [
            row.opd.kode,
            row.opd.nama,
            row.status_label,
            yes if row.reported else no,
            _("Ya") if row.terlambat else "",
            row.submitted_at,
            row.pengelola,
        ]
        for row in compliance.rows
    ]
    total = [
        "",
        _("%(lapor)s dari %(total)s OPD telah menyampaikan laporan")
        % {"lapor": compliance.opd_reported, "total": compliance.opd_total},
        "",
        str(compliance.opd_reported),
        str(len(compliance.late)),
        None,
        compliance.pengelola_reported,
    ]
    return Sheet(
        title=_("Kepatuhan pelaporan"),
        period=Period(compliance.tahun, compliance.bulan).name,
        columns=columns,
        rows=rows,
        total=total,
        filename=f"kepatuhan-{compliance.tahun}-{compliance.bulan:02d}",
    )


def tindak_lanjut_sheet(followups, today) -> Sheet:
    """The follow-ups (annotated with_overdue) as of `today`."""
    columns = [
        Column(_("Rakor"), TEXT, 26),
        Column(_("Arahan"), TEXT, 40),
        Column(_("OPD"), TEXT, 28),
        Column(_("Yang harus dilakukan"), TEXT, 40),
        Column(_("Batas waktu"), TEXT, 16),
        Column(_("Status"), TEXT, 12),
        Column(_("Lewat batas waktu"), TEXT, 10),
    ]
    rows = [
        [
            tl.arahan.rakor.judul,
            f"{tl.arahan.nomor}. {tl.arahan.isi}",
            tl.opd.nama,
            tl.uraian,
            _date(tl.batas_waktu),
            tl.get_status_display(),
            _("Ya") if tl.lewat_batas else "",
        ]
        for tl in followups
    ]
    return Sheet(
        title=_("Tindak lanjut arahan Rakor"),
        period=_("Per %(tanggal)s") % {"tanggal": _date(today)},
        columns=columns,
        rows=rows,
        filename=f"tindak-lanjut-{today:%Y-%m-%d}",
    )


def audit_sheet(events, today) -> Sheet:
    columns = [
        Column(_("Waktu"), DATETIME),
        Column(_("Pengguna"), TEXT, 20),
        Column(_("Peristiwa"), TEXT, 24),
        Column(_("Objek"), TEXT, 36),
        Column(_("Perubahan"), TEXT, 60),
    ]
    return Sheet(
        title=_("Jejak audit"),
        period=_("Per %(tanggal)s") % {"tanggal": _date(today)},
        columns=columns,
        rows=[list(event) for event in events],
        filename=f"jejak-audit-{today:%Y-%m-%d}",
    )


def _date(value) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y") if value else ""


def peringatan_sheet(alerts, tahun: int, bulan: int, statement: str) -> Sheet:
    """The early warnings as the page lists them (by Rupiah at risk); the projection's method
    and backtest error in the title block."""
    columns = [
        Column(_("Kode OPD"), TEXT, 22),
        Column(_("OPD"), TEXT, 32),
        Column(_("Kode sub kegiatan"), TEXT, 20),
        Column(_("Sub kegiatan"), TEXT, 36),
        Column(_("Sumber dana"), TEXT, 16),
        Column(_("Jenis peringatan"), TEXT, 22),
        Column(_("Keterangan"), TEXT, 60),
        Column(_("Rupiah berisiko"), RUPIAH),
    ]
    data = [
        [
            alert.opd_kode,
            alert.opd_nama,
            alert.sub_kegiatan_kode,
            alert.sub_kegiatan_nama,
            alert.sumber_dana,
            alert.jenis_label,
            alert.sentence,
            alert.rupiah,
        ]
        for alert in alerts
    ]
    return Sheet(
        title=_("Peringatan dini"),
        period=f"{period_text(tahun, bulan)}. {statement}",
        columns=columns,
        rows=data,
        filename=f"peringatan-{tahun}-{bulan:02d}",
    )
