"""Request guards that must run before a view reads the request."""

from django.conf import settings
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
