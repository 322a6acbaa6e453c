"""WSGI entry point (gunicorn rakor.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")
application = get_wsgi_application()

from rakor.startup import freeze_loaded_objects, require_secret_key  # noqa: E402 (settings)

require_secret_key()
freeze_loaded_objects()
