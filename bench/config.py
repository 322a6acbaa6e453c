"""Scales, database names and the environment the measured app runs with."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# SQLite copies of the scales (the `make run` default database), kept between runs.
SQLITE_DIR = Path(__file__).resolve().parent / "out"

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rakor"
# Bump when the generated data changes shape: kept databases are then regenerated.
GENERATOR_VERSION = "9"

# Production settings (DEBUG off) with a fixed key: the session cookie the load test sends is
# created in one process and read by gunicorn in another, so both must share the key.
APP_ENV = {
    "DJANGO_SETTINGS_MODULE": "rakor.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-" + "b" * 30,
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "ALLOWED_HOSTS": "127.0.0.1,testserver,localhost",
    "LOG_LEVEL": "CRITICAL",
    # Generating and loading a scale are long offline statements (COPY, the ledger's rebuild).
    "RAKOR_DB_STATEMENT_TIMEOUT": "0",
}


@dataclass(frozen=True)
class Scale:
    """A generated data set: `years` fiscal years of `lines` budget lines over `opds` OPDs.

    Older years carry realization for all 12 months, the latest through `through_month`
    (a few OPDs one month less: they count as not reported). `big_opd_lines` lines go to the
    first OPD (the month report benchmark's OPD). `import_lines` lines of an extra year with
    no realization receive the import benchmark's rows.
    """

    key: str
    title: str
    opds: int
    lines: int
    years: tuple[int, ...]
    through_month: int = 11
    big_opd_lines: int = 150
    import_lines: int = 0
    import_months: int = 12
    seed: int = 2025
    late_opds: int = 4
    extra: dict = field(default_factory=dict)

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    @property
    def import_year(self) -> int:
        return self.years[-1] + 1

    @property
    def import_rows(self) -> int:
        return self.import_lines * self.import_months

    def marker(self) -> str:
        return (
            f"v{GENERATOR_VERSION}:{self.key}:{self.opds}:{self.lines}:{self.years}:"
            f"{self.through_month}:{self.big_opd_lines}:{self.import_lines}:{self.seed}"
        )


SCALES = {
    "K": Scale("K", "Kabupaten", opds=45, lines=1500, years=(2024, 2025), import_lines=2500),
    "L": Scale(
        "L", "Pemda besar dengan riwayat", opds=60, lines=10000, years=tuple(range(2021, 2026))
    ),
    # For the harness's own tests and quick runs.
    "T": Scale(
        "T", "Uji kecil", opds=6, lines=200, years=(2024, 2025), import_lines=100, late_opds=1
    ),
}


def base_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def database_url(scale_key: str, base: str | None = None, *, sqlite: bool = False) -> str:
    """The URL of a scale's database: the base database's name + `_bench_<scale>`; with
    `sqlite`, a file of that name in bench/out/."""
    parts = urlsplit(base or base_url())
    name = f"{parts.path.lstrip('/') or 'rakor'}_bench_{scale_key.lower()}"
    if sqlite:
        return f"sqlite:///{SQLITE_DIR / name}.sqlite3"
    return urlunsplit(parts._replace(path=f"/{name}"))


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:")


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite://"))


def database_name(url: str) -> str:
    if is_sqlite(url):
        return sqlite_path(url).name
    return urlsplit(url).path.lstrip("/")


def admin_url(url: str) -> str:
    """The maintenance database of the same server, to create and drop databases from."""
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def libpq_url(url: str) -> str:
    """dj-database-url accepts postgres:// and postgresql://; so does libpq."""
    return url


def app_env(database: str, **extra) -> dict:
    env = dict(os.environ)
    env.update(APP_ENV)
    env["DATABASE_URL"] = database
    env.update(extra)
    return env
