"""One UPDATE for many rows with different values (PostgreSQL), for the write doors.

Django's bulk_update builds a CASE WHEN per row and column, which is most of the time of a
150-line report save (docs/benchmarks.md). On PostgreSQL `UPDATE ... FROM (VALUES ...)` sets
the same values in one statement with plain parameters; elsewhere bulk_update does the job.
"""

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
