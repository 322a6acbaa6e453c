"""Browser tests: Chromium driven through Playwright against pytest-django's live server.

The browser is the system's Chromium (Debian package `chromium`); Playwright never downloads
one. Without a Chromium these tests are skipped with the reason shown by `pytest -ra`; with
RAKOR_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure instead.

Playwright's sync API runs an asyncio loop in the test thread, so Django would refuse ORM calls
made there (factories, assertions) with SynchronousOnlyOperation: DJANGO_ALLOW_ASYNC_UNSAFE is
set while a browser is open. The live server runs in another thread and sees only committed
data, hence `transactional_db`.
"""

import datetime
import os
import shutil
import zoneinfo
from pathlib import Path

import pytest
import time_machine

from opd.choices import Role
from realisasi.choices import KelompokDana, StatusLaporan
from tests.factories import (
    FiscalYearFactory,
    OpdFactory,
    RealisasiFactory,
    TargetFactory,
    UserFactory,
)

from .data import LineSpec, build_kabupaten, build_line
from .helpers import browser_required

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
# "Today" of the tests (time ticks on from there): the month people report, and the month the
# dashboards show by default, is October 2025.
NOW = datetime.datetime(2025, 11, 5, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
# Waits are short: everything is local, and a hanging page should fail fast.
TIMEOUT_MS = 10_000


def chromium_path() -> str | None:
    """The Chromium to drive: $RAKOR_CHROMIUM, else `chromium` on the PATH, else None."""
    configured = os.environ.get("RAKOR_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str):
    if browser_required():
        pytest.fail(f"RAKOR_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (install the `chromium` package)")


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the tests of one module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the python package playwright is not installed")
    executable = chromium_path()
    if executable is None:
        _unavailable("no Chromium found (looked for $RAKOR_CHROMIUM and `chromium`)")

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def http_settings(settings):
    """The live server speaks plain HTTP: cookies must not be marked Secure."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    return settings


class PageProblems:
    """Console errors a page logs that point at a broken page (CSP refusals, script errors)."""

    def __init__(self):
        self.messages: list[str] = []

    def watch(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    def _on_console(self, message):
        text = message.text
        if message.type == "error" and "favicon" not in text and "404" not in text:
            self.messages.append(text)


@pytest.fixture
def new_page(browser, live_server, http_settings):
    """Open a page in a fresh browser context (own cookies): new_page(viewport=PHONE).

    Each context is one person. At the end of the test, no page may have logged a Content
    Security Policy refusal or a script error.
    """
    contexts = []
    problems = PageProblems()

    def open_page(viewport=None, **context_options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport or DESKTOP,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            **context_options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert problems.messages == [], "the pages logged errors: " + "; ".join(problems.messages)


@pytest.fixture
def b_opd(transactional_db):
    return OpdFactory(kode="1.02.0.00.0.00.01.0000", nama="Dinas Kesehatan", singkatan="Dinkes")


@pytest.fixture
def b_operator(b_opd):
    return UserFactory(
        username="operator", first_name="Ani Operator", role=Role.OPERATOR, opd=b_opd
    )


@pytest.fixture
def b_verifikator(transactional_db):
    return UserFactory(
        username="verifikator", first_name="Budi Bappeda", role=Role.VERIFIKATOR, opd=None
    )


@pytest.fixture
def b_pimpinan(transactional_db):
    return UserFactory(username="sekda", first_name="Sekda", role=Role.PIMPINAN, opd=None)


@pytest.fixture
def november(transactional_db):
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def dinkes_lines(november, b_opd):
    """Three lines of Dinkes (pagu Rp1.000.000.000 in all) with October targets.

    (pagu, October target Rp and fisik %, September realization Rp and fisik %):
    Ibu Hamil 450 juta, 300 juta / 70 %, 250 juta / 60 %; Gizi 300 juta, 200 juta / 65 %,
    150 juta / 50 %; Obat 250 juta, 150 juta / 60 %, never reported.
    """
    year = FiscalYearFactory(tahun=2025)
    specs = [
        ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", 450_000_000,
         KelompokDana.DAU, 300_000_000, 70, (250_000_000, 60)),
        ("1.02.02.2.02.0021", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat", 300_000_000,
         KelompokDana.DAK_NON_FISIK, 200_000_000, 65, (150_000_000, 50)),
        ("1.02.02.2.01.0003", "Penyediaan Obat dan Bahan Medis Habis Pakai", 250_000_000,
         KelompokDana.DAU, 150_000_000, 60, None),
    ]  # fmt: skip
    lines = []
    for kode, nama, pagu, kelompok, target_rp, target_fisik, september in specs:
        line = build_line(year, b_opd, LineSpec(kode, nama, pagu, kelompok))
        TargetFactory(line=line, bulan=10, target_keuangan=target_rp, target_fisik=target_fisik)
        if september:
            RealisasiFactory(
                line=line, bulan=9, realisasi_keuangan=september[0], realisasi_fisik=september[1]
            )
        lines.append(line)
    return lines


@pytest.fixture
def kabupaten(november):
    """The five OPDs of data.KABUPATEN; three of them have reported October."""
    return build_kabupaten(
        FiscalYearFactory(tahun=2025),
        reported_by={
            "Dinkes": StatusLaporan.TERVERIFIKASI,
            "DPUPR": StatusLaporan.TERKIRIM,
            "Kec. Wanadadi": StatusLaporan.TERVERIFIKASI,
        },
    )
