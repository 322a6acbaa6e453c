"""Authentication hardening: the login throttle, the client address it counts by, and the
proxy headers trusted only from our own proxy.

See docs/security.md (ASVS V2.2.1) for what these protect. django-axes counts failures per
username + address (AXES_FAILURE_LIMIT) and a lockout ends AXES_COOLOFF_TIME after the failure
that caused it: failures during a lockout are not counted
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off). Two limits axes has no setting for are
added here: failures from one address whatever the username (a password spray,
RAKOR_LOGIN_ADDRESS_LIMIT) and failures for one username whatever the address
(RAKOR_LOGIN_ACCOUNT_LIMIT), both over the same cool-off window.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


def recent_failures(**lookup) -> int:
    """Failed logins recorded by axes within the cool-off window, e.g. for one address."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since, **lookup)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' standalone backend, plus the per-address and per-account limits.

    Every login over HTTP passes the request, so it is always counted. A call without a
    request (the test client's `login()`, a shell) has no address to count and is passed on
    to the next backend instead of failing with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        address = getattr(request, "axes_ip_address", None) or client_ip(request)
        over_address = recent_failures(ip_address=address) >= settings.RAKOR_LOGIN_ADDRESS_LIMIT
        over_account = bool(username) and (
            recent_failures(username=username) >= settings.RAKOR_LOGIN_ACCOUNT_LIMIT
        )
        if over_address or over_account:
            # Read by AxesMiddleware (the lockout page) and by axes' failure handler, which
            # then leaves the count alone so the lockout ends on time.
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("too many failed logins from this address/account")
        return None


def from_trusted_proxy(request) -> bool:
    """Behind a proxy (BEHIND_PROXY) and the connection comes from RAKOR_TRUSTED_PROXIES."""
    return bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None)) and (
        request.META.get("REMOTE_ADDR") in settings.RAKOR_TRUSTED_PROXIES
    )


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind our own TLS proxy the address it saw.

    X-Forwarded-For is read only on a connection from the proxy itself (RAKOR_TRUSTED_PROXIES)
    and only its last hop (the one our proxy appended); a client reaching the app directly, or
    the earlier hops, would otherwise choose the address throttled (issue 13, finding 4).
    """
    if from_trusted_proxy(request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


class TrustedProxyMiddleware:
    """Drop X-Forwarded-* headers that did not come from our proxy, before anything reads
    them (SECURE_PROXY_SSL_HEADER's X-Forwarded-Proto included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not from_trusted_proxy(request):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (HTTP 429) in Indonesian, saying how long the wait is."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/lockout.html", context, status=429)
