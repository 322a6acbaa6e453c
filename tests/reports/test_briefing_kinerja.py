"""The briefing's capaian kinerja section (issue 19)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realisasi.choices import Polaritas, SifatIndikator, TingkatIndikator
from realisasi.models import IndikatorRealisasi
from reports import fragments, kinerja
from reports.briefing import build_briefing, render_briefing_html
from reports.briefing.kinerja import OPD_MAX, PRIORITAS_MAX, WORST_MAX, kinerja_section
from tests.factories import (
    BudgetLineFactory,
    IndikatorFactory,
    IndikatorRealisasiFactory,
    LaporanKinerjaFactory,
    OpdFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_october")]


def test_section_of_the_latest_closed_quarter(pemda):
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


def test_no_section_before_the_first_quarter(pemda):
    assert build_briefing(2025, 2).kinerja is None


def test_no_section_without_indicators(year):
    data = build_briefing(2025, 9)
    assert data.kinerja is None
    assert "capaian-kinerja" not in render_briefing_html(data)


def test_section_is_computed_once_per_data_stamp(pemda):
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


def test_section_follows_a_changed_realization(pemda):
    before = kinerja_section(2025, 11)
    assert before.data.keluaran.tinggi == 3
    # The sedang indicator of Dinas B (50 in TW I–II, 0 in TW III) gets 25 in TW III:
    # (50 + 25) / 75 × 100 = 100 → sangat tinggi, so 4 of 4.
    row = IndikatorRealisasi.objects.get(indikator__opd=pemda[1], triwulan=3, realisasi=0)
    row.realisasi = Decimal("25")
    row.save()
    after = kinerja_section(2025, 11)
    assert after.data.keluaran.tinggi == 4


@pytest.fixture
def many(pemda):
    """Beside `pemda`: four more OPDs with 40 indicators of every band, ties in capaian, no
    target or no realization, negative and tingkat ones, 9 more priority outcomes (more than the
    section prints) and one OPD's quarterly report submitted."""
    opds = [OpdFactory(kode=f"2.0{n}", nama=f"Badan {n}") for n in range(1, 5)]
    year = pemda[0].indikator_set.first().fiscal_year
    for n in range(40):
        opd = opds[n % 4]
        line = BudgetLineFactory(fiscal_year=year, opd=opd)
        program = n % 4 == 0
        extra = (
            {
                "tingkat": TingkatIndikator.PROGRAM,
                "kegiatan": None,
                "sub_kegiatan": None,
                "program": line.sub_kegiatan.kegiatan.program,
                "prioritas": n != 20,
            }
            if program
            else {}
        )
        if n % 7 == 3:
            extra |= {"polaritas": Polaritas.NEGATIF, "sifat": SifatIndikator.TINGKAT}
        if n % 11 == 5:
            extra |= {"target_tw1": None, "target_tw2": None, "target_tw3": None}
        ind = IndikatorFactory(line=line, uraian=f"Indikator {n}", **extra)
        if n % 9 != 4:  # a few never reported
            for tw, value in ((1, 25), (2, (n * 7) % 30), (3, (n * 13) % 40)):
                IndikatorRealisasiFactory(
                    indikator=ind, triwulan=tw, realisasi=Decimal(value), faktor_penghambat=f"F{n}"
                )
    LaporanKinerjaFactory(opd=opds[2], fiscal_year=year, triwulan=3)
    return opds


def _figures(item):
    ind = item.indikator
    return (
        ind.pk,
        ind.uraian,
        ind.opd.nama,
        item.target_sd,
        item.realisasi_sd,
        item.capaian,
        item.kategori,
        item.row.faktor_penghambat if item.row else None,
    )


def _count(count):
    return (count.jumlah, dict(count.per_band), count.tanpa, count.tinggi, count.tinggi_persen)


def test_section_equals_the_pemda_page(many):
    """Counted from plain values with only the printed indicators read whole, the section
    prints the Pemda kinerja page's numbers: its band counts, its first priority outcomes and
    lowest capaian (same order), and its OPDs furthest behind."""
    page = kinerja.pemda_kinerja(2025, 3)
    section = kinerja_section(2025, 11)
    assert _count(section.data.keluaran) == _count(page.keluaran)
    assert _count(section.data.hasil) == _count(page.hasil)
    assert section.data.keluaran.jumlah + section.data.hasil.jumlah == 45
    assert len(page.prioritas) > PRIORITAS_MAX
    assert [_figures(f) for f in section.prioritas] == [
        _figures(f) for f in page.prioritas[:PRIORITAS_MAX]
    ]
    assert len(section.worst) == WORST_MAX
    assert [_figures(f) for f in section.worst] == [_figures(f) for f in page.worst[:WORST_MAX]]
    page_behind = [row for row in page.opds if row.count.tinggi_persen is not None][:OPD_MAX]
    assert [(row.opd.pk, row.status, _count(row.count)) for row in section.opds_behind] == [
        (row.opd.pk, row.status, _count(row.count)) for row in page_behind
    ]
    assert section.sentences == page.sentences


def test_section_reads_only_the_printed_indicators_whole(many, monkeypatch):
    built = []
    original = kinerja.figures_for

    def figures_for(qs, triwulan):
        result = original(qs, triwulan)
        built.append(len(result))
        return result

    monkeypatch.setattr(kinerja, "figures_for", figures_for)
    kinerja_section(2025, 11)
    assert built and sum(built) <= PRIORITAS_MAX + WORST_MAX
