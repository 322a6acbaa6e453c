"""Error pages in Indonesian (wired as handler400/403/404/500 in rakor/urls.py).

Nothing internal is shown: no exception text, no path of a template, no stack.
"""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from .middleware import too_large_response


def bad_request(request, exception):
    if isinstance(exception, RequestDataTooBig):
        return too_large_response(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form's token was missing or stale (ASVS V4.2.2)."""
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request context: the database or a context processor may be what
    # failed, and the page must still come out.
    driver = connection.Database  # type: ignore[attr-defined]  # not declared by django-stubs
    unavailable = (OperationalError, InterfaceError, driver.OperationalError, driver.InterfaceError)
    if isinstance(sys.exc_info()[1], unavailable):
        # SessionMiddleware would load the session again on the way out, waiting for the
        # database a second time; this request has no session to save.
        if hasattr(request, "session"):
            del request.session
        return database_unavailable()
    return HttpResponseServerError(loader.get_template("500.html").render())


def database_unavailable():
    """HTTP 503 when the database cannot be reached or gave up on a statement (its connect or
    statement timeout, RAKOR_DB_*_TIMEOUT): the user is told to retry, not that the app broke.
    handler500 is called while the exception is being handled, so it can be told apart."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = "30"
    return response
