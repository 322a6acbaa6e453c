"""Screenshots for the README, from factory data (never part of the normal suite).

    .venv/bin/pytest -p no:cacheprovider tests/browser/screenshots.py

pytest collects this file only when it is named on the command line (it is not a test_*.py
module). It writes docs/screenshots/*.png: the dashboard, the monthly report of a 100-line OPD
at 1366 × 768 and on a 390 × 844 phone, the first two pages of the briefing PDF (rendered by
poppler's `pdftoppm`), and the Dasbor, the rekap, the Kendala page and the home page of each
role at 1366 × 768 and 390 × 844 (`<page>-1366.png`, `<page>-390.png`). Each PNG is reduced
to a palette of at most 128 colours so it stays well under 150 KB.
"""

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from opd.choices import Role
from realisasi.choices import StatusLaporan
from realisasi.models import FiscalYear, Realisasi
from tests.factories import FiscalYearFactory, MonthlyReportFactory, OpdFactory, UserFactory

from .data import BIG_LINES, build_big_opd, build_kabupaten
from .helpers import PHONE, login

pytestmark = pytest.mark.browser

OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"
DESKTOP = {"width": 1200, "height": 760}
WIDE = {"width": 1366, "height": 768}
REPORT_DESKTOP = WIDE
MAX_BYTES = 150 * 1024


def shrink(path: Path) -> None:
    """Quantize a screenshot to 128 colours: UI images stay sharp at a fraction of the size."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"


def big_report(year):
    """A 100-line OPD whose October is half filled in: lines 1–60 ahead of target, 61–70
    behind it (kendala needed; the first five have one), 71–100 not yet filled."""
    rsud = OpdFactory(kode="1.02.0.00.0.00.02.0000", nama="RSUD Sukamaju", singkatan="RSUD")
    pptk = UserFactory(username="pptk.rsud", first_name="Sari Wulandari", role=Role.PENGELOLA,
                       opd=rsud)  # fmt: skip
    lines = build_big_opd(year, rsud, pptk, pptk_lines=range(1, BIG_LINES + 1, 4))
    rows = []
    for number, line in enumerate(lines[:70], start=1):
        share = Decimal("0.55") if number <= 60 else Decimal("0.42")
        pagu = Decimal((100 + number) * 1_000_000)
        kendala = "Penyedia terlambat menyerahkan barang" if 60 < number <= 65 else ""
        rows.append(Realisasi(line=line, bulan=10, realisasi_keuangan=pagu * share,
                              realisasi_fisik=share * 100, kendala=kendala))  # fmt: skip
    Realisasi.objects.bulk_create(rows)
    MonthlyReportFactory(opd=rsud, fiscal_year=year, bulan=10, status=StatusLaporan.DRAF)
    UserFactory(username="operator.rsud", first_name="Rina Operator", role=Role.OPERATOR, opd=rsud)
    return rsud


@pytest.fixture
def realistic_kabupaten(november):
    opds = build_kabupaten(
        FiscalYearFactory(tahun=2025),
        reported_by={
            "Dinkes": StatusLaporan.DRAF,
            "DPUPR": StatusLaporan.TERVERIFIKASI,
            "Kec. Wanadadi": StatusLaporan.TERVERIFIKASI,
            "Kec. Batur": StatusLaporan.TERKIRIM,
        },
    )
    Realisasi.objects.filter(line__sub_kegiatan__kode="1.02.02.2.02.0021", bulan=10).update(
        kendala="Distribusi PMT balita menunggu hasil lelang penyedia",
        solusi="Pengadaan melalui e-katalog lokal pada minggu kedua November",
    )
    UserFactory(username="sekda", first_name="Drs. Sekretaris Daerah", role=Role.PIMPINAN, opd=None)
    UserFactory(
        username="operator", first_name="Ani Operator", role=Role.OPERATOR, opd=opds["Dinkes"]
    )
    return opds


def test_screenshots(new_page, realistic_kabupaten, tmp_path):
    OUT.mkdir(parents=True, exist_ok=True)

    page = new_page(viewport=DESKTOP)
    login(page, "sekda")
    page.goto("/dasbor/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.screenshot(path=OUT / "dashboard.png")
    shrink(OUT / "dashboard.png")

    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("link", name="Unduh bahan Rakor (PDF)").click()
    pdf = tmp_path / "bahan-rakor.pdf"
    download_info.value.save_as(pdf)
    pdftoppm = shutil.which("pdftoppm")
    for number in (1, 2) if pdftoppm else ():
        name = f"briefing-page-{number}"
        subprocess.run(
            [pdftoppm, "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile",
             pdf, OUT / name],
            check=True,
        )  # fmt: skip
        shrink(OUT / f"{name}.png")
    if not pdftoppm:
        print("pdftoppm (Debian package poppler-utils) is missing: briefing image not made")

    # The report of a 100-line OPD, scrolled to its grid: sticky header and action bar. It is
    # added after the dashboard and the briefing, which show the five OPDs of the Kabupaten.
    big_report(FiscalYear.objects.get(tahun=2025))
    report_url = "/laporan/bulanan/1.02.0.00.0.00.02.0000/2025/10/"
    operator = new_page(viewport=REPORT_DESKTOP)
    login(operator, "operator.rsud")
    operator.goto(report_url)
    expect(operator.get_by_role("button", name="Simpan draf")).to_be_visible()
    operator.evaluate("document.getElementById('report-filters').scrollIntoView()")
    operator.evaluate("window.scrollBy(0, 60 * 14)")
    operator.screenshot(path=OUT / "report-desktop.png")
    shrink(OUT / "report-desktop.png")

    phone = new_page(viewport=PHONE)
    login(phone, "operator.rsud")
    phone.goto(report_url)
    phone.locator("#report-filters").scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, 250)")
    phone.screenshot(path=OUT / "report-phone.png")
    shrink(OUT / "report-phone.png")


def test_page_screenshots(new_page, realistic_kabupaten):
    """The Dasbor, rekap, Kendala and each role's home at 1366 and 390 px."""
    OUT.mkdir(parents=True, exist_ok=True)
    UserFactory(username="bappeda", first_name="Budi Bappeda", role=Role.VERIFIKATOR, opd=None)
    shots = {
        "sekda": [("dasbor", "/dasbor/"), ("home-pimpinan", "/")],
        "bappeda": [("rekap", "/dasbor/rekap/"), ("kendala", "/dasbor/kendala/"),
                    ("home-verifikator", "/")],
        "operator": [("home-operator", "/")],
    }  # fmt: skip
    for width, viewport in ((1366, WIDE), (390, PHONE)):
        for username, pages in shots.items():
            page = new_page(viewport=viewport)
            login(page, username)
            for name, url in pages:
                page.goto(url)
                expect(page.get_by_role("heading", level=1)).to_be_visible()
                path = OUT / f"{name}-{width}.png"
                page.screenshot(path=path)
                shrink(path)
