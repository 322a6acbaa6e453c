"""Checks a server makes before it answers its first request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_secret_key() -> None:
    """Refuse to serve without a SECRET_KEY (settings leave it empty when DEBUG is off)."""
    try:
        settings.SECRET_KEY  # noqa: B018 (Django raises on an empty key when it is read)
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off") from exc
