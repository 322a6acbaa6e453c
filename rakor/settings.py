"""Rakor settings, read from environment variables (documented in README.md).

Safe defaults: DEBUG is off unless asked for, and without DEBUG a SECRET_KEY must be given.
"""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
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
    "opd",
    "realisasi",
    "rakor",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body (CSRF does): a too-large request gets a clear page.
    "rakor.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiled the figure queries for 1.7 s to save milliseconds
    # (docs/benchmarks.md): off for the app's connections.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

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
AXES_CLIENT_IP_CALLABLE = "rakor.security.client_ip"

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
SESSION_SAVE_EVERY_REQUEST = True  # the age is counted from the last request: inactivity
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
# Cache the figures' sums, keyed by a data version token kept by database triggers
# (PostgreSQL only; realisasi/figures_cache.py, docs/benchmarks.md).
RAKOR_FIGURES_CACHE = envbool("RAKOR_FIGURES_CACHE", True)
# Largest file an import accepts (bytes); other import limits: docs/import-formats.md.
RAKOR_IMPORT_MAX_BYTES = envint("RAKOR_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# Time limit (seconds) of one briefing PDF render, in its own process.
RAKOR_BRIEF_TIMEOUT = envint("RAKOR_BRIEF_TIMEOUT", 60)
# While someone types on the monthly report page, its script asks realisasi:ping at most once
# per this many seconds so an active typist keeps the session; an idle one still expires.
RAKOR_KEEPALIVE_SECONDS = envint("RAKOR_KEEPALIVE_SECONDS", 240)
