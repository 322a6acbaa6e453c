"""The SQL floor: the aggregate figures of a page in hand-written SQL over the ledger, run
with psycopg.

No page can be faster than PostgreSQL computing the same sums, so the benchmark reports each
page's time as a multiple of this. It reads the same tables as the app: the ledger's sums per
OPD, sumber dana and month (realisasi_ledgertotal, written with the ledger's rows of budget
line × month: the pagu in force, the cumulative target, the carried-forward realization and
the fisik × pagu products), in the best shape found for each page.
"""

# The year's sums per OPD and sumber dana at month %(bulan)s.
YEAR_SUMS = """
WITH fig AS (
    SELECT t.opd_id, t.sumber_dana_id,
           t.pagu, t.target_keuangan AS target_rp, t.realisasi_keuangan AS real_rp,
           t.target_fisik_x_pagu AS target_w, t.realisasi_fisik_x_pagu AS real_w,
           t.lines, t.reported
    FROM realisasi_ledgertotal t
    WHERE t.tahun_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
      AND t.bulan = %(bulan)s
)
"""

SUMS = """
    SUM(fig.pagu) AS pagu,
    SUM(fig.target_rp) AS target_rp,
    SUM(fig.real_rp) AS real_rp,
    SUM(fig.target_w) AS target_fisik_w,
    SUM(fig.real_w) AS real_fisik_w,
    SUM(fig.lines) AS lines,
    SUM(fig.reported) AS reported
"""

# The rekap page: one row per OPD and the Pemda total (opd_id NULL), with each OPD's report.
REKAP = (
    YEAR_SUMS
    + "SELECT GROUPING(fig.opd_id) AS grouped, fig.opd_id, "
    + SUMS
    + """,
    MAX(o.kode) AS kode, MAX(o.nama) AS nama, MAX(mr.status) AS status
FROM fig
JOIN opd_opd o ON o.id = fig.opd_id
LEFT JOIN realisasi_monthlyreport mr
       ON mr.opd_id = fig.opd_id AND mr.bulan = %(bulan)s
      AND mr.tahun_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
GROUP BY GROUPING SETS ((fig.opd_id), ())
"""
)

# The summary page: the Pemda total, each funding group, each OPD kind and each grouping
# (one grouping set each); the previous year and the Kurva S are SUMMARY_CURVE.
SUMMARY = (
    YEAR_SUMS
    + "SELECT GROUPING(sd.kelompok, o.jenis, o.grouping_id) AS grouped,"
    + " sd.kelompok, o.jenis, o.grouping_id, "
    + SUMS
    + """,
    SUM(fig.pagu) FILTER (WHERE sd.kelompok <> 'bos_blud') AS pagu_tanpa_bos
FROM fig
JOIN opd_opd o ON o.id = fig.opd_id
JOIN realisasi_sumberdana sd ON sd.id = fig.sumber_dana_id
GROUP BY GROUPING SETS ((), (sd.kelompok), (o.jenis), (o.grouping_id))
"""
)

# The Kurva S of a year: the Pemda sums at each month 1..12, one pass over the year's rows.
CURVE = """
SELECT t.bulan AS m, SUM(t.pagu) AS pagu, SUM(t.target_keuangan) AS target_rp,
       SUM(t.realisasi_keuangan) AS real_rp, SUM(t.target_fisik_x_pagu) AS target_fisik_w,
       SUM(t.realisasi_fisik_x_pagu) AS real_fisik_w
FROM realisasi_ledgertotal t
WHERE t.tahun_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
GROUP BY t.bulan
ORDER BY t.bulan
"""

FIELDS = ("pagu", "target_rp", "real_rp", "target_fisik_w", "real_fisik_w")


def rekap(conn, tahun: int, bulan: int) -> tuple[dict, dict]:
    """(Pemda sums, {opd_id: sums}) at month `bulan` of `tahun`, in one query."""
    cursor = conn.execute(REKAP, {"tahun": tahun, "bulan": bulan})
    names = [c.name for c in cursor.description]
    total, by_opd = {}, {}
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        if record["grouped"]:
            total = record
        else:
            by_opd[record["opd_id"]] = record
    return total, by_opd


def summary(conn, tahun: int, bulan: int) -> dict:
    """The summary page's figures: this month's sets, last year's total, the Kurva S.

    Three statements sent as one round trip would be the same work; they are run one after
    the other in one transaction and timed together.
    """
    cursor = conn.execute(SUMMARY, {"tahun": tahun, "bulan": bulan})
    names = [c.name for c in cursor.description]
    sets = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    previous = conn.execute(SUMMARY, {"tahun": tahun - 1, "bulan": bulan}).fetchall()
    curve = conn.execute(CURVE, {"tahun": tahun}).fetchall()
    total = next(s for s in sets if s["grouped"] == 7)
    return {"total": total, "sets": sets, "previous": previous, "curve": curve}


def kurva(conn, tahun: int) -> list:
    """The Kurva S of the Pemda: the year's sums at each month, one statement."""
    return conn.execute(CURVE, {"tahun": tahun}).fetchall()
