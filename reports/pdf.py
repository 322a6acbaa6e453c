"""HTML to PDF with WeasyPrint, safely.

- Static files, fonts and the Pemda logo are read from disk through `LocalFetcher`; any other
  URL is refused, so WeasyPrint never calls our own server (or anyone else) over HTTP.
- `html_to_pdf_isolated` renders in a child process (`python -m reports.pdf`, HTML on stdin,
  PDF on stdout) under a time limit: a slow or crashing render cannot stall the web server,
  and it ends with `RenderError` (an Indonesian message) instead of a 500.
"""

import logging
import mimetypes
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

from opd.formatting import format_number

logger = logging.getLogger(__name__)

# The base URL of the briefing HTML: relative URLs ("/static/css/briefing.css") resolve
# against it and reach LocalFetcher, which maps them to files. It is never fetched.
BASE_URL = "https://rakor.invalid/"


class RenderError(Exception):
    """The PDF could not be made; the message is shown to the user as is."""


def brief_timeout() -> float:
    return float(getattr(settings, "RAKOR_BRIEF_TIMEOUT", 60))


def logo_path() -> Path | None:
    """settings.RAKOR_PEMDA_LOGO: an absolute file path, or a path inside static/."""
    value = getattr(settings, "RAKOR_PEMDA_LOGO", "")
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute():
        found = finders.find(value)
        path = Path(found) if found else None
    return path if path is not None and path.is_file() else None


def local_path(url: str) -> Path | None:
    """The file a briefing URL stands for, or None when the URL is not ours to read."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        logo = logo_path()
        return path if logo is not None and path == logo else None
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        return None
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        return None
    relative = path[len(settings.STATIC_URL) :]
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    # Production: hashed names ("briefing.1a2b3c.css") exist only in STATIC_ROOT.
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


def _read_local(url: str) -> tuple[bytes, str]:
    path = local_path(url)
    if path is None:
        raise ValueError(f"the briefing reads local static files only, not {url}")
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".ttf":
        mime_type = "font/ttf"
    return path.read_bytes(), mime_type


def _fetcher():
    """A URL fetcher for the installed WeasyPrint: the URLFetcher class of recent versions, a
    function returning a dict for older ones."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 66

        def fetch(url, *args, **kwargs):
            body, mime_type = _read_local(url)
            return {"string": body, "mime_type": mime_type, "redirected_url": url}

        return fetch

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            body, mime_type = _read_local(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime_type})

    return LocalFetcher()


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF bytes in this process (the child of html_to_pdf_isolated)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def html_to_pdf_isolated(html: str, timeout: float | None = None) -> bytes:
    """Render HTML to PDF in a child process, killed after `timeout` seconds."""
    timeout = brief_timeout() if timeout is None else timeout
    env = {**os.environ}
    env.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reports.pdf"],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            cwd=settings.BASE_DIR,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        logger.warning("briefing PDF render timed out after %s s", timeout)
        raise RenderError(
            _("Penyusunan PDF melebihi batas waktu %(detik)s detik.")
            % {"detik": format_number(timeout, 0 if float(timeout).is_integer() else 2)}
        ) from exc
    except OSError as exc:
        logger.exception("briefing PDF render could not start")
        raise RenderError(_("Penyusunan PDF tidak dapat dimulai.")) from exc
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        logger.error("briefing PDF render failed: %s", done.stderr.decode(errors="replace")[-2000:])
        raise RenderError(_("Penyusunan PDF gagal. Silakan coba lagi atau hubungi admin."))
    return done.stdout


def _main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")
    django.setup()
    html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(html_to_pdf(html))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _main()
