"""HTML to PDF with WeasyPrint, safely.

- Static files, fonts and the Pemda logo are read from disk through `LocalFetcher`; any other
  URL is refused, so WeasyPrint never calls our own server (or anyone else) over HTTP.
- `html_to_pdf_isolated` renders in a child process forked from this one under a time limit:
  a slow or crashing render cannot stall the web server, and it ends with `RenderError` (an
  Indonesian message) instead of a 500. Forking (not a new interpreter) saves the child the
  ~0,9 s of starting Python, Django and WeasyPrint; the child never touches the database.
  In a Celery worker's pool process, which may not fork, the child is a new interpreter running
  `python -m reports.pdf` (HTML on stdin, PDF on stdout) under the same limit.
- `early_renderer` forks that child before the HTML exists, for a process that renders once
  (`rakor_brief`): the child loads WeasyPrint while the parent reads the figures.
- Renders are limited on the machine (issue 13: five requests started 10 render processes and
  1,9 GB): a render holds one of RAKOR_BRIEF_MAX_RENDERS slots, waiting for one at most
  RAKOR_BRIEF_SLOT_WAIT seconds, and an ad hoc render holds its user's slot. A slot is an
  flock on a file in RAKOR_BRIEF_LOCK_DIR, shared by every worker process and released by the
  system when its holder ends, even killed.
"""

import fcntl
import gc
import hashlib
import logging
import mimetypes
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
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


class RenderBusy(RenderError):
    """No render slot is free: `status` is 503 (the machine's limit) or 429 (the user's)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def lock_dir() -> Path:
    """RAKOR_BRIEF_LOCK_DIR, or a folder of this installation (its code folder and database)
    in the system's temporary folder, so two installations on one machine do not share slots."""
    configured = getattr(settings, "RAKOR_BRIEF_LOCK_DIR", "")
    if configured:
        path = Path(configured)
    else:
        database = settings.DATABASES["default"]
        owner = f"{settings.BASE_DIR}|{database.get('HOST', '')}|{database.get('NAME', '')}"
        digest = hashlib.sha256(owner.encode()).hexdigest()[:12]
        path = Path(tempfile.gettempdir()) / f"rakor-brief-{digest}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def render_slot_paths() -> list[Path]:
    return [lock_dir() / f"render-{n}.lock" for n in range(settings.RAKOR_BRIEF_MAX_RENDERS)]


def _take_one(paths, wait: float):
    """An open, flock-ed file of one of `paths`, or None after `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        for path in paths:
            handle = open(path, "a+")  # noqa: SIM115  (kept open while the slot is held)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
            else:
                return handle
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


@contextmanager
def render_slot(wait: float | None = None):
    """Hold one of the machine's RAKOR_BRIEF_MAX_RENDERS render slots, or raise RenderBusy."""
    wait = settings.RAKOR_BRIEF_SLOT_WAIT if wait is None else wait
    handle = _take_one(render_slot_paths(), wait)
    if handle is None:
        raise RenderBusy(
            _(
                "Saat ini %(n)s bahan Rakor sedang disusun, batas yang dapat disusun bersamaan. "
                "Silakan coba lagi sebentar."
            )
            % {"n": settings.RAKOR_BRIEF_MAX_RENDERS},
            status=503,
        )
    try:
        yield
    finally:
        handle.close()


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
        if not found:
            return None
        path = Path(found)
    return path if path.is_file() else None


