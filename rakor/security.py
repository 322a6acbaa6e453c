"""Authentication hardening: the login throttle backend and the client address it counts by.

See docs/security.md (ASVS V2.2.1) for what these protect.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' standalone backend: refuses a locked-out username + address.

    Every login over HTTP passes the request, so it is always counted. A call without a
    request (the test client's `login()`, a shell) has no address to count and is passed on
    to the next backend instead of failing with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind our own TLS proxy the address it saw.

    Only the last X-Forwarded-For hop is trusted (the one our proxy appended); earlier
    hops are written by the client and would let an attacker choose the address throttled.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (HTTP 429) in Indonesian, saying how long the wait is."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/lockout.html", context, status=429)
