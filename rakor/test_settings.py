"""Test settings: production settings with a test key, plain HTTP and a fast hasher."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tests count queries without the figures cache; tests/bench/test_figures_cache.py turns it on.
RAKOR_FIGURES_CACHE = False
# Briefing render slots of this test run only: parallel runs on one machine never wait on each
# other's renders (reports/pdf.py).
RAKOR_BRIEF_LOCK_DIR = tempfile.mkdtemp(prefix="rakor-brief-test-")
