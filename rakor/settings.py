"""Rakor settings, read from environment variables (documented in README.md).

Safe defaults: DEBUG is off unless asked for, and without DEBUG a SECRET_KEY must be given.
"""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    """Read a boolean; anything but true/false (or 1/0, yes/no) is refused."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envdecimal(name: str, default: str) -> Decimal:
    value = os.environ.get(name) or default
    try:
        return Decimal(value)
    except ArithmeticError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from exc


def envlist(name: str, default: str = "") -> list[str]:
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20
# Without DEBUG an empty key stays empty: Django refuses every use of it (sessions, CSRF,
# signing), the WSGI/ASGI servers refuse to start (rakor/startup.py) and `check --deploy`
# fails, while offline commands (makemigrations, collectstatic) still run.

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "opd",
    "realisasi",
    "rakor",
    "reports",
]

MIDDLEWARE = [
    # First: X-Forwarded-* headers not written by our proxy are dropped before anyone reads them.
    "rakor.security.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body (CSRF does): a too-large request gets a clear page.
    "rakor.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: static files stay cacheable, everything the app answers is no-store.
    "rakor.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rakor.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A NUL byte in the address: the Indonesian 400 page instead of a database error.
    "rakor.middleware.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "opd.middleware.FirstLoginPasswordMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes documents: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rakor.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opd.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "rakor.wsgi.application"

# Without DATABASE_URL: the embedded SQLite file. Production: DATABASE_URL=postgres://...
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that accepts a connection and never answers must not hold a worker until gunicorn
# kills it (issue 13): connecting gives up after RAKOR_DB_CONNECT_TIMEOUT seconds and a
# statement after RAKOR_DB_STATEMENT_TIMEOUT (0: no limit, e.g. for a long offline command);
# the request then gets the Indonesian 503 page (rakor/errors.py).
RAKOR_DB_CONNECT_TIMEOUT = envint("RAKOR_DB_CONNECT_TIMEOUT", 5)
RAKOR_DB_STATEMENT_TIMEOUT = envint("RAKOR_DB_STATEMENT_TIMEOUT", 20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # SQLite's wait for a lock held by another writer.
    DATABASES["default"]["OPTIONS"] = {"timeout": RAKOR_DB_STATEMENT_TIMEOUT or 20}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiled the figure queries for 1.7 s to save milliseconds
    # (docs/benchmarks.md): off for the app's connections.
    pg_options = ["-c jit=off"]
    if RAKOR_DB_STATEMENT_TIMEOUT:
        pg_options.append(f"-c statement_timeout={RAKOR_DB_STATEMENT_TIMEOUT * 1000}")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"options": " ".join(pg_options), "connect_timeout": RAKOR_DB_CONNECT_TIMEOUT}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "opd.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    # One-time passwords of imported accounts only (opd/passwords.py): never the default.
    "opd.passwords.OneTimePasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # rakor/passwords.py (issue 13): not uniform, not the Pemda's or the app's name, not a
    # common Indonesian word, not the current password.
    {"NAME": "rakor.passwords.DistinctCharactersValidator", "OPTIONS": {"min_distinct": 5}},
    {"NAME": "rakor.passwords.ContextWordsValidator"},
    {"NAME": "rakor.passwords.IndonesianCommonPasswordValidator"},
    {"NAME": "rakor.passwords.NotCurrentPasswordValidator"},
]

# Login throttling (django-axes): the throttle backend comes first and only refuses;
# ModelBackend authenticates. See docs/security.md (ASVS V2.2.1).
AUTHENTICATION_BACKENDS = [
    "rakor.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "rakor.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
# A lockout ends AXES_COOLOFF_TIME after it began: failures while locked are not counted, so
# one bad try every 20 s from an office NAT cannot keep a user locked for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "rakor.security.client_ip"
# Limits axes has no setting for (rakor/security.py): failures from one address whatever the
# username (a password spray) and for one username whatever the address, per cool-off window.
RAKOR_LOGIN_ADDRESS_LIMIT = envint("RAKOR_LOGIN_ADDRESS_LIMIT", 20)
RAKOR_LOGIN_ACCOUNT_LIMIT = envint("RAKOR_LOGIN_ACCOUNT_LIMIT", 20)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Grouping is applied only by the |rupiah filter: years and codes must never be grouped.
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Production serves static files through WhiteNoise without a separate web server; when
# collectstatic has not been run, files are found in the app folders.
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", True)
MEDIA_ROOT = BASE_DIR / "media"

# Security: production values unless DEBUG is on.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "rakor.errors.csrf_failure"
# ASVS V3.3.2 (level 2): a session ends after 30 minutes without a request.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 30)
# The age is counted from the session's last renewal, made at most once a minute
# (rakor.middleware.SessionRenewalMiddleware): inactivity, without a write on every request.
SESSION_SAVE_EVERY_REQUEST = False
RAKOR_SESSION_RENEW_SECONDS = envint("RAKOR_SESSION_RENEW_SECONDS", 60)
# Content-Security-Policy (django-csp 4): pages carry no inline script, style or handler.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxy's own address(es): X-Forwarded-* headers are read only on connections from these
# (rakor.security.TrustedProxyMiddleware); bind gunicorn to 127.0.0.1 behind a local proxy.
RAKOR_TRUSTED_PROXIES = envlist("RAKOR_TRUSTED_PROXIES", "127.0.0.1,::1")

# Uploads. A form body (without its files) may be 5 MB; an uploaded file is kept in memory up
# to 5 MB and spooled to disk beyond; a whole request over RAKOR_MAX_REQUEST_SIZE is refused
# with a clear page (rakor.middleware.RequestSizeLimitMiddleware) before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
RAKOR_MAX_REQUEST_SIZE = envint("RAKOR_MAX_REQUEST_SIZE", 20 * 1024 * 1024)
# A monthly report of a large OPD posts several fields for each of its hundreds of lines.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Rakor's own settings -------------------------------------------------------------------
# The name of the Pemda shown on pages and on the briefing cover, and an optional logo file.
RAKOR_PEMDA_NAME = os.environ.get("RAKOR_PEMDA_NAME", "Pemerintah Kabupaten Sukamaju")
RAKOR_PEMDA_LOGO = os.environ.get("RAKOR_PEMDA_LOGO", "")
# Reports are due by this day of the following month: the default of a new fiscal year's
# batas_hari_lapor (each year keeps its own, changed in the admin or on the set-up page).
RAKOR_DEADLINE_DAY = envint("RAKOR_DEADLINE_DAY", 10)
if not 1 <= RAKOR_DEADLINE_DAY <= 28:
    raise ImproperlyConfigured(f"RAKOR_DEADLINE_DAY must be 1 to 28, not {RAKOR_DEADLINE_DAY}")
# A line whose deviation (points) is below this needs a kendala before the month is submitted.
RAKOR_KENDALA_THRESHOLD = envdecimal("RAKOR_KENDALA_THRESHOLD", "-5")
# Capaian bands (Permendagri 86/2017): lower bounds, half-open, highest first.
RAKOR_CAPAIAN_BANDS = [
    (envdecimal("RAKOR_BAND_SANGAT_TINGGI", "91"), "sangat_tinggi"),
    (envdecimal("RAKOR_BAND_TINGGI", "76"), "tinggi"),
    (envdecimal("RAKOR_BAND_SEDANG", "66"), "sedang"),
    (envdecimal("RAKOR_BAND_RENDAH", "51"), "rendah"),
]
# Deviation traffic light: hijau >= GREEN, merah <= RED, kuning between.
RAKOR_DEVIASI_HIJAU = envdecimal("RAKOR_DEVIASI_HIJAU", "0")
RAKOR_DEVIASI_MERAH = envdecimal("RAKOR_DEVIASI_MERAH", "-5")
# How many OPDs the top and bottom rankings show.
RAKOR_RANKING_N = envint("RAKOR_RANKING_N", 3)
# Largest file an import accepts (bytes); other import limits: docs/import-formats.md.
RAKOR_IMPORT_MAX_BYTES = envint("RAKOR_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# Time limit (seconds) of one briefing PDF render, in its own process.
RAKOR_BRIEF_TIMEOUT = envint("RAKOR_BRIEF_TIMEOUT", 60)
# While someone types on the monthly report page, its script asks realisasi:ping at most once
# per this many seconds so an active typist keeps the session; an idle one still expires.
RAKOR_KEEPALIVE_SECONDS = envint("RAKOR_KEEPALIVE_SECONDS", 240)
# Free text (kendala, solusi, pihak terkait, alasan koreksi, catatan, arahan): at most this many
# characters, the same in the form, the importers, the admin and the workflow
# (realisasi/validators.py, docs/security.md).
RAKOR_TEXT_MAX_CHARS = envint("RAKOR_TEXT_MAX_CHARS", 2000)
# The briefing prints at most this many kendala, those of the OPDs furthest behind (the rest
# counted), and shortens each text to this many characters, so it renders within
# RAKOR_BRIEF_TIMEOUT whatever OPDs typed.
RAKOR_BRIEF_KENDALA_MAX = envint("RAKOR_BRIEF_KENDALA_MAX", 6)
RAKOR_BRIEF_TEXT_MAX_CHARS = envint("RAKOR_BRIEF_TEXT_MAX_CHARS", 400)
# The kendala section in at most two pages (reports/briefing/kendala.py): this many groups
# (the rest summed in one row) and this many lines furthest behind target with their kendala.
RAKOR_BRIEF_KENDALA_GROUPS = envint("RAKOR_BRIEF_KENDALA_GROUPS", 8)
RAKOR_BRIEF_KENDALA_LINES = envint("RAKOR_BRIEF_KENDALA_LINES", 6)
# The closing block of the briefing: who signs "Mengetahui, Sekretaris Daerah" and who
# prepared it (jabatan, name, NIP); an empty name leaves a blank line to write on.
RAKOR_SEKDA_NAMA = os.environ.get("RAKOR_SEKDA_NAMA", "")
RAKOR_SEKDA_NIP = os.environ.get("RAKOR_SEKDA_NIP", "")
RAKOR_PENYUSUN_JABATAN = os.environ.get("RAKOR_PENYUSUN_JABATAN", "Kepala Bappeda")
RAKOR_PENYUSUN_NAMA = os.environ.get("RAKOR_PENYUSUN_NAMA", "")
RAKOR_PENYUSUN_NIP = os.environ.get("RAKOR_PENYUSUN_NIP", "")
# Import bounds beyond size (realisasi/importers/reading.py, docs/import-formats.md): columns
# of a sheet, a run of empty rows, and how many problems a refusal lists (the rest counted).
RAKOR_IMPORT_MAX_COLUMNS = envint("RAKOR_IMPORT_MAX_COLUMNS", 100)
RAKOR_IMPORT_MAX_EMPTY_ROWS = envint("RAKOR_IMPORT_MAX_EMPTY_ROWS", 1000)
RAKOR_IMPORT_PROBLEMS_SHOWN = envint("RAKOR_IMPORT_PROBLEMS_SHOWN", 200)
# Segregation of duties (realisasi/permissions.py): a verifikator never decides on the report
# of their own OPD, nobody on a report they submitted or typed. `true` only for a Bappeda of
# one person, where nobody else could verify.
RAKOR_ALLOW_SELF_VERIFY = envbool("RAKOR_ALLOW_SELF_VERIFY", False)
# The largest `?per_page=` a list accepts (opd/pagination.py); others are ignored.
RAKOR_MAX_PER_PAGE = envint("RAKOR_MAX_PER_PAGE", 500)
# Briefing renders on this machine (reports/pdf.py): at most this many at once (each a
# WeasyPrint process of up to ~200 MB), a web request waits this many seconds for a free slot,
# and the slots' lock files live here (default: the system's temporary folder).
RAKOR_BRIEF_MAX_RENDERS = envint("RAKOR_BRIEF_MAX_RENDERS", 2)
RAKOR_BRIEF_SLOT_WAIT = envint("RAKOR_BRIEF_SLOT_WAIT", 10)
RAKOR_BRIEF_LOCK_DIR = os.environ.get("RAKOR_BRIEF_LOCK_DIR", "")

# --- Background work (rakor/celery.py, docs/operations.md) and the shared cache -------------
# REDIS_URL (e.g. redis://127.0.0.1:6379/0): Celery's broker and result store, and Django's
# cache shared by every app server. Without it tasks run in the requesting process (eager)
# and the cache is per process: the embedded default of `make run`.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it has finished, and given back to the queue when its worker
# dies: it runs again (every task is idempotent) instead of being lost. Redis hands an
# unacknowledged task to another worker after the visibility timeout.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Workers look for such tasks every RAKOR_TASK_RESTORE_INTERVAL seconds.
RAKOR_TASK_VISIBILITY_TIMEOUT = envint("RAKOR_TASK_VISIBILITY_TIMEOUT", 900)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": RAKOR_TASK_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": envint("RAKOR_TASK_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
# A request that queues a task while Redis is down gives up after a few seconds; the task's
# row (a pending briefing or delivery) stays and beat queues it again (opd.tasks.requeue).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 1}
# No task runs for ever: a briefing render has its own limit (RAKOR_BRIEF_TIMEOUT).
CELERY_TASK_SOFT_TIME_LIMIT = envint("RAKOR_TASK_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 30
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
if REDIS_URL:
    # django-redis, for IGNORE_EXCEPTIONS: with Redis down a cache read is a miss and a write
    # is skipped, so pages stay up (docs/operations.md); Django's own RedisCache would raise.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rakor",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Notifications (opd/notify.py): email through Django's backend, WhatsApp through the Pemda's
# gateway (an HTTP POST of RAKOR_WHATSAPP_TEMPLATE, a JSON object whose strings may hold
# $telepon, $pesan, $judul and $tautan); a failed channel is retried
# RAKOR_NOTIFY_RETRIES times, waiting RAKOR_NOTIFY_BACKOFF seconds, then twice that, ...
# With DEBUG (make run) emails are printed on the console unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rakor@localhost")
RAKOR_WHATSAPP_URL = os.environ.get("RAKOR_WHATSAPP_URL", "")
RAKOR_WHATSAPP_TOKEN = os.environ.get("RAKOR_WHATSAPP_TOKEN", "")
RAKOR_WHATSAPP_TEMPLATE = os.environ.get(
    "RAKOR_WHATSAPP_TEMPLATE", '{"target": "$telepon", "message": "$pesan"}'
)
RAKOR_WHATSAPP_TIMEOUT = envint("RAKOR_WHATSAPP_TIMEOUT", 10)
RAKOR_NOTIFY_RETRIES = envint("RAKOR_NOTIFY_RETRIES", 3)
RAKOR_NOTIFY_BACKOFF = envint("RAKOR_NOTIFY_BACKOFF", 60)
# The address links in emails and WhatsApp messages start with (no request to read it from).
RAKOR_SITE_URL = os.environ.get("RAKOR_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Reminders (Celery beat, local time): each morning at this hour the deadline reminders
# (RAKOR_REMIND_DAYS_BEFORE days before the due date and on it), the late notices (the day
# after) and the follow-up reminders (that many days before their batas waktu, and overdue).
RAKOR_REMIND_HOUR = envint("RAKOR_REMIND_HOUR", 7)
RAKOR_REMIND_MINUTE = envint("RAKOR_REMIND_MINUTE", 0)
RAKOR_REMIND_DAYS_BEFORE = envint("RAKOR_REMIND_DAYS_BEFORE", 3)
CELERY_BEAT_SCHEDULE = {
    "pengingat-pagi": {
        "task": "realisasi.tasks.morning_reminders",
        "schedule": crontab(hour=RAKOR_REMIND_HOUR, minute=RAKOR_REMIND_MINUTE),
    },
    "pengingat-tindak-lanjut": {
        "task": "rakor.tasks.followup_reminders",
        "schedule": crontab(hour=RAKOR_REMIND_HOUR, minute=RAKOR_REMIND_MINUTE),
    },
    # Rows whose task was never queued (Redis was down) or was lost are queued again.
    "antrian-ulang": {"task": "opd.tasks.requeue", "schedule": timedelta(minutes=5)},
    "antrian-ulang-bahan-rakor": {
        "task": "reports.tasks.requeue_briefings",
        "schedule": timedelta(minutes=5),
    },
    "antrian-ulang-pekerjaan": {"task": "opd.tasks.requeue_jobs", "schedule": timedelta(minutes=5)},
}
# Work a page hands to the queue (opd.jobs, docs/operations.md): an import of a file with more
# than RAKOR_IMPORT_TASK_ROWS data rows, an export of more than RAKOR_EXPORT_TASK_ROWS rows;
# smaller ones stay in the request. Time limits: CELERY_TASK_SOFT_TIME_LIMIT above.
RAKOR_IMPORT_TASK_ROWS = envint("RAKOR_IMPORT_TASK_ROWS", 2000)
RAKOR_EXPORT_TASK_ROWS = envint("RAKOR_EXPORT_TASK_ROWS", 5000)

# Peringatan dini and the year-end projection (reports/early_warning.py, reports/projection.py,
# docs/peringatan.md). The method: "" = the one with the lower backtest error (manage.py
# uji_proyeksi), else "laju" or "pola"; the laju window in months.
RAKOR_PROYEKSI_METODE = os.environ.get("RAKOR_PROYEKSI_METODE", "")
if RAKOR_PROYEKSI_METODE not in ("", "laju", "pola"):
    raise ImproperlyConfigured("RAKOR_PROYEKSI_METODE must be empty, laju or pola")
RAKOR_PROYEKSI_LAJU_BULAN = envint("RAKOR_PROYEKSI_LAJU_BULAN", 3)
# A line warns when: its projected sisa is above this share of its pagu (%); it has no
# realization at all from this month on; its fisik and keuangan % are more than this many
# points apart; its deviasi keuangan got worse this many months running; (DAK Fisik) its
# deviasi fisik is below this; an OPD missed this many monthly reports running.
RAKOR_PERINGATAN_SISA_PERSEN = envdecimal("RAKOR_PERINGATAN_SISA_PERSEN", "10")
RAKOR_PERINGATAN_BULAN_TANPA_REALISASI = envint("RAKOR_PERINGATAN_BULAN_TANPA_REALISASI", 6)
RAKOR_PERINGATAN_SELISIH_FISIK_KEUANGAN = envdecimal(
    "RAKOR_PERINGATAN_SELISIH_FISIK_KEUANGAN", "20"
)
RAKOR_PERINGATAN_BULAN_MEMBURUK = envint("RAKOR_PERINGATAN_BULAN_MEMBURUK", 3)
RAKOR_PERINGATAN_DAK_FISIK = envdecimal("RAKOR_PERINGATAN_DAK_FISIK", "0")
RAKOR_PERINGATAN_LAPORAN_TERLEWAT = envint("RAKOR_PERINGATAN_LAPORAN_TERLEWAT", 2)
for _name, _low, _high in (
    ("RAKOR_PROYEKSI_LAJU_BULAN", 1, 11),
    ("RAKOR_PERINGATAN_BULAN_TANPA_REALISASI", 1, 12),
    ("RAKOR_PERINGATAN_BULAN_MEMBURUK", 1, 11),
    ("RAKOR_PERINGATAN_LAPORAN_TERLEWAT", 1, 12),
):
    if not _low <= globals()[_name] <= _high:
        raise ImproperlyConfigured(f"{_name} must be {_low} to {_high}")
# The briefing's early-warning section lists this many warnings (most Rupiah at risk first).
RAKOR_BRIEF_PERINGATAN_MAX = envint("RAKOR_BRIEF_PERINGATAN_MAX", 8)
# The REST API (/api/v1/, reports/api, issue 22): a per-user token (rakor.tokens.ApiToken) or
# the browser's session; every answer scoped as the user is on the pages. One throttle per
# token (per user for a session), RAKOR_API_RATE requests per minute.
RAKOR_API_RATE = envint("RAKOR_API_RATE", 600)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "reports.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["reports.api.throttles.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": f"{RAKOR_API_RATE}/min"},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Rakor API",
    "DESCRIPTION": "Realisasi APBD per OPD untuk Rakor POK (lihat README, bagian API).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI from the app's own static files (no CDN: the CSP allows 'self' only).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"StatusLaporanEnum": "reports.choices.STATUS_LAPORAN_CHOICES"},
}
# Province mode (rakor/province.py): this installation pulls its kabupaten/kota's Rakor
# through their API (the `tarik_provinsi` command, on a schedule) and shows the province
# dashboard. A Pemda whose last good pull is older than RAKOR_PROVINCE_STALE_HOURS is marked
# stale; one HTTP call gives up after RAKOR_PROVINCE_TIMEOUT seconds.
RAKOR_PROVINCE_MODE = envbool("RAKOR_PROVINCE_MODE", False)
RAKOR_PROVINCE_STALE_HOURS = envint("RAKOR_PROVINCE_STALE_HOURS", 26)
RAKOR_PROVINCE_TIMEOUT = envint("RAKOR_PROVINCE_TIMEOUT", 10)
# In province mode beat pulls the kabupaten/kota every RAKOR_PROVINCE_PULL_MINUTES minutes.
RAKOR_PROVINCE_PULL_MINUTES = envint("RAKOR_PROVINCE_PULL_MINUTES", 60)
if RAKOR_PROVINCE_MODE:
    CELERY_BEAT_SCHEDULE["tarik-provinsi"] = {
        "task": "rakor.tasks.pull_province",
        "schedule": timedelta(minutes=RAKOR_PROVINCE_PULL_MINUTES),
    }
