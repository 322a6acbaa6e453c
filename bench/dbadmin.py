"""Creating, checking and marking the scale databases, straight through psycopg."""

import psycopg
from psycopg import sql

from .config import admin_url, database_name

MARKER_TABLE = "bench_marker"


def connect(url: str, **kwargs) -> psycopg.Connection:
    return psycopg.connect(url, **kwargs)


def database_exists(url: str) -> bool:
    with connect(admin_url(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    return row is not None


def create_database(url: str, *, drop: bool = False) -> None:
    """Create the database (dropping it first when asked); idempotent."""
    name = sql.Identifier(database_name(url))
    with connect(admin_url(url), autocommit=True) as conn:
        if drop:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def read_marker(url: str) -> str | None:
    """The generator marker stored in the database, None when absent or unreadable."""
    if not database_exists(url):
        return None
    with connect(url) as conn:
        try:
            row = conn.execute(f"SELECT value FROM {MARKER_TABLE} WHERE key = 'data'").fetchone()
        except psycopg.errors.UndefinedTable:
            return None
    return row[0] if row else None


def write_marker(url: str, value: str) -> None:
    with connect(url) as conn:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key text PRIMARY KEY, value text)"
        )
        conn.execute(
            f"INSERT INTO {MARKER_TABLE} (key, value) VALUES ('data', %s)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [value],
        )


def server_version(url: str) -> str:
    # Through the maintenance database: the base database itself need not exist.
    with connect(admin_url(url)) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]
