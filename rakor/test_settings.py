"""Test settings: production settings with a test key, plain HTTP and a fast hasher."""

import os
import re
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Briefing render slots are flock-ed files: each test process gets its own directory, so two
# suites on one machine (SQLite and PostgreSQL) never take each other's slots.
# A worker started by a test (tests/queue) is given its test's directory.
RAKOR_BRIEF_LOCK_DIR = os.environ.get("RAKOR_BRIEF_LOCK_DIR") or tempfile.mkdtemp(
    prefix="rakor-brief-test-"
)
# A test runs in one transaction whose deferred foreign-key checks all run at its end, in one
# statement (SET CONSTRAINTS ALL IMMEDIATE): on a loaded machine an import test's took longer
# than production's 20 s per statement, which a real import's commit never gathers.
RAKOR_DB_STATEMENT_TIMEOUT = 100
if "options" in DATABASES["default"].get("OPTIONS", {}):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] = re.sub(  # noqa: F405
        r"statement_timeout=\d+",
        f"statement_timeout={RAKOR_DB_STATEMENT_TIMEOUT * 1000}",
        DATABASES["default"]["OPTIONS"]["options"],  # noqa: F405
    )

# Query counts measure the page, not the session's renewal (at most once a minute in
# production): within a test the session is renewed only where a test sets this back to 60.
RAKOR_SESSION_RENEW_SECONDS = 3600
