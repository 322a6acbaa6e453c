"""Cached sums of BudgetLineQuerySet, keyed by the data's version token (PostgreSQL).

Figures change only when their data does, and dashboards are read far more often than the
data is written. Every table the sums read has a statement trigger that gives
realisasi_figures_version a new random token (migration 0002), so a cached sum is only ever
served for the exact data it was computed from: a write through any door (form, import,
admin, bulk SQL) makes every older entry unreachable. One small query reads the token; a hit
replaces the aggregate query. Off with settings.RAKOR_FIGURES_CACHE = False (and on SQLite).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connections

# Part of every key: bump it when the meaning of a cached sum changes (code deploys with a
# shared cache backend).
KEY_VERSION = "1"
TIMEOUT = 60 * 60


def enabled(alias: str) -> bool:
    return (
        getattr(settings, "RAKOR_FIGURES_CACHE", True) and connections[alias].vendor == "postgresql"
    )


def data_version(alias: str) -> str | None:
    """The current token (the row is created by migration 0002)."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT token FROM realisasi_figures_version WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def cached(alias: str, sql: str, params, compute):
    """compute(), or its result cached under (data version, sql, params)."""
    if not enabled(alias):
        return compute()
    version = data_version(alias)
    if version is None:
        return compute()
    digest = hashlib.sha256(f"{sql}\x00{params!r}".encode()).hexdigest()
    key = f"rakor:figures:{KEY_VERSION}:{alias}:{version}:{digest}"
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, TIMEOUT)
    return result
