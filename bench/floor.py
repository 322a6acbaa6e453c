"""The SQL floor: the aggregate figures of a page in one hand-written query, run with psycopg.

No page can be faster than PostgreSQL computing the same sums, so the benchmark reports each
page's time as a multiple of this. The rules are those of realisasi/querysets.py: the pagu of
the latest stage in force at m that has a row for the line, the latest target and realization
at or before m (carried forward, zero when never reported), fisik weighted by pagu.
"""

# One row per line of the year with its figures at month %(bulan)s: three index probes per
# line (LATERAL ... LIMIT 1 on the (line, bulan) unique indexes), PostgreSQL's fastest shape.
LINE_FIGURES = """
WITH fig AS (
    SELECT bl.id, bl.opd_id, bl.sumber_dana_id,
           COALESCE(p.pagu, 0) AS pagu,
           COALESCE(t.target_keuangan, 0) AS target_rp,
           COALESCE(t.target_fisik, 0) AS target_fisik,
           COALESCE(r.realisasi_keuangan, 0) AS real_rp,
           COALESCE(r.realisasi_fisik, 0) AS real_fisik,
           COALESCE(r.bulan = %(bulan)s, false) AS reported
    FROM realisasi_budgetline bl
    JOIN realisasi_fiscalyear fy ON fy.id = bl.tahun_id
    LEFT JOIN LATERAL (
        SELECT p.pagu FROM realisasi_pagu p JOIN realisasi_apbdstage st ON st.id = p.stage_id
        WHERE p.line_id = bl.id AND st.berlaku_mulai <= %(bulan)s
        ORDER BY st.berlaku_mulai DESC, st.urutan DESC LIMIT 1
    ) p ON true
    LEFT JOIN LATERAL (
        SELECT t.target_keuangan, t.target_fisik FROM realisasi_target t
        WHERE t.line_id = bl.id AND t.bulan <= %(bulan)s ORDER BY t.bulan DESC LIMIT 1
    ) t ON true
    LEFT JOIN LATERAL (
        SELECT r.realisasi_keuangan, r.realisasi_fisik, r.bulan FROM realisasi_realisasi r
        WHERE r.line_id = bl.id AND r.bulan <= %(bulan)s ORDER BY r.bulan DESC LIMIT 1
    ) r ON true
    WHERE fy.tahun = %(tahun)s
)
"""

SUMS = """
    SUM(fig.pagu) AS pagu,
    SUM(fig.target_rp) AS target_rp,
    SUM(fig.real_rp) AS real_rp,
    SUM(fig.target_fisik * fig.pagu) AS target_fisik_w,
    SUM(fig.real_fisik * fig.pagu) AS real_fisik_w,
    COUNT(*) AS lines,
    COUNT(*) FILTER (WHERE fig.reported) AS reported
"""

# The rekap page: one row per OPD and the Pemda total (opd_id NULL), with each OPD's report.
REKAP = (
    LINE_FIGURES
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
    LINE_FIGURES
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

# The Kurva S of a year: the Pemda sums at each month 1..12. Each row holds from its month
# until the month before the line's next row (the carry-forward rule): every table is read
# once, each row expanded over the months it holds, and summed on its own.
CURVE = """
WITH line AS MATERIALIZED (
    SELECT bl.id FROM realisasi_budgetline bl
    WHERE bl.tahun_id = (SELECT id FROM realisasi_fiscalyear WHERE tahun = %(tahun)s)
),
pm AS (
    SELECT line_id, generate_series(since, until) AS m, pagu FROM (
        SELECT p.line_id, st.berlaku_mulai AS since, p.pagu,
               COALESCE(LEAD(st.berlaku_mulai) OVER w - 1, 12) AS until
        FROM realisasi_pagu p JOIN realisasi_apbdstage st ON st.id = p.stage_id
        WHERE p.line_id IN (SELECT id FROM line)
        WINDOW w AS (PARTITION BY p.line_id ORDER BY st.berlaku_mulai, st.urutan)
    ) AS held
),
tm AS (
    SELECT line_id, generate_series(since, until) AS m, target_keuangan, target_fisik FROM (
        SELECT t.line_id, t.bulan AS since, t.target_keuangan, t.target_fisik,
               COALESCE(LEAD(t.bulan) OVER w - 1, 12) AS until
        FROM realisasi_target t WHERE t.line_id IN (SELECT id FROM line)
        WINDOW w AS (PARTITION BY t.line_id ORDER BY t.bulan)
    ) AS held
),
rm AS (
    SELECT line_id, generate_series(since, until) AS m, realisasi_keuangan, realisasi_fisik
    FROM (
        SELECT r.line_id, r.bulan AS since, r.realisasi_keuangan, r.realisasi_fisik,
               COALESCE(LEAD(r.bulan) OVER w - 1, 12) AS until
        FROM realisasi_realisasi r WHERE r.line_id IN (SELECT id FROM line)
        WINDOW w AS (PARTITION BY r.line_id ORDER BY r.bulan)
    ) AS held
),
ps AS (SELECT m, SUM(pagu) AS pagu FROM pm GROUP BY m),
ts AS (
    SELECT tm.m, SUM(tm.target_keuangan) AS target_rp,
           SUM(tm.target_fisik * pm.pagu) AS target_fisik_w
    FROM tm LEFT JOIN pm ON pm.line_id = tm.line_id AND pm.m = tm.m GROUP BY tm.m
),
rs AS (
    SELECT rm.m, SUM(rm.realisasi_keuangan) AS real_rp,
           SUM(rm.realisasi_fisik * pm.pagu) AS real_fisik_w
    FROM rm LEFT JOIN pm ON pm.line_id = rm.line_id AND pm.m = rm.m GROUP BY rm.m
)
SELECT month.m, COALESCE(ps.pagu, 0) AS pagu, COALESCE(ts.target_rp, 0) AS target_rp,
       COALESCE(rs.real_rp, 0) AS real_rp, COALESCE(ts.target_fisik_w, 0) AS target_fisik_w,
       COALESCE(rs.real_fisik_w, 0) AS real_fisik_w
FROM generate_series(1, 12) AS month (m)
LEFT JOIN ps ON ps.m = month.m
LEFT JOIN ts ON ts.m = month.m
LEFT JOIN rs ON rs.m = month.m
ORDER BY month.m
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
