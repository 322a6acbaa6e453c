"""Every page of the access matrix, as each role that may see it, at 1366 and 390 px:

- the page itself never scrolls sideways (document width <= viewport; a wide table scrolls
  inside its own box);
- no headline card is clipped (its value fits the card);
- axe-core (installed from the npm registry by `make install-dev`, package.json) finds no
  WCAG 2.1 A or AA violation.

The pages are those the access matrix serves (code "O") to the role, on the access matrix's
world (the `world` fixture of tests/access/world.py), minus the downloads (PDF, XLSX) and the
keepalive ping.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.access.matrix import MATRIX, ROLES
from tests.access.urls import kwargs_for

from .helpers import browser_required, login

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
DOWNLOADS = {
    "reports:briefing",
    "reports:briefing_download",
    "realisasi:import_template",
    "reports:export_kepatuhan",
    "reports:export_tindak_lanjut",
    "reports:export_jejak_audit",
    "reports:kinerja_e81",
    "realisasi:ping",
    "reports:briefing_status",  # JSON for the Rakor page's polling, not a page
    "tugas:job_status",  # JSON for a job page's polling
    "tugas:job_download",
    "login",
}
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
USERNAMES = {
    "operator_a": "op_a",
    "pengelola_a": "pg_a",
    "verifikator": "ver",
    "pimpinan": "pim",
    "admin": "adm",
}

CLIPPED_CARDS_JS = """
() => Array.from(document.querySelectorAll('.figure .value'))
  .filter(el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
    || el.getBoundingClientRect().right > el.closest('.figure').getBoundingClientRect().right)
  .map(el => el.textContent.trim())
"""

AXE_RUN_JS = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}
"""


def pages_for(role: str, w) -> list[str]:
    """The URLs the access matrix serves to `role` as a page (code "O")."""
    index = ROLES.index(role)
    urls = []
    for (name, variant), codes in MATRIX.items():
        # the API answers JSON (its docs page is the library's Swagger UI): not a page of ours
        if name in DOWNLOADS or name.startswith("api:") or codes[index] != "O":
            continue
        kwargs = kwargs_for(name, w)[variant]
        urls.append(reverse(name, kwargs=kwargs))
    return sorted(set(urls))


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.is_file():
        message = f"axe-core is not installed ({AXE}); run `make install-dev`"
        if browser_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("role", ROLES[1:])
def test_every_page_fits_and_passes_axe(role, new_page, november, world, axe_source):
    urls = pages_for(role, world)
    assert urls, role
    problems = []
    for size, viewport in WIDTHS.items():
        # bypass_csp: axe is injected as a script of the test, not of the page
        page = new_page(viewport=viewport, bypass_csp=True)
        login(page, USERNAMES[role])
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, (role, url, response.status)
            where = f"{role} {size} {url}"
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"{where}: page is {width} px wide")
            clipped = page.evaluate(CLIPPED_CARDS_JS)
            if clipped:
                problems.append(f"{where}: clipped cards {clipped}")
            page.add_script_tag(content=axe_source)
            violations = page.evaluate(AXE_RUN_JS, WCAG_21_AA)
            if violations:
                problems.append(f"{where}: axe {json.dumps(violations, ensure_ascii=False)}")
    assert problems == [], "\n".join(problems)


def test_the_matrix_pages_include_the_main_pages(world):
    urls = pages_for("verifikator", world)
    for name in ("home", "reports:summary", "reports:rekap", "reports:kendala"):
        assert reverse(name) in urls
    assert os.path.basename(str(AXE)) == "axe.min.js"
