"""Bulk writes for the write doors: many rows in one statement with plain parameters.

- `bulk_update`: Django's bulk_update builds a CASE WHEN per row and column, which is most of
  the time of a 150-line report save (docs/benchmarks.md). On PostgreSQL `UPDATE ... FROM
  (VALUES ...)` sets the same values in one statement; elsewhere bulk_update does the job.
- `insert_rows`: bulk_create compiles every value of every row through the SQL compiler (most of
  an import's time at 30,000 rows and their audit events). Here the values go to the driver as
  they are: on PostgreSQL by COPY from 1,000 rows, below that in one multi-row INSERT (a
  report save's 300 ledger rows: executemany's statement per row took four times as long); on
  SQLite, in process, by executemany. Each counts as one query.
"""

from collections.abc import Sequence

from django.db import connections


def bulk_update(objs: list, fields: list[str], *, using: str = "default") -> None:
    """Write `fields` of every object in `objs` (already saved rows) to the database."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    if connection.vendor != "postgresql":
        model.objects.using(using).bulk_update(objs, fields)
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    pk = meta.pk
    quote = connection.ops.quote_name
    casts = [f"%s::{field.db_type(connection)}" for field in [pk, *columns]]
    row = f"({', '.join(casts)})"
    for start in range(0, len(objs), 1000):
        batch = objs[start : start + 1000]
        params = []
        for obj in batch:
            params.append(pk.get_db_prep_save(obj.pk, connection))
            for field in columns:
                value = getattr(obj, field.attname)
                params.append(field.get_db_prep_save(value, connection))
        names = ", ".join(quote(field.column) for field in columns)
        assignments = ", ".join(
            f"{quote(field.column)} = v.{quote(field.column)}" for field in columns
        )
        sql = (
            f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "
            f"FROM (VALUES {', '.join([row] * len(batch))}) AS v ({quote(pk.column)}, {names}) "
            f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


# Values of these fields go to the driver as they are (Decimal, int, str, bool, None): the
# per-value preparation of the ORM is most of the cost of a bulk insert.
PASSTHROUGH = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DecimalField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


# From this many rows PostgreSQL gets them by COPY (a form's save stays one counted INSERT).
COPY_FROM = 1000


def insert_rows(model, fields: Sequence[str], rows: list, *, using: str = "default") -> None:
    """INSERT `rows` (sequences of values in the order of `fields`, attnames such as
    "line_id") into `model`'s table: no model instances, no signals, and the model's
    QuerySet.bulk_create is not called (the caller refreshes what depends on the rows, e.g.
    realisasi.ledger.refresh)."""
    if not rows:
        return
    connection = connections[using]
    meta = model._meta
    by_attname = {field.attname: field for field in meta.concrete_fields}
    columns = [by_attname[name] for name in fields]
    prepare = [
        None
        if field.get_internal_type() in PASSTHROUGH
        else (lambda value, field=field: field.get_db_prep_save(value, connection))
        for field in columns
    ]
    if any(prepare):
        rows = [
            [
                value if prep is None else prep(value)
                for prep, value in zip(prepare, row, strict=True)
            ]
            for row in rows
        ]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = ", ".join(quote(field.column) for field in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
            # COPY streams the rows without a statement per row (an import's 30,000 ledger
            # rows: most of its time went to executemany's round trips).
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
        if connection.vendor == "postgresql":
            # Fewer than COPY_FROM rows: one statement, far below PostgreSQL's 65,535 parameters.
            values = ", ".join([marks] * len(rows))
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {values}",
                [value for row in rows for value in row],
            )
            return
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES {marks}", rows)
