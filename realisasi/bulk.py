"""Bulk writes for the write doors: many rows in one statement with plain parameters.

- `bulk_update`: Django's bulk_update builds a CASE WHEN per row and column, which is most of
  the time of a 150-line report save (docs/benchmarks.md) and minutes at 30,000 imported rows.
  On PostgreSQL and SQLite (3.33+) one `WITH v AS (VALUES ...) UPDATE ... FROM v` per batch
  sets the same values; other databases use bulk_update. The report save and every importer
  write through it.
- `insert_rows`: bulk_create compiles every value of every row through the SQL compiler (most of
  an import's time at 30,000 rows and their audit events). Here the values go to the driver as
  they are: on PostgreSQL by COPY from 1,000 rows, below that in one INSERT ... SELECT FROM
  unnest() of one array per column (a report save's 300 ledger rows: executemany's statement
  per row took four times as long, and a VALUES list of 3,900 placeholders is a statement the
  driver parses anew every time, a tenth of the save); on SQLite, in process, by
  executemany. Each counts as one query.
"""

import sqlite3
from collections.abc import Sequence

from django.db import connections

# Rows per UPDATE statement.
UPDATE_BATCH = 1000


def _update_from_values(connection) -> bool:
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 33)


def bulk_update(objs: list, fields: list[str], *, using: str = "default") -> None:
    """Write `fields` of every object in `objs` (already saved rows, of one model) by primary
    key, UPDATE_BATCH rows per statement. auto_now is not applied: the values given are the
    values written (as Django's bulk_update)."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    if not _update_from_values(connection):
        model.objects.using(using).bulk_update(objs, fields, batch_size=UPDATE_BATCH)
        return
    meta = model._meta
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        placeholder = ", ".join(f"CAST(%s AS {field.db_type(connection)})" for field in columns)
    else:
        placeholder = ", ".join("%s" for _field in columns)
    names = ", ".join(f"c{index}" for index in range(len(columns)))
    assignments = ", ".join(
        f"{quote(field.column)} = v.c{index}" for index, field in enumerate(columns) if index
    )
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), UPDATE_BATCH):
            batch = objs[start : start + UPDATE_BATCH]
            params = [
                field.get_db_prep_save(getattr(obj, field.attname), connection)
                for obj in batch
                for field in columns
            ]
            values = ", ".join(f"({placeholder})" for _obj in batch)
            cursor.execute(
                f"WITH v ({names}) AS (VALUES {values}) "
                f"UPDATE {table} SET {assignments} FROM v "
                f"WHERE {table}.{quote(meta.pk.column)} = v.c0",
                params,
            )


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
        if connection.vendor == "postgresql":
            # Fewer than COPY_FROM rows: one statement whose text is the same for any number
            # of rows (psycopg keeps its parsed form), one array per column.
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in columns)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})",
                [list(values) for values in zip(*rows, strict=True)],
            )
            return
        marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES {marks}", rows)
