"""WSGI entry point (gunicorn rakor.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")
application = get_wsgi_application()

from rakor.startup import require_secret_key  # noqa: E402 (needs the settings loaded)

require_secret_key()
