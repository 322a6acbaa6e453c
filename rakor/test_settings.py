"""Test settings: production settings with a test key, plain HTTP and a fast hasher."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Briefing render slots are flock-ed files: each test process gets its own directory, so two
# suites on one machine (SQLite and PostgreSQL) never take each other's slots.
RAKOR_BRIEF_LOCK_DIR = tempfile.mkdtemp(prefix="rakor-brief-test-")  # noqa: F405
