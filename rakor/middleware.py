"""Request guards that must run before a view reads the request, and the session's renewal."""

import time

from django.conf import settings
from django.contrib import auth
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

TOO_LARGE_TEMPLATE = "413.html"


def too_large_response(request, limit: int):
    """The Indonesian page for a request over the size limit (HTTP 413)."""
    return render(
        request,
        TOO_LARGE_TEMPLATE,
        {"limit_mb": round(limit / (1024 * 1024), 1)},
        status=413,
    )


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than RAKOR_MAX_REQUEST_SIZE.

    The check reads only the Content-Length header, so an oversized upload is refused
    before any byte of it is parsed or written to disk (ASVS V12.1.1). Bodies that Django
    reads in memory have their own, smaller limit (DATA_UPLOAD_MAX_MEMORY_SIZE), answered
    by rakor.errors.bad_request with the same page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.RAKOR_MAX_REQUEST_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return too_large_response(request, limit)
        return self.get_response(request)


class NoStoreMiddleware:
    """Every page, export and PDF the app itself answers is marked `Cache-Control: no-store`
    (with no-cache, must-revalidate, private, max-age=0): a shared PC must not show an OPD's
    figures from the browser's cache after logout (ASVS V8.2.1; issue 13, finding 7). Static
    files are answered by WhiteNoise before this middleware and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class RefuseNulMiddleware:
    """A NUL byte in the address (path or query) is answered with the Indonesian 400 page.

    PostgreSQL refuses NUL in a text value, so `/dasbor/opd/%00/` and 8 other URLs ended in a
    500 (issue 13, finding 10); no address of the app ever needs one. Form fields refuse NUL
    themselves (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET.lists()
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in query
        ):
            message = _("Alamat halaman berisi karakter yang tidak sah. Periksa tautannya.")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


class SessionRenewalMiddleware:
    """Renew a signed-in session's expiry at most once per RAKOR_SESSION_RENEW_SECONDS.

    The idle timeout (SESSION_COOKIE_AGE, ASVS V3.3.2) is counted from the last renewal, so a
    session may end up to that many seconds before a full SESSION_COOKIE_AGE of idleness. Saving
    the session on every request (SESSION_SAVE_EVERY_REQUEST) cost every page a transaction
    with an UPDATE of the session row; at 10 users that was a visible share of each answer
    (docs/benchmarks.md). Placed after SessionMiddleware, which saves the marked session.
    """

    KEY = "_rakor_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a signed-in session: an anonymous visit must not create one, nor a logout
        # (which flushed it) bring it back.
        if session is not None and session.get(auth.SESSION_KEY) is not None:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.RAKOR_SESSION_RENEW_SECONDS:
                session[self.KEY] = now
        return response


def note_renewal_at_login(sender, request, user, **kwargs):
    """A login writes a new session with a full age: the next renewal is due a period later."""
    if hasattr(request, "session"):
        request.session[SessionRenewalMiddleware.KEY] = int(time.time())
