"""Finding 11 of issue 13: a database that accepts connections and never answers hung each
request until gunicorn killed the worker (30 s, an English 500). Connect and statement
timeouts are settings, and a database that fails answers with the Indonesian 503 page."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def settings_with(env: dict) -> dict:
    """The DATABASES setting as rakor/settings.py builds it from these variables."""
    code = (
        "import json, rakor.settings as s; d = s.DATABASES['default']; "
        "print(json.dumps({'engine': d['ENGINE'], 'options': d.get('OPTIONS', {})}))"
    )
    environ = {**os.environ, "DEBUG": "true", **env}
    environ = {key: value for key, value in environ.items() if value is not None}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def test_connect_and_statement_timeouts_are_settings():
    built = settings_with(
        {
            "DATABASE_URL": "postgres://rakor@db.example:5432/rakor",
            "RAKOR_DB_CONNECT_TIMEOUT": "4",
            "RAKOR_DB_STATEMENT_TIMEOUT": "12",
        }
    )
    assert built["options"]["connect_timeout"] == 4
    assert "-c statement_timeout=12000" in built["options"]["options"]
    assert "-c jit=off" in built["options"]["options"]
    default = settings_with({"DATABASE_URL": "postgres://rakor@db.example:5432/rakor"})
    assert default["options"]["connect_timeout"] == 5
    assert "-c statement_timeout=20000" in default["options"]["options"]
    sqlite = settings_with({"DATABASE_URL": None, "RAKOR_DB_STATEMENT_TIMEOUT": "7"})
    assert sqlite["options"]["timeout"] == 7


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own setting")
@pytest.mark.django_db
def test_the_live_connection_has_the_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.RAKOR_DB_STATEMENT_TIMEOUT}s"


@pytest.fixture
def unreachable_database():
    """The app's connection pointed at a server that accepts the connection and never
    answers. Restored afterwards."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(silent.getsockname()[1]))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
        silent.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a network database; SQLite's test database lives in memory and cannot be cut off",
)
@pytest.mark.django_db(transaction=True)
def test_a_database_that_never_answers_gets_the_indonesian_503(operator, unreachable_database):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32  # a session to look up: the database is needed
    started = time.monotonic()
    response = client.get("/")
    elapsed = time.monotonic() - started
    # one wait of the connect timeout (5 s), not gunicorn's 30 s nor the system's minutes
    assert settings.RAKOR_DB_CONNECT_TIMEOUT <= elapsed < settings.RAKOR_DB_CONNECT_TIMEOUT + 3
    assert response.status_code == 503
    body = response.content.decode()
    assert 'lang="id"' in body
    assert "Basis data sedang tidak dapat dihubungi" in body
    assert response["Retry-After"] == "30"
