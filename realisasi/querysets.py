"""Queries over budget lines, named for what they mean, aggregating in the database.

The figures of a month m for a budget line are:
- pagu: the pagu of the latest APBD stage in force at m (berlaku_mulai <= m) that has a row
  for the line, so a line absent from a later stage keeps its earlier pagu;
- target keuangan/fisik: the cumulative target at m (the latest target at or before m);
- realisasi keuangan/fisik: the latest reported cumulative figure at or before m (carry
  forward; zero when never reported). `reported` says whether the line has its own row for m.
The formulas that turn these sums into percentages live in realisasi/formulas.py.
"""

from decimal import Decimal

from django.db import connections, models
from django.db.models import Exists, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from . import figures_cache

MONEY_OUT = models.DecimalField(max_digits=20, decimal_places=2)
PERCENT_OUT = models.DecimalField(max_digits=7, decimal_places=2)
WEIGHTED_OUT = models.DecimalField(max_digits=24, decimal_places=4)
ZERO = Value(Decimal("0"), output_field=MONEY_OUT)


def _latest(model_name: str, field: str, bulan: int):
    """The value of `field` of the latest row at or before `bulan`, or 0."""
    from django.apps import apps

    model = apps.get_model("realisasi", model_name)
    # Distinct output fields keep Django from treating two of these subqueries as equal
    # (and dropping one) when they only differ in the selected column.
    output = model._meta.get_field(field).clone()
    rows = model.objects.filter(line=OuterRef("pk"), bulan__lte=bulan)
    return Coalesce(
        Subquery(rows.order_by("-bulan").values(field)[:1], output_field=output),
        Value(Decimal("0"), output_field=output),
    )


def pagu_at(bulan: int):
    """The pagu of the line at month `bulan`: the latest stage in force that has a row."""
    from .models import Pagu

    rows = Pagu.objects.filter(line=OuterRef("pk"), stage__berlaku_mulai__lte=bulan).order_by(
        "-stage__berlaku_mulai", "-stage__urutan"
    )
    return Coalesce(Subquery(rows.values("pagu")[:1], output_field=MONEY_OUT), ZERO)


