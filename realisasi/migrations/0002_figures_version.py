"""A version token of the data the figures are computed from (PostgreSQL only; dropped by 0004).

Statement-level triggers on every table that feeds BudgetLineQuerySet's sums give the token a
new random value on any INSERT, UPDATE, DELETE or TRUNCATE, whatever the door (forms, imports,
the admin, bulk writes, COPY, raw SQL). realisasi/figures_cache.py keys cached sums by it. The
new token becomes visible with the transaction's commit, together with the data it stands for.
SQLite gets nothing: there the figures are not cached.
"""

from django.db import migrations

TABLES = [
    "realisasi_realisasi",
    "realisasi_target",
    "realisasi_pagu",
    "realisasi_budgetline",
    "realisasi_apbdstage",
    "realisasi_fiscalyear",
    "realisasi_sumberdana",
    "opd_opd",
    "opd_grouping",
]

FORWARD = [
    "CREATE TABLE IF NOT EXISTS realisasi_figures_version"
    " (id integer PRIMARY KEY, token text NOT NULL)",
    "INSERT INTO realisasi_figures_version (id, token) VALUES (1, md5(random()::text))"
    " ON CONFLICT (id) DO NOTHING",
    """CREATE OR REPLACE FUNCTION realisasi_bump_figures_version() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
           UPDATE realisasi_figures_version
              SET token = md5(random()::text || clock_timestamp()::text) WHERE id = 1;
           RETURN NULL;
       END $$""",
] + [
    f"CREATE TRIGGER figures_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
    " FOR EACH STATEMENT EXECUTE FUNCTION realisasi_bump_figures_version()"
    for table in TABLES
]

BACKWARD = [f"DROP TRIGGER IF EXISTS figures_version ON {table}" for table in TABLES] + [
    "DROP FUNCTION IF EXISTS realisasi_bump_figures_version()",
    "DROP TABLE IF EXISTS realisasi_figures_version",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("opd", "0001_initial"),
        ("realisasi", "0001_initial"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
