import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k3y-" + "x9Qz!7" * 10,
    "ALLOWED_HOSTS": "rakor.example.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://rakor.example.go.id",
}


def run_python(code, *, env_extra):
    return run_manage(code, env_extra=env_extra, python_code=True)


def run_manage(*args, env_extra, python_code=False):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DEBUG",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "ALLOWED_HOSTS",
        )
    }
    env.update(env_extra)
    command = ["-c", *args] if python_code else ["manage.py", *args]
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_documented_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_secret_key_is_refused():
    env = dict(PRODUCTION_ENV, SECRET_KEY="")
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
    server = run_python("import rakor.wsgi", env_extra=env)
    assert server.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in server.stderr


def test_offline_commands_run_without_a_secret_key():
    env = dict(PRODUCTION_ENV, SECRET_KEY="")
    result = run_manage("makemigrations", "--check", "--dry-run", env_extra=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nonsense_boolean_is_refused():
    result = run_manage("check", env_extra=dict(PRODUCTION_ENV, DEBUG="maybe"))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_a_deadline_day_past_the_28th_is_refused():
    result = run_manage("check", env_extra=dict(PRODUCTION_ENV, RAKOR_DEADLINE_DAY="31"))
    assert result.returncode != 0
    assert "RAKOR_DEADLINE_DAY must be 1 to 28, not 31" in result.stderr


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_THOUSAND_SEPARATOR is False
