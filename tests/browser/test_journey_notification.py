"""Journey: a verifikator returns a report; its operator sees the notification in the top
bar, opens it and lands on the report with the note (issue 18). Tasks run in process here
(no REDIS_URL); tests/queue runs them on a worker.

Time is frozen (ticking) on 5 November 2025: the month people report is October 2025.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from realisasi import workflow
from realisasi.workflow import LineEntry

from .helpers import login

pytestmark = pytest.mark.browser

NOTE = "Realisasi fisik Gizi Masyarakat belum sesuai laporan lapangan; periksa lagi."


@pytest.fixture
def submitted(dinkes_lines, b_operator, b_opd, b_verifikator):
    year = dinkes_lines[0].fiscal_year
    figures = [("320000000", "72"), ("190000000", "66"), ("100000000", "40")]
    entries = [
        LineEntry(line.pk, Decimal(keu), Decimal(fisik), kendala="Keterlambatan penyedia")
        for line, (keu, fisik) in zip(dinkes_lines, figures, strict=True)
    ]
    saved = workflow.save_report(b_operator, b_opd, year, 10, entries, 0)
    return workflow.submit_report(b_operator, b_opd, year, 10, saved.report.version)


def test_operator_opens_the_returned_report_notification(
    new_page, submitted, b_operator, b_verifikator
):
    verifikator = new_page()
    login(verifikator, "verifikator")
    # the submission told the verifikator
    expect(verifikator.locator(".unread-count")).to_contain_text("1")
    verifikator.goto(f"/laporan/bulanan/{submitted.opd.kode}/2025/10/")
    verifikator.get_by_label("Catatan untuk OPD (wajib bila dikembalikan)").fill(NOTE)
    verifikator.get_by_role("button", name="Kembalikan ke OPD").click()
    expect(verifikator.locator(".messages")).to_contain_text("Laporan dikembalikan ke OPD.")

    operator = new_page()
    login(operator, "operator")
    badge = operator.locator(".unread-count")
    expect(badge).to_contain_text("1")
    operator.get_by_role("link", name="Notifikasi").click()
    item = operator.locator(".notifications li").first
    expect(item).to_contain_text("Laporan Oktober 2025 dikembalikan")
    expect(item).to_contain_text(NOTE)
    item.get_by_role("button", name="Laporan Oktober 2025 dikembalikan").click()
    operator.wait_for_url(f"**/laporan/bulanan/{submitted.opd.kode}/2025/10/")
    expect(operator.get_by_role("heading", level=1)).to_contain_text(
        "Laporan bulanan Dinas Kesehatan · Oktober 2025"
    )
    expect(operator.locator(".report-status")).to_contain_text("Dikembalikan")
    expect(operator.locator("body")).to_contain_text(NOTE)
    expect(operator.locator(".unread-count")).to_have_count(0)  # read now
