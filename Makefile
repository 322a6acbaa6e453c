# Rakor: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PG_URL ?= postgres://postgres@127.0.0.1:5432/rakor

.PHONY: run worker beat test test-pg lint bench install install-dev clean

$(VENV)/bin/activate:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Rakor needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/activate pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed node_modules/.installed
	$(PIP) install --quiet -e '.[dev]'
	touch $@

# axe-core for the browser tests' accessibility checks, from the npm registry (package.json,
# versions pinned by package-lock.json).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the browser tests (Debian: apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The demo: the SQLite file db.sqlite3 with DEBUG on, whatever the shell exports; the demo
# Kabupaten is loaded once (seed_demo --if-empty prints the logins either way).
RUN_ENV := env -u DATABASE_URL DEBUG=true

run: install
	@t=$$(date +%s); $(RUN_ENV) $(PY) manage.py migrate --noinput -v 0 \
		&& echo "Migrasi database SQLite selesai ($$(( $$(date +%s) - t )) detik)."
	@$(RUN_ENV) $(PY) manage.py seed_demo --if-empty
	@$(RUN_ENV) $(PY) manage.py seed_demo_rakor --if-empty
	@$(RUN_ENV) $(PY) manage.py uji_proyeksi --if-empty
	@echo "Rakor berjalan di http://127.0.0.1:8000 (Ctrl+C untuk berhenti)."
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Background work on Redis (docs/operations.md): with REDIS_URL exported, `make run` queues
# tasks and `make worker` runs them (with the demo's database); `make beat` sends the
# scheduled reminders. Without REDIS_URL `make run` alone runs every task in process.
worker: install
	@test -n "$$REDIS_URL" || { echo "REDIS_URL belum diatur (mis. export REDIS_URL=redis://127.0.0.1:6379/0)."; exit 1; }
	$(RUN_ENV) $(VENV)/bin/celery -A rakor worker --loglevel=INFO

beat: install
	@test -n "$$REDIS_URL" || { echo "REDIS_URL belum diatur (mis. export REDIS_URL=redis://127.0.0.1:6379/0)."; exit 1; }
	$(RUN_ENV) $(VENV)/bin/celery -A rakor beat --loglevel=INFO --schedule $(VENV)/celerybeat-schedule

test: install-dev
	env -u DATABASE_URL $(PY) -m pytest

test-pg: install-dev
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PY) -m pytest

# Style, format, migrations in step with the models, and types (pyproject.toml [tool.mypy]).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	env -u DATABASE_URL DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy

# Benchmarks against PostgreSQL (docs/benchmarks.md); BENCH_ARGS e.g. "--scales K --no-load".
bench: install-dev
	@pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect 15 main start
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules
