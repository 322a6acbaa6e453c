"""The briefing's capaian kinerja section (issue 19)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realisasi.models import IndikatorRealisasi
from reports import fragments, kinerja
from reports.briefing import build_briefing, render_briefing_html
from reports.briefing.kinerja import kinerja_section
from tests.reports.test_kinerja_pemda import in_october, pemda  # noqa: F401, F811

pytestmark = pytest.mark.django_db


def test_section_of_the_latest_closed_quarter(pemda):  # noqa: F811
    # A November briefing reads TW III (closed by September).
    data = build_briefing(2025, 11)
    assert data.kinerja.triwulan == 3
    html = render_briefing_html(data)
    assert "Capaian kinerja triwulan III 2025" in html
    assert (
        "Dari 4 indikator keluaran, 3 (75,00 persen) berkategori tinggi atau sangat tinggi." in html
    )
    assert "Prevalensi stunting" in html and "93,66" in html
    assert data.as_json()["kinerja"]["keluaran"] == {"jumlah": 4, "tinggi": 3}


def test_no_section_before_the_first_quarter(pemda):  # noqa: F811
    assert build_briefing(2025, 2).kinerja is None


def test_no_section_without_indicators(year):
    data = build_briefing(2025, 9)
    assert data.kinerja is None
    assert "capaian-kinerja" not in render_briefing_html(data)


def test_section_is_computed_once_per_data_stamp(pemda):  # noqa: F811
    first = kinerja_section(2025, 11)
    # Built again (another briefing, or `rakor_brief` in a fresh process sharing the cache):
    # only the two data stamps are read, not the 5 indicators and their realization.
    with CaptureQueriesContext(connection) as again:
        second = kinerja_section(2025, 11)
    with CaptureQueriesContext(connection) as stamps:
        fragments.data_stamp(2025, 11)
        kinerja.data_stamp(2025)
    assert len(again) == len(stamps)
    assert second.sentences == first.sentences
    assert second.prioritas[0].indikator.uraian == "Prevalensi stunting"
    assert second.prioritas[0].indikator.opd.nama == "Dinas B"
    html = render_briefing_html(build_briefing(2025, 11))
    assert "Dari 4 indikator keluaran, 3 (75,00 persen)" in html


def test_section_follows_a_changed_realization(pemda):  # noqa: F811
    before = kinerja_section(2025, 11)
    assert before.data.keluaran.tinggi == 3
    # The sedang indicator of Dinas B (50 in TW I–II, 0 in TW III) gets 25 in TW III:
    # (50 + 25) / 75 × 100 = 100 → sangat tinggi, so 4 of 4.
    row = IndikatorRealisasi.objects.get(indikator__opd=pemda[1], triwulan=3, realisasi=0)
    row.realisasi = Decimal("25")
    row.save()
    after = kinerja_section(2025, 11)
    assert after.data.keluaran.tinggi == 4
