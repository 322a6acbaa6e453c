"""WSGI entry point (gunicorn rakor.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")
application = get_wsgi_application()
