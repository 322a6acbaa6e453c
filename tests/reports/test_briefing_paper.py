"""The briefing as the paper the Sekda reads aloud (issue 16): its sentences read back from the
PDF, the closing block, the rekap's headers, codes and notes, the kendala section and the
order of the follow-ups, and a render with production settings before collectstatic.

The known Kabupaten of test_briefing.py (November 2025); figures by hand there.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from pypdf import PdfReader

from rakor.choices import StatusTindakLanjut
from realisasi.choices import StatusLaporan
from realisasi.models import KategoriKendala, MonthlyReport, Realisasi
from reports.briefing import build_briefing, render_briefing_html, render_briefing_pdf, sentences
from reports.briefing.kendala import kendala_overview
from tests.factories import (
    ArahanFactory,
    MonthlyReportFactory,
    OpdFactory,
    TindakLanjutFactory,
)
from tests.reports.briefing_helpers import (
    CAPAIAN,
    COMPLIANCE,
    FISIK,
    HEADLINE,
    YEAR_ON_YEAR,
    line_in_november,
)

pytestmark = pytest.mark.django_db

LONG_NAME = (
    "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak"
)


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


@pytest.fixture
def signatures(settings):
    settings.RAKOR_SEKDA_NAMA = "Drs. Budi Santoso, M.Si."
    settings.RAKOR_SEKDA_NIP = "19700101 199001 1 001"
    settings.RAKOR_PENYUSUN_JABATAN = "Kepala Bappeda"
    settings.RAKOR_PENYUSUN_NAMA = "Ir. Sri Lestari"
    settings.RAKOR_PENYUSUN_NIP = "19750202 200003 2 002"


@pytest.fixture
def returned(kabupaten, year):
    """Dinas Pendidikan's report is returned with a note; Dinas Pekerjaan Umum's verified one
    still carries the note of an earlier return; an OPD with a long name."""
    MonthlyReportFactory(
        opd=kabupaten["c"],
        fiscal_year=year,
        bulan=11,
        status=StatusLaporan.DIKEMBALIKAN,
        catatan_verifikator="Mohon lengkapi bukti SP2D",
    )
    MonthlyReport.objects.filter(opd=kabupaten["b"]).update(
        catatan_verifikator="Catatan pengembalian lama"
    )
    long = OpdFactory(kode="2.14.0.00.0.00.01.0000", nama=LONG_NAME)
    line_in_november(year, long, 2_000_000, 1_000_000, 50, 1_000_000, 50)
    return kabupaten


def test_pdf_reads_the_sentences_and_the_closing_block(kabupaten, rakor_tw4, signatures):
    text, pages = _text(render_briefing_pdf(2025, 11, rakor=rakor_tw4))
    for sentence in (HEADLINE, FISIK, CAPAIAN, YEAR_ON_YEAR, COMPLIANCE):
        assert sentence in text
    # kop and the Rakor on the cover, page X of Y on the others
    assert "SEKRETARIAT DAERAH" in text and "Rakor POK TW IV 2025" in text
    assert "Selasa, 16 Desember 2025" in text and "hingga akhir November 2025" in text
    assert f"Halaman {pages} dari {pages}" in text
    # the closing block: who knows it and who prepared it, with room to sign between
    assert re.search(
        r"Mengetahui, Disusun oleh, Sekretaris Daerah Kepala Bappeda "
        r"Drs\. Budi Santoso, M\.Si\. Ir\. Sri Lestari "
        r"NIP 19700101 199001 1 001 NIP 19750202 200003 2 002",
        text,
    ) or (
        "Mengetahui," in text
        and "Drs. Budi Santoso, M.Si." in text
        and "NIP 19700101 199001 1 001" in text
        and "NIP 19750202 200003 2 002" in text
    )


def test_capaian_sentence_of_lampung_barat():
    # realisasi 708.240 / 1.000.000 = 70,824 %; target 800.000 → 80 %;
    # capaian 70,824 / 80 × 100 = 88,53 → band Tinggi (76 <= x < 91)
    from reports import figures as fig

    totals = fig.figures_from_sums({"pagu": 1_000_000, "target_rp": 800_000, "real_rp": 708_240})
    assert sentences.capaian_sentence(totals) == (
        "Capaian realisasi keuangan sebesar 88,53 persen dari target anggaran kas, kategori Tinggi."
    )


def test_year_on_year_in_words_falls_as_well_as_rises():
    from reports import figures as fig

    # this year 60 % and 50 %; last year 63 % and 50 % → keuangan turun 3,00, fisik sama
    now = fig.figures_from_sums(
        {"pagu": 100, "target_rp": 70, "real_rp": 60, "target_fisik_w": 6000, "real_fisik_w": 5000}
    )
    before = fig.figures_from_sums(
        {"pagu": 100, "target_rp": 70, "real_rp": 63, "target_fisik_w": 6000, "real_fisik_w": 5000}
    )
    assert sentences.year_on_year_sentence(now, before, 2024) == (
        "Dibandingkan tahun 2024, realisasi keuangan turun 3,00 poin persen dan fisik sama."
    )


def test_rekap_is_headed_no_and_shows_a_note_only_while_returned(returned, rakor_tw4):
    html = render_briefing_html(build_briefing(2025, 11, rakor=rakor_tw4))
    rekap = html[html.index('id="rekap"') : html.index('id="kendala"')]
    assert '<th rowspan="2">No</th>' in rekap and "Tidak" not in rekap
    assert "Mohon lengkapi bukti SP2D" in rekap
    assert "Catatan pengembalian lama" not in rekap
    text, _pages = _text(render_briefing_pdf(2025, 11, rakor=rakor_tw4))
    assert re.search(r"\bNo Kode OPD\b", text)


def _split_words(html: str) -> list[tuple[str, str]]:
    """(cell text, fragment) for every word of a table cell that WeasyPrint laid out split
    over two lines (a line's word that is not a word of its cell), and every cell laid out
    beyond the right edge of the page. Free text carries break
    chances (zero-width spaces) on purpose; those parts count as words."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TableCellBox, TextBox

    from reports.pdf import BASE_URL, _fetcher

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render()
    split = []
    for page in document.pages:
        page_right = page._page_box.content_box_x() + page._page_box.width + 0.5
        for box in page._page_box.descendants():
            if not isinstance(box, TableCellBox) or box.element is None:
                continue
            if box.position_x + box.margin_width() > page_right:  # a column off the paper
                split.append(("".join(box.element.itertext()), "beyond the page"))
            whole = " ".join(box.element.itertext())
            words = set(whole.replace("\u200b", " ").split())
            for text in box.descendants():
                if not isinstance(text, TextBox):
                    continue
                for word in text.text.replace("\u200b", " ").split():
                    if word not in words:
                        split.append((" ".join(whole.split()), word))
    return split


def test_no_code_header_or_word_is_split_across_lines(returned, rakor_tw4):
    html = render_briefing_html(build_briefing(2025, 11, rakor=rakor_tw4, lampiran=True))
    assert "2.14.0.00.0.00.01.0000" in html and "Dikembalikan" in html
    assert _split_words(html) == []


def categorise():
    """The OPDs' categories of the two kendala (the list seeded by the migrations)."""
    for kendala, nama in (("Lelang gagal", "Pengadaan/lelang"), ("Lahan belum", "Lahan")):
        Realisasi.objects.filter(kendala__startswith=kendala).update(
            kategori_kendala=KategoriKendala.objects.get(nama=nama)
        )


def test_a_kendala_without_category_counts_in_its_own_group(kabupaten):
    overview = kendala_overview(2025, 11)
    assert [(t.label, t.jumlah) for t in overview.groups] == [("Tanpa kategori", 1)]


def test_kendala_section_counts_rupiah_at_stake_and_worst_lines(
    kabupaten,
    year,
    django_assert_num_queries,
):
    # a second kendala in Kecamatan Wanadadi: pagu 500.000, target 400.000 (80 %),
    # realisasi 100.000 (20 %) → deviasi 20 − 80 = −60
    line_in_november(
        year, kabupaten["a"], 500_000, 400_000, 80, 100_000, 20, kendala="Lahan belum siap"
    )
    categorise()
    with django_assert_num_queries(1):
        overview = kendala_overview(2025, 11)
    # Pengadaan/lelang: Dinas Pendidikan's line, pagu 1.000.000, realisasi 700.000 → sisa
    # 300.000, deviasi 70 − 80 = −10
    first, second = overview.groups
    assert (first.label, first.jumlah, first.figures.pagu) == ("Pengadaan/lelang", 1, 1_000_000)
    assert first.figures.sisa == 300_000 and first.figures.deviasi_keuangan == Decimal("-10")
    assert first.themes == [("Lelang gagal karena peserta kurang", 1)]
    assert (second.label, second.figures.pagu, second.figures.sisa) == ("Lahan", 500_000, 400_000)
    # Σ 1.500.000 at stake; realisasi 700.000 + 100.000 = 800.000 → sisa 700.000;
    # 800.000 / 1.500.000 = 53,33 % against 1.200.000 / 1.500.000 = 80 % → deviasi −26,67
    assert overview.total.jumlah == 2 and overview.total.figures.pagu == 1_500_000
    assert overview.total.figures.sisa == 700_000
    assert round(overview.total.figures.deviasi_keuangan, 2) == Decimal("-26.67")
    assert [line.kendala for line in overview.worst] == [
        "Lahan belum siap",
        "Lelang gagal karena peserta kurang",
    ]
    assert overview.worst[0].figures.deviasi_keuangan == Decimal("-60")
    assert [t.label for t in overview.opd_most][:2] == ["Dinas Pendidikan", "Kecamatan Wanadadi"]


def test_kendala_section_prints_each_text_once_and_refers_to_it(kabupaten):
    html = render_briefing_html(build_briefing(2025, 11))
    kendala = html[html.index('id="kendala"') : html.index('id="tindak-lanjut"')]
    assert kendala.count("Lelang gagal karena peserta kurang") == 1
    assert '<span class="ref">K1</span>' in kendala
    assert "1 sub kegiatan melaporkan kendala bulan ini, dengan pagu Rp1.000.000" in kendala


def test_kendala_groups_beyond_the_limit_are_summed_in_one_row(kabupaten, year, settings):
    settings.RAKOR_BRIEF_KENDALA_GROUPS = 1
    line_in_november(
        year, kabupaten["a"], 500_000, 400_000, 80, 100_000, 20, kendala="Lahan belum siap"
    )
    categorise()
    overview = kendala_overview(2025, 11)
    assert [t.label for t in overview.groups] == ["Pengadaan/lelang"]
    assert overview.more_groups_count == 1
    assert overview.more_groups.figures.pagu == 500_000


def test_overdue_follow_ups_come_first(kabupaten, rakor_tw4):
    tw3 = rakor_tw4.previous()
    # due after the meeting (16 December), and of an OPD whose code sorts first
    TindakLanjutFactory(
        arahan=ArahanFactory(rakor=tw3, nomor=2, isi="Tertibkan SPJ"),
        opd=kabupaten["c"],
        uraian="Lengkapi SPJ triwulan",
        batas_waktu=datetime.date(2025, 12, 31),
        status=StatusTindakLanjut.BELUM,
    )
    data = build_briefing(2025, 11, rakor=rakor_tw4)
    rows = data.followup_rows
    assert [(r.tindak_lanjut.uraian, r.overdue) for r in rows] == [
        ("Tanda tangani kontrak jalan", True),
        ("Lengkapi SPJ triwulan", False),
    ]
    html = render_briefing_html(data)
    assert html.index("Tanda tangani kontrak jalan") < html.index("Lengkapi SPJ triwulan")
    assert html.count("Lewat batas waktu") == 1


def test_appendix_has_one_page_per_opd(kabupaten, rakor_tw4):
    plain, plain_pages = _text(render_briefing_pdf(2025, 11, rakor=rakor_tw4))
    text, pages = _text(render_briefing_pdf(2025, 11, rakor=rakor_tw4, lampiran=True))
    assert "LAMPIRAN: RINGKASAN PER OPD" in text.upper()
    assert "Kurva S Kecamatan Wanadadi" not in plain
    # three OPDs, a page each
    assert pages == plain_pages + 3


def test_renders_with_production_static_settings_before_collectstatic(
    kabupaten,
    rakor_tw4,
    settings,
    tmp_path,
):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # what the template's {% static %} would have done: no manifest, no URL
    with pytest.raises(ValueError, match="Missing staticfiles manifest"):
        staticfiles_storage.url("css/briefing.css")
    output = tmp_path / "bahan.pdf"
    call_command("rakor_brief", rakor=rakor_tw4.pk, output=str(output))
    text, pages = _text(output.read_bytes())
    assert HEADLINE in text
    # the stylesheet and its fonts were read: the page counter of @page is printed
    assert f"Halaman 2 dari {pages}" in text