class BudgetLineQuerySet(models.QuerySet):
    def for_year(self, tahun: int):
        return self.filter(tahun__tahun=tahun)

    def visible_to(self, user):
        """Lines a user may read: every line for verifikator/pimpinan, own OPD otherwise."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_opds:
            return self
        return self.filter(opd_id=user.opd_id)

    def with_figures(self, bulan: int):
        """Annotate each line with its pagu, targets and (carried-forward) realization at m."""
        from .models import Realisasi

        return self.annotate(
            pagu_m=pagu_at(bulan),
            target_rp=_latest("Target", "target_keuangan", bulan),
            target_fisik=_latest("Target", "target_fisik", bulan),
            real_rp=_latest("Realisasi", "realisasi_keuangan", bulan),
            real_fisik=_latest("Realisasi", "realisasi_fisik", bulan),
            reported=Exists(Realisasi.objects.filter(line=OuterRef("pk"), bulan=bulan)),
        )

    def with_previous(self, bulan: int):
        """Annotate the cumulative realization reported up to the month before `bulan`."""
        return self.annotate(
            prev_rp=_latest("Realisasi", "realisasi_keuangan", bulan - 1),
            prev_fisik=_latest("Realisasi", "realisasi_fisik", bulan - 1),
        )

    @staticmethod
    def sums(bulan: int) -> dict:
        """Aggregate expressions of the sums the formulas need at month `bulan`.

        pagu, target_rp, real_rp: Rupiah sums; target_fisik_w, real_fisik_w: Σ fisik × pagu.
        The per-line subqueries are aggregated directly (not through annotations): Django
        5.2 drops some subquery annotations when it wraps an aggregate over them.
        """
        pagu = pagu_at(bulan)

        def weighted(field):
            return Coalesce(
                Sum(_latest(*field, bulan) * pagu, output_field=WEIGHTED_OUT),
                Value(Decimal("0"), output_field=WEIGHTED_OUT),
            )

        return {
            "pagu": Coalesce(Sum(pagu), ZERO),
            "target_rp": Coalesce(Sum(_latest("Target", "target_keuangan", bulan)), ZERO),
            "real_rp": Coalesce(Sum(_latest("Realisasi", "realisasi_keuangan", bulan)), ZERO),
            "target_fisik_w": weighted(("Target", "target_fisik")),
            "real_fisik_w": weighted(("Realisasi", "realisasi_fisik")),
            "lines": models.Count("pk"),
        }

    def totals(self, bulan: int) -> dict:
        """One dict of sums over all lines of the queryset at month `bulan`."""
        if self._on_postgresql():
            return _lateral_sums(self, bulan, ())[0]
        return self.order_by().aggregate(**self.sums(bulan))

    def totals_by(self, bulan: int, *fields: str):
        """Sums at month `bulan` grouped by `fields` (e.g. "opd"), one dict per group.

        On PostgreSQL a list of dicts (the same keys and order) from one LATERAL query.
        """
        if self._on_postgresql():
            return _lateral_sums(self, bulan, fields)
        return self.order_by().values(*fields).annotate(**self.sums(bulan)).order_by(*fields)

    def monthly_totals(self, through: int = 12) -> list[dict]:
        """The sums of `sums()` at each month 1..12, realization only through `through`.

        One dict per month with "bulan" and the keys of sums() but "lines"; real_rp and
        real_fisik_w are None after `through`. One query: on PostgreSQL each row of Pagu,
        Target and Realisasi counts from its month until the line's next row (the
        carry-forward rule), so every table is read once instead of once per month.
        """
        if self._on_postgresql():
            return _window_monthly_sums(self, through)
        expressions = {}
        for bulan in range(1, 13):
            for key, expression in self.sums(bulan).items():
                if key == "lines" or (key.startswith("real") and bulan > through):
                    continue
                expressions[f"m{bulan}_{key}"] = expression
        sums = self.order_by().aggregate(**expressions)
        return [
            {
                "bulan": bulan,
                **{key: sums.get(f"m{bulan}_{key}") for key in MONTHLY_KEYS},
            }
            for bulan in range(1, 13)
        ]

    def _on_postgresql(self) -> bool:
        return connections[self.db].vendor == "postgresql"


MONTHLY_KEYS = ("pagu", "target_rp", "real_rp", "target_fisik_w", "real_fisik_w")

# PostgreSQL computes the correlated subqueries of sums() once per line and per use (the pagu
# three times); LATERAL ... LIMIT 1 reads each table once per line on its (line, bulan) index
# and shares the row. Measured in docs/benchmarks.md.
_LATERAL_SQL = """
SELECT {group_select}
    COALESCE(SUM(p.pagu), 0) AS pagu,
    COALESCE(SUM(t.target_keuangan), 0) AS target_rp,
    COALESCE(SUM(r.realisasi_keuangan), 0) AS real_rp,
    COALESCE(SUM(t.target_fisik * p.pagu), 0) AS target_fisik_w,
    COALESCE(SUM(r.realisasi_fisik * p.pagu), 0) AS real_fisik_w,
    COUNT(*) AS lines
