"""Creating, checking and marking the scale databases, straight through psycopg (or sqlite3
for the SQLite copies)."""

import sqlite3

import psycopg
from psycopg import sql

from .config import admin_url, database_name, is_sqlite, sqlite_path

MARKER_TABLE = "bench_marker"


def connect(url: str, **kwargs):
    if is_sqlite(url):
        return _SqliteConnection(sqlite_path(url))
    return psycopg.connect(url, **kwargs)


class _SqliteConnection:
    """sqlite3 with psycopg's shape here: `with connect(url) as conn: conn.execute(...)`
    commits and closes on leaving."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def execute(self, query, params=()):
        return self.conn.execute(query.replace("%s", "?"), params)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.conn.commit()
        self.conn.close()


def database_exists(url: str) -> bool:
    if is_sqlite(url):
        return sqlite_path(url).exists()
    with connect(admin_url(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    return row is not None


def create_database(url: str, *, drop: bool = False) -> None:
    """Create the database (dropping it first when asked); idempotent."""
    if is_sqlite(url):
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        if drop:
            for leftover in (path, path.with_name(path.name + "-journal")):
                leftover.unlink(missing_ok=True)
        return
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
        except (psycopg.errors.UndefinedTable, sqlite3.OperationalError):
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
