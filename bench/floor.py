"""The SQL floor: the aggregate figures of a page in hand-written SQL, run with psycopg.

No page can be faster than PostgreSQL computing the same sums, so the benchmark reports each
page's time as a multiple of this. Two floors, from the two tables the ledger keeps:
- "ledger" (issue 12's floor, the one the targets are judged against): the same sums over
  the ledger of budget line × month (realisasi_ledger: one row per line and month with the
  pagu in force, the cumulative target, the carried-forward realization and the fisik × pagu
  products), one row per line at the month;
- "totals": the same sums over the ledger's sums per OPD, sumber dana and month
  (realisasi_ledgertotal), which is what the pages read: the SQL they cannot beat, shown
  beside the page to tell its SQL from its rendering.
Each in the best shape found for the page.
"""

# The year's rows at month %(bulan)s, one per line or one per OPD and sumber dana.
YEAR_ROWS = {
    "ledger": """
WITH fig AS (
    SELECT bl.opd_id, bl.sumber_dana_id,
           lg.pagu, lg.target_keuangan AS target_rp, lg.realisasi_keuangan AS real_rp,
           lg.target_fisik_x_pagu AS target_w, lg.realisasi_fisik_x_pagu AS real_w,
           1 AS lines, CASE WHEN lg.reported THEN 1 ELSE 0 END AS reported
    FROM realisasi_ledger lg
    JOIN realisasi_budgetline bl ON bl.id = lg.line_id
    WHERE lg.fiscal_year_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
      AND lg.bulan = %(bulan)s
)
""",
    "totals": """
WITH fig AS (
    SELECT t.opd_id, t.sumber_dana_id,
           t.pagu, t.target_keuangan AS target_rp, t.realisasi_keuangan AS real_rp,
           t.target_fisik_x_pagu AS target_w, t.realisasi_fisik_x_pagu AS real_w,
           t.lines, t.reported
    FROM realisasi_ledgertotal t
    WHERE t.fiscal_year_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
      AND t.bulan = %(bulan)s
)
""",
}
SOURCES = tuple(YEAR_ROWS)

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
    "SELECT GROUPING(fig.opd_id) AS grouped, fig.opd_id, "
    + SUMS
    + """,
    MAX(o.kode) AS kode, MAX(o.nama) AS nama, MAX(mr.status) AS status
FROM fig
JOIN opd_opd o ON o.id = fig.opd_id
LEFT JOIN realisasi_monthlyreport mr
       ON mr.opd_id = fig.opd_id AND mr.bulan = %(bulan)s
      AND mr.fiscal_year_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
GROUP BY GROUPING SETS ((fig.opd_id), ())
"""
)

# The summary page: the Pemda total, each funding group, each OPD kind and each grouping
# (one grouping set each); the previous year and the Kurva S are run beside it.
SUMMARY = (
    "SELECT GROUPING(sd.kelompok, o.jenis, o.grouping_id) AS grouped,"
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
FROM {table} t
WHERE t.fiscal_year_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
GROUP BY t.bulan
ORDER BY t.bulan
"""
TABLES = {"ledger": "realisasi_ledger", "totals": "realisasi_ledgertotal"}

FIELDS = ("pagu", "target_rp", "real_rp", "target_fisik_w", "real_fisik_w")


def rekap(conn, tahun: int, bulan: int, source: str = "ledger") -> tuple[dict, dict]:
    """(Pemda sums, {opd_id: sums}) at month `bulan` of `tahun`, in one query."""
    cursor = conn.execute(YEAR_ROWS[source] + REKAP, {"tahun": tahun, "bulan": bulan})
    names = [c.name for c in cursor.description]
    total, by_opd = {}, {}
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        if record["grouped"]:
            total = record
        else:
            by_opd[record["opd_id"]] = record
    return total, by_opd


def summary(conn, tahun: int, bulan: int, source: str = "ledger") -> dict:
    """The summary page's figures: this month's sets, last year's total, the Kurva S.

    Three statements sent as one round trip would be the same work; they are run one after
    the other in one transaction and timed together.
    """
    statement = YEAR_ROWS[source] + SUMMARY
    cursor = conn.execute(statement, {"tahun": tahun, "bulan": bulan})
    names = [c.name for c in cursor.description]
    sets = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    previous = conn.execute(statement, {"tahun": tahun - 1, "bulan": bulan}).fetchall()
    curve = kurva(conn, tahun, source)
    total = next(s for s in sets if s["grouped"] == 7)
    return {"total": total, "sets": sets, "previous": previous, "curve": curve}


def kurva(conn, tahun: int, source: str = "ledger") -> list:
    """The Kurva S of the Pemda: the year's sums at each month, one statement."""
    return conn.execute(CURVE.format(table=TABLES[source]), {"tahun": tahun}).fetchall()
