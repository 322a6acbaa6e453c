"""Content-Security-Policy (ASVS V14.4.3, V5.3.3): the header, and pages that satisfy it.

A crawler signs in as a verifikator, follows every same-site link from the home page and
fails on anything the policy would block: inline script code, on*= handlers, style=
attributes, <style> elements, and assets from another origin.
"""

from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from realisasi.audit import record_changes
from realisasi.choices import StatusLaporan, SumberPerubahan
from tests.factories import (
    BudgetLineFactory,
    MonthlyReportFactory,
    OpdFactory,
    RealisasiFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

MAX_PAGES = 250
# Links a crawler must not follow: they change state or leave the app's own templates.
SKIP_PREFIXES = ("/keluar/", "/admin/", "/static/")
IGNORED_PARAMS = {"sort", "page", "_export"}


class PolicyAudit(HTMLParser):
    """Collects what the CSP of settings.CONTENT_SECURITY_POLICY would block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.links = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, _value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler attribute")
            if name.lower() == "style":
                self.problems.append(f"<{tag} style=...> inline style attribute")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            src = attributes.get("src")
            data_block = attributes.get("type", "").lower() == "application/json"
            self._in_script = not src and not data_block
            if src and urlsplit(src).netloc:
                self.problems.append(f"script from another origin: {src}")
        if tag == "link" and urlsplit(attributes.get("href") or "").netloc:
            self.problems.append(f"asset from another origin: {attributes['href']}")
        if tag == "img" and urlsplit(attributes.get("src") or "").netloc:
            self.problems.append(f"image from another origin: {attributes['src']}")
        href = attributes.get("href")
        if tag == "a" and href:
            if href.lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL {href}")
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline <script> code: {data.strip()[:60]!r}")


def audit_html(html: str) -> PolicyAudit:
    parser = PolicyAudit()
    parser.feed(html)
    return parser


@pytest.fixture
def some_data(year, opd, operator, verifikator):
    other = OpdFactory(nama="Kecamatan Wanadadi", singkatan="Kec. Wanadadi")
    lines = [
        BudgetLineFactory(fiscal_year=year, opd=opd, pagu=Decimal("2000000")),
        BudgetLineFactory(fiscal_year=year, opd=other, pagu=Decimal("1000000")),
    ]
    for line in lines:
        for bulan in (1, 2, 3):
            TargetFactory(
                line=line, bulan=bulan, target_keuangan=100000 * bulan, target_fisik=10 * bulan
            )
        RealisasiFactory(line=line, bulan=1, realisasi_keuangan=90000, realisasi_fisik=8)
    report = MonthlyReportFactory(opd=opd, fiscal_year=year, bulan=1, status=StatusLaporan.TERKIRIM)
    record_changes(
        {"realisasi_keuangan": (Decimal("0"), Decimal("90000"))},
        user=operator,
        sumber=SumberPerubahan.FORM,
        line=lines[0],
        report=report,
        tahun=year.tahun,
        bulan=1,
    )
    return lines


def same_page(parts) -> str:
    """The query without sorting, paging and export: those render the same template."""
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k not in IGNORED_PARAMS]
    return urlencode(sorted(kept))


def crawl(client, start_urls):
    seen, queue, pages = set(), list(start_urls), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parsed = audit_html(response.content.decode())
        pages[url] = (response, parsed.problems)
        for href in parsed.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc in ("", "testserver") and parts.scheme in ("", "http"):
                queue.append(parts.path + (f"?{query}" if (query := same_page(parts)) else ""))
    return pages


def test_policy_is_the_one_the_issue_asks_for(client):
    header = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict((part.split()[0], " ".join(part.split()[1:])) for part in header.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_security_headers_on_every_response(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_transport_settings():
    # rakor/test_settings.py turns only the redirect off; cookies and HSTS stay production.
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True


def test_the_auditor_finds_what_the_policy_blocks():
    bad = audit_html(
        '<p style="color:red" onclick="x()">a</p><style>p{}</style><script>alert(1)</script>'
        '<script src="https://cdn.example.com/x.js"></script><a href="javascript:x()">b</a>'
    )
    assert len(bad.problems) == 6, bad.problems
    good = audit_html(
        '<script src="/static/js/a.js"></script><script type="application/json" id="d">{"a":1}'
        '</script><svg><rect fill="#fff" stroke="#000"/></svg>'
    )
    assert good.problems == []


def test_every_page_a_verifikator_reaches_satisfies_the_policy(client, verifikator, some_data):
    client.force_login(verifikator)
    pages = crawl(client, ["/", reverse("password_change"), reverse("realisasi:audit")])
    assert len(pages) >= 3
    problems = {url: found for url, (_response, found) in pages.items() if found}
    assert problems == {}
    for url, (response, _found) in pages.items():
        assert "Content-Security-Policy" in response, url


def test_every_page_an_operator_reaches_satisfies_the_policy(client, operator, some_data):
    client.force_login(operator)
    pages = crawl(client, ["/"])
    problems = {url: found for url, (_response, found) in pages.items() if found}
    assert problems == {}


def test_anonymous_pages_satisfy_the_policy(client):
    for url in (reverse("login"), "/tidak-ada/"):
        response = client.get(url)
        assert audit_html(response.content.decode()).problems == [], url