FROM ({lines}) AS l
LEFT JOIN LATERAL (
    SELECT p.pagu FROM realisasi_pagu p JOIN realisasi_apbdstage st ON st.id = p.stage_id
    WHERE p.line_id = l.line_pk AND st.berlaku_mulai <= %s
    ORDER BY st.berlaku_mulai DESC, st.urutan DESC LIMIT 1
) p ON true
LEFT JOIN LATERAL (
    SELECT t.target_keuangan, t.target_fisik FROM realisasi_target t
    WHERE t.line_id = l.line_pk AND t.bulan <= %s ORDER BY t.bulan DESC LIMIT 1
) t ON true
LEFT JOIN LATERAL (
    SELECT r.realisasi_keuangan, r.realisasi_fisik FROM realisasi_realisasi r
    WHERE r.line_id = l.line_pk AND r.bulan <= %s ORDER BY r.bulan DESC LIMIT 1
) r ON true
{group_by}
"""

_WINDOW_SQL = """
WITH line AS MATERIALIZED ({lines}),
pm AS (
    SELECT line_id, generate_series(since, until) AS m, pagu FROM (
        SELECT p.line_id, st.berlaku_mulai AS since, p.pagu,
               COALESCE(LEAD(st.berlaku_mulai) OVER w - 1, 12) AS until
        FROM realisasi_pagu p
        JOIN realisasi_apbdstage st ON st.id = p.stage_id
        WHERE p.line_id IN (SELECT line_pk FROM line)
        WINDOW w AS (PARTITION BY p.line_id ORDER BY st.berlaku_mulai, st.urutan)
    ) AS held
),
tm AS (
    SELECT line_id, generate_series(since, until) AS m, target_keuangan, target_fisik FROM (
        SELECT t.line_id, t.bulan AS since, t.target_keuangan, t.target_fisik,
               COALESCE(LEAD(t.bulan) OVER w - 1, 12) AS until
        FROM realisasi_target t WHERE t.line_id IN (SELECT line_pk FROM line)
        WINDOW w AS (PARTITION BY t.line_id ORDER BY t.bulan)
    ) AS held
),
rm AS (
    SELECT line_id, generate_series(since, until) AS m, realisasi_keuangan, realisasi_fisik
    FROM (
        SELECT r.line_id, r.bulan AS since, r.realisasi_keuangan, r.realisasi_fisik,
               COALESCE(LEAD(r.bulan) OVER w - 1, 12) AS until
        FROM realisasi_realisasi r WHERE r.line_id IN (SELECT line_pk FROM line)
        WINDOW w AS (PARTITION BY r.line_id ORDER BY r.bulan)
    ) AS held
),
pagu_sum AS (SELECT m, SUM(pagu) AS pagu FROM pm GROUP BY m),
target_sum AS (
    SELECT tm.m, SUM(tm.target_keuangan) AS target_rp,
           SUM(tm.target_fisik * pm.pagu) AS target_fisik_w
    FROM tm LEFT JOIN pm ON pm.line_id = tm.line_id AND pm.m = tm.m GROUP BY tm.m
),
real_sum AS (
    SELECT rm.m, SUM(rm.realisasi_keuangan) AS real_rp,
           SUM(rm.realisasi_fisik * pm.pagu) AS real_fisik_w
    FROM rm LEFT JOIN pm ON pm.line_id = rm.line_id AND pm.m = rm.m GROUP BY rm.m
)
SELECT month.m AS bulan,
       COALESCE(pagu_sum.pagu, 0) AS pagu,
       COALESCE(target_sum.target_rp, 0) AS target_rp,
       COALESCE(real_sum.real_rp, 0) AS real_rp,
       COALESCE(target_sum.target_fisik_w, 0) AS target_fisik_w,
       COALESCE(real_sum.real_fisik_w, 0) AS real_fisik_w
FROM generate_series(1, 12) AS month (m)
LEFT JOIN pagu_sum ON pagu_sum.m = month.m
LEFT JOIN target_sum ON target_sum.m = month.m
LEFT JOIN real_sum ON real_sum.m = month.m
ORDER BY month.m
"""


def _line_sql(queryset, fields=()):
    """The SQL of the queryset's lines: line_pk and one grpN column per grouping field."""
    annotations = {f"grp{n}": F(field) for n, field in enumerate(fields)}
    lines = queryset.order_by().annotate(line_pk=F("pk"), **annotations)
    return lines.values("line_pk", *annotations).query.sql_with_params()


def _fetch(queryset, sql, params) -> list[dict]:
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _lateral_sums(queryset, bulan: int, fields) -> list[dict]:
    lines, params = _line_sql(queryset, fields)
    columns = [f"l.grp{n}" for n in range(len(fields))]
    sql = _LATERAL_SQL.format(
        group_select="".join(f"{column} AS grp{n}, " for n, column in enumerate(columns)),
        lines=lines,
        group_by=f"GROUP BY {', '.join(columns)} ORDER BY {', '.join(columns)}" if fields else "",
    )
    params = [*params, bulan, bulan, bulan]

    def compute():
        rows = _fetch(queryset, sql, params)
        for row in rows:
            for n, field in enumerate(fields):
                row[field] = row.pop(f"grp{n}")
        return rows

    return figures_cache.cached(queryset.db, sql, params, compute)


def _window_monthly_sums(queryset, through: int) -> list[dict]:
    lines, params = _line_sql(queryset)
    sql = _WINDOW_SQL.format(lines=lines)
    rows = figures_cache.cached(queryset.db, sql, params, lambda: _fetch(queryset, sql, params))
    for row in rows:
        if row["bulan"] > through:
            row["real_rp"] = row["real_fisik_w"] = None
    return rows
