"""Nothing typed on the monthly report is lost: the draft in the browser and the keep-alive.

Time is frozen (ticking) on 5 November 2025: the month people report is October 2025.
Dinkes has three lines (conftest.dinkes_lines); nothing of October is saved at the start.
Sessions are ended on the server by deleting their rows, as an expiry would.
"""

from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from opd.choices import Role
from realisasi.models import Realisasi
from tests.factories import PASSWORD, UserFactory

from .helpers import login

pytestmark = pytest.mark.browser

NOTICE = "Ada isian yang belum tersimpan dari"
KENDALA = "Keterlambatan pengiriman obat dari penyedia"


def field(page, line, prefix):
    return page.locator(f"[name='{prefix}-{line.pk}']")


def open_october(page):
    page.get_by_role("link", name="Laporan bulanan").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Oktober 2025")


def type_october(page, lines):
    ibu_hamil, gizi, obat = lines
    field(page, ibu_hamil, "keu").fill("320.000.000")
    field(page, ibu_hamil, "fisik").fill("72")
    field(page, gizi, "keu").fill("190000000")
    field(page, gizi, "fisik").fill("66,5")
    field(page, obat, "keu").fill("100.000.000")
    field(page, obat, "fisik").fill("40")
    field(page, obat, "kendala").fill(KENDALA)


def expect_typed(page, lines):
    ibu_hamil, gizi, obat = lines
    expect(field(page, ibu_hamil, "keu")).to_have_value("320.000.000")
    expect(field(page, ibu_hamil, "fisik")).to_have_value("72")
    expect(field(page, gizi, "keu")).to_have_value("190000000")
    expect(field(page, gizi, "fisik")).to_have_value("66,5")
    expect(field(page, obat, "fisik")).to_have_value("40")
    expect(field(page, obat, "kendala")).to_have_value(KENDALA)


def sign_in_here(page, username):
    """Log in on the login page the browser is on, keeping its ?next=."""
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)


def log_out(page):
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(lambda url: "/masuk/" in url)


DRAFT_KEYS_JS = "() => Object.keys(localStorage).filter((k) => k.startsWith('rakor.draft:'))"


def draft_keys(page) -> list[str]:
    return page.evaluate(DRAFT_KEYS_JS)


def wait_until_no_draft(page):
    """The page's script has run and kept no draft (it runs once the page is parsed)."""
    page.wait_for_function(f"() => ({DRAFT_KEYS_JS})().length === 0")


def test_typed_figures_survive_an_expired_session(new_page, dinkes_lines, b_operator):
    ibu_hamil, gizi, obat = dinkes_lines
    page = new_page()
    login(page, "operator")
    open_october(page)
    expect(page.locator("#draft-notice")).to_be_hidden()
    type_october(page, dinkes_lines)

    # The session ends on the server while the operator types; the save goes to the login.
    Session.objects.all().delete()
    page.get_by_role("button", name="Simpan dan kirim").click()
    page.wait_for_url(lambda url: "/masuk/?next=" in url)
    assert not Realisasi.objects.filter(bulan=10).exists()

    # Back through ?next= (the submit URL answers a GET with the report page): the draft is
    # offered, and the page itself shows only what is saved (nothing).
    sign_in_here(page, "operator")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Oktober 2025")
    notice = page.locator("#draft-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(NOTICE)
    expect(notice.locator("time")).to_contain_text("2")  # a date, e.g. "5 November 2025 10.03"
    expect(field(page, ibu_hamil, "keu")).to_have_value("")

    page.get_by_role("button", name="Pulihkan").click()
    expect(notice).to_be_hidden()
    expect_typed(page, dinkes_lines)
    # The live preview follows the restored figures: Ibu Hamil (320 − 300) / 450 juta × 100
    # = 4,444… → 4,44.
    expect(page.locator(f"#baris-{ibu_hamil.pk} .dev-keu")).to_have_text("4,44")

    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    saved = Realisasi.objects.get(line=gizi, bulan=10)
    assert saved.realisasi_keuangan == Decimal("190000000")
    assert saved.realisasi_fisik == Decimal("66.5")
    assert Realisasi.objects.get(line=obat, bulan=10).kendala == KENDALA
    # A successful save drops the draft: nothing is offered any more.
    wait_until_no_draft(page)
    expect(page.locator("#draft-notice")).to_be_hidden()
    page.reload()
    expect(page.locator("#draft-notice")).to_be_hidden()


def test_another_user_of_the_same_browser_never_sees_the_draft(
    new_page, dinkes_lines, b_opd, b_operator
):
    UserFactory(username="operator2", first_name="Citra", role=Role.OPERATOR, opd=b_opd)
    ibu_hamil = dinkes_lines[0]
    page = new_page()
    login(page, "operator")
    open_october(page)
    type_october(page, dinkes_lines)
    log_out(page)  # leaving the page writes the draft; nothing was saved
    assert not Realisasi.objects.filter(bulan=10).exists()

    login(page, "operator2")
    open_october(page)
    expect(page.locator("#draft-notice")).to_be_hidden()
    expect(field(page, ibu_hamil, "keu")).to_have_value("")
    log_out(page)

    # The operator's own draft is still there for them, and "Buang" drops it.
    login(page, "operator")
    open_october(page)
    expect(page.locator("#draft-notice")).to_be_visible()
    page.get_by_role("button", name="Buang").click()
    expect(page.locator("#draft-notice")).to_be_hidden()
    expect(field(page, ibu_hamil, "keu")).to_have_value("")
    assert draft_keys(page) == []
    page.reload()
    expect(page.locator("#draft-notice")).to_be_hidden()


def test_typing_keeps_the_session_alive_and_warns_when_it_is_gone(
    new_page, dinkes_lines, b_operator, settings
):
    settings.RAKOR_KEEPALIVE_SECONDS = 2
    settings.RAKOR_SESSION_RENEW_SECONDS = 1  # production renews at most once a minute
    ibu_hamil = dinkes_lines[0]
    page = new_page()
    pings = []
    page.on("request", lambda request: pings.append(request) if "/ping/" in request.url else None)
    login(page, "operator")
    open_october(page)
    session = Session.objects.get()

    # Within two seconds of the page's own request: no ping yet, however much is typed.
    keu = field(page, ibu_hamil, "keu")
    keu.press_sequentially("32")
    assert pings == []

    # Two seconds on, the next keystrokes send one ping (not one per key), and it renews the
    # session on the server.
    page.wait_for_timeout(2100)
    with page.expect_response(lambda r: "/ping/" in r.url) as answer:
        keu.press_sequentially("0000")
    assert answer.value.status == 204
    assert len(pings) == 1
    assert Session.objects.get(pk=session.pk).expire_date > session.expire_date

    # Without typing, nothing is asked: an idle session is left to expire.
    page.wait_for_timeout(2100)
    assert len(pings) == 1

    # The session ends: the next ping finds out and the page says so; what was typed stays.
    Session.objects.all().delete()
    expired = page.locator("#session-expired")
    expect(expired).to_be_hidden()
    with page.expect_response(lambda r: "/ping/" in r.url):
        keu.press_sequentially("000")
    expect(expired).to_be_visible()
    expect(expired).to_contain_text("Sesi Anda telah berakhir")
    expect(keu).to_have_value("320000000")
    assert len(draft_keys(page)) == 1