def local_path(url: str) -> Path | None:
    """The file a briefing URL stands for, or None when the URL is not ours to read."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        logo = logo_path()
        return path if logo is not None and path == logo else None
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        return None
    url_path = unquote(parts.path)
    if not url_path.startswith(settings.STATIC_URL):
        return None
    relative = url_path[len(settings.STATIC_URL) :]
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


# The youngest generation collected after this many new objects instead of 700 while a
# briefing's figures are built and its PDF is laid out: both allocate millions of short-lived
# objects (WeasyPrint's boxes and styles), and each young collection promoted survivors that
# the older ones walked again. The memory held meanwhile is a few MB.
BUSY_GC_THRESHOLD = (50_000, 20, 20)


@contextmanager
def fewer_collections():
    """BUSY_GC_THRESHOLD for the block, the previous thresholds after it."""
    previous = gc.get_threshold()
    gc.set_threshold(*BUSY_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _settle_forked_child() -> None:
    """In a forked render child: everything inherited (Django, the app, WeasyPrint when
    loaded) is moved out of the collector's reach (gc.freeze: never scanned again, and its
    pages stay shared with the parent), and young collections are made rarer; the child
    lives for one render."""
    gc.freeze()
    gc.set_threshold(*BUSY_GC_THRESHOLD)


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF bytes in this process (the child of html_to_pdf_isolated)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def _render_child(html: str, send) -> None:
    """In the forked child: render and send ("ok", pdf) or ("error", text) to the parent."""
    try:
        send.send(("ok", html_to_pdf(html)))
    except BaseException as exc:  # the parent logs it; the child only reports
        send.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


def html_to_pdf_isolated(
    html: str, timeout: float | None = None, wait: float | None = None
) -> bytes:
    """Render HTML to PDF in a forked child process, killed after `timeout` seconds, holding a
    render slot (waiting for one at most `wait` seconds, RenderBusy after that)."""
    with render_slot(wait):
        return _render_isolated(html, timeout)


@contextmanager
def early_renderer(timeout: float | None = None, wait: float | None = None):
    """A render child started before the HTML exists, holding a render slot: it loads
    WeasyPrint (~0,3 s of CPU) while the caller builds the HTML (the figures' queries), so on a
    machine with two cores the two overlap instead of following each other. Yields
    `render(html) -> bytes`, under the same time limit as html_to_pdf_isolated from the moment
    the HTML is sent (RenderError after it). Leaving the block ends the child, used or not.

    For a process that has the HTML at once, or renders many times (the web server: WeasyPrint
    is loaded once there and inherited), html_to_pdf_isolated is the better fit."""
    timeout = brief_timeout() if timeout is None else timeout
    with render_slot(wait):
        if multiprocessing.current_process().daemon:  # see _render_isolated
            yield lambda html: _render_subprocess(html, timeout)
            return
        with _forked_child(timeout) as render:
            yield render


def _timeout_error(timeout: float) -> RenderError:
    logger.warning("briefing PDF render timed out after %s s", timeout)
    return RenderError(
        _("Penyusunan PDF melebihi batas waktu %(detik)s detik.")
        % {"detik": format_number(timeout, 0 if float(timeout).is_integer() else 2)}
    )


def _render_isolated(html: str, timeout: float | None) -> bytes:
    timeout = brief_timeout() if timeout is None else timeout
    if multiprocessing.current_process().daemon:
        # A Celery worker's pool process may not fork children of its own (multiprocessing
        # refuses in a daemonic process): the render runs as `python -m reports.pdf` instead,
        # with the same time limit.
        return _render_subprocess(html, timeout)
    import weasyprint  # noqa: F401  (loaded once here, inherited by every forked child)

    with _forked_child(timeout) as render:
        return render(html)


@contextmanager
def _forked_child(timeout: float):
    """Fork the render child now; yield render(html), which sends it the HTML and waits at
    most `timeout` seconds for its PDF. The child is ended when the block leaves."""
    context = multiprocessing.get_context("fork")
    html_in, html_out = context.Pipe(duplex=False)
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_render_child_waiting, args=(html_in, html_out, send), daemon=True
    )
    try:
        child.start()
    except OSError as exc:
        logger.exception("briefing PDF render could not start")
        raise RenderError(_("Penyusunan PDF tidak dapat dimulai.")) from exc
    finally:
        html_in.close()
        send.close()

    def render(html: str) -> bytes:
        try:
            html_out.send(html)
        except OSError:  # the child is gone already; its word (or silence) is below
            pass
        if not receive.poll(timeout):
            raise _timeout_error(timeout)
        try:
            status, payload = receive.recv()
        except EOFError:  # the child died without a word (killed, or crashed hard)
            child.join(1)
            status, payload = "error", f"child exited with code {child.exitcode}"
        return _checked(status, payload)

    try:
        yield render
    finally:
        html_out.close()  # an unused child reads the end of its pipe and stops
        receive.close()
        child.join(1)
        if child.is_alive():
            child.kill()
            child.join()


def _render_child_waiting(html_in, html_out, send) -> None:
    """In the forked child: load WeasyPrint (unless inherited), wait for the HTML, render it."""
    html_out.close()  # the parent's end: only the parent's close may end this pipe
    _settle_forked_child()
    import weasyprint  # noqa: F401  (in an early child: while the parent builds the HTML)

    gc.freeze()  # WeasyPrint's modules too, once loaded here

    try:
        html = html_in.recv()
    except EOFError:  # the parent left the block without rendering
        send.close()
        return
    _render_child(html, send)


def _checked(status: str, payload) -> bytes:
    if status != "ok" or not payload.startswith(b"%PDF"):
        logger.error("briefing PDF render failed: %s", str(payload)[-2000:])
        raise RenderError(_("Penyusunan PDF gagal. Silakan coba lagi atau hubungi admin."))
    return payload


def _render_subprocess(html: str, timeout: float) -> bytes:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reports.pdf"],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        raise _timeout_error(timeout) from exc
    except OSError as exc:
        logger.exception("briefing PDF render could not start")
        raise RenderError(_("Penyusunan PDF tidak dapat dimulai.")) from exc
    if done.returncode != 0:
        return _checked("error", done.stderr.decode("utf-8", "replace"))
    return _checked("ok", done.stdout)


def _main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")
    django.setup()
    html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(html_to_pdf(html))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _main()
