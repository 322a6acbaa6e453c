"""The briefing's content (HTML, fast), its sentences, issuing frozen versions, and failures.

The known Kabupaten (November 2025; the `kabupaten` fixture of briefing_fixtures.py), by hand:
  A Kecamatan Wanadadi   pagu 1.000.000  target 900.000 (90 %) fisik 90  real 926.100 fisik 92,68
  B Dinas Pekerjaan Umum pagu 3.000.000  target 2.700.000 (90 %) fisik 90  real 2.400.000 fisik 85
  C Dinas Pendidikan     pagu 1.000.000  target 800.000 (80 %) fisik 80  real 700.000 fisik 75
  Pemda: pagu 5.000.000; target 4.400.000 → 88 %; realisasi 4.026.100 → 80,522 %;
  deviasi 80,522 − 88 = −7,478 → "minus 7,48"; fisik target (90+270+80)/5 = 88;
  realisasi fisik (92,68 + 255 + 75)/5 = 84,536 → 84,54; deviasi −3,464 → "minus 3,46".
  2024, same month, OPD A only: pagu 1.000.000, realisasi 700.000 → 70 %, fisik 72.
"""

import os
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from rakor.choices import StatusBriefing
from rakor.models import Briefing
from reports import briefing as brief
from reports import figures as fig
from reports import figures_detail
from reports import tasks as brief_tasks
from reports.briefing.kendala import kendala_themes
from reports.briefing.sentences import headline_sentences
from tests.reports.briefing_helpers import (
    BOTTOM,
    CAPAIAN,
    COMPLIANCE,
    FISIK,
    HEADLINE,
    TOP,
    YEAR_ON_YEAR,
)

pytestmark = pytest.mark.django_db


def test_headline_sentence_rounds_once_like_the_news():
    # Banjarnegara TW IV: 848.049 / 1.000.000 = 84,8049 %; target 896.651 → 89,6651 %;
    # deviasi 84,8049 − 89,6651 = −4,8602 → "minus 4,86" (84,80 − 89,67 would give −4,87)
    totals = fig.figures_from_sums(
        {
            "pagu": 1_000_000,
            "target_rp": 896_651,
            "real_rp": 848_049,
            "target_fisik_w": Decimal("90_000_000"),
            "real_fisik_w": Decimal("86_000_000"),
        }
    )
    summary = fig.PemdaSummary(tahun=2025, bulan=11, totals=totals, previous=None)
    sentences = headline_sentences(summary)
    assert sentences[0] == (
        "Hingga akhir November 2025, realisasi keuangan tercatat sebesar 84,80 persen dari "
        "target 89,67 persen, sehingga masih terdapat selisih minus 4,86 persen."
    )
    # fisik: 86.000.000 / 1.000.000 = 86 % against 90 % → minus 4,00
    assert "fisik tercatat sebesar 86,00 persen dari target 90,00 persen" in sentences[1]
    # capaian 84,8049 / 89,6651 x 100 = 94,5797 → 94,58, band Sangat Tinggi (>= 91)
    assert sentences[3] == (
        "Capaian realisasi keuangan sebesar 94,58 persen dari target anggaran kas, "
        "kategori Sangat Tinggi."
    )
    assert len(sentences) == 4  # no previous year


def test_headline_ahead_of_target():
    totals = fig.figures_from_sums(
        {"pagu": 100, "target_rp": 50, "real_rp": 55, "target_fisik_w": 5000, "real_fisik_w": 5000}
    )
    sentences = headline_sentences(fig.PemdaSummary(2025, 6, totals, None))
    # 55 % against 50 %: 5 points ahead; fisik 50 against 50: on target
    assert "sehingga melampaui target sebesar 5,00 persen." in sentences[0]
    assert sentences[1].endswith("sehingga sesuai dengan target.")


def test_briefing_data_of_the_known_kabupaten(kabupaten, settings):
    settings.RAKOR_RANKING_N = 1
    data = brief.build_briefing(2025, 11)
    assert data.headline[0] == HEADLINE
    assert data.headline[1] == FISIK
    # Σ pagu 5.000.000, Σ realisasi 4.026.100
    assert data.headline[2] == (
        "Total belanja yang dipantau sebesar Rp5.000.000 dengan realisasi Rp4.026.100."
    )
    # capaian 80,522 / 88 x 100 = 91,502 → 91,50, Sangat Tinggi
    assert data.headline[3] == CAPAIAN
    assert data.headline[4] == (
        "Pada periode yang sama tahun 2024, realisasi keuangan sebesar 70,00 persen dan fisik "
        "72,00 persen."
    )
    # 80,522 − 70 = 10,522 → naik 10,52; fisik 84,536 − 72 = 12,536 → naik 12,54
    assert data.headline[5] == YEAR_ON_YEAR
    assert data.top_sentences == [(1, TOP)]
    assert data.bottom_sentences == [(3, BOTTOM)]
    assert data.compliance.sentence == COMPLIANCE


def test_briefing_html_holds_every_part(client, pimpinan, kabupaten, rakor_tw4, settings):
    settings.RAKOR_RANKING_N = 1
    client.force_login(pimpinan)
    response = client.get(reverse("reports:briefing_preview", args=[rakor_tw4.pk]))
    assert response.status_code == 200
    for text in (HEADLINE, FISIK, TOP, BOTTOM, COMPLIANCE, "Rakor POK TW IV 2025"):
        assert text in response.content.decode()
    body = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="kurva-s"' in body
    # DAK Fisik block: B only, 2.400.000 / 3.000.000 = 80,00 %, deviasi 80 − 90 = −10,00
    assert "DAK Fisik" in body and "Rp2.400.000" in body and "-10,00" in body
    # not reported: Dinas Pendidikan (no report); late: Dinas Pekerjaan Umum
    assert "1 OPD belum menyampaikan laporan:" in body
    assert "Dinas Pendidikan (Belum input)" in body
    assert "Terlambat menyampaikan laporan: Dinas Pekerjaan Umum" in body
    assert "Lelang gagal karena peserta kurang" in body and "Lelang ulang Desember" in body
    # the previous Rakor's follow-up, past its due date at the meeting (16 December)
    assert "Tanda tangani kontrak jalan" in body and "Lewat batas waktu" in body
    # no inline style or script in a page served to a browser
    assert "style=" not in body and "<style" not in body
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", body)


def test_issue_freezes_the_briefing_and_reissue_makes_version_2(
    client, verifikator, kabupaten, rakor_tw4, settings, django_capture_on_commit_callbacks
):
    client.force_login(verifikator)
    issue = reverse("reports:briefing_issue", args=[rakor_tw4.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(issue).status_code == 302
    first = Briefing.objects.get()
    assert first.version == 1 and first.status == StatusBriefing.SELESAI
    pdf_bytes, frozen = bytes(first.pdf), first.figures
    assert Decimal(frozen["totals"]["realisasi_keuangan_rp"]) == Decimal("4026100")

    # the data changes after the meeting: C reports Rp900.000 more
    line = kabupaten["c"].budget_lines.get()
    line.realisasi_set.filter(bulan=11).update(realisasi_keuangan=1_600_000)

    download = client.get(reverse("reports:briefing_download", args=[first.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content == pdf_bytes
    first.refresh_from_db()
    assert first.figures == frozen
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(issue).status_code == 302
    second = Briefing.objects.get(version=2)
    # 926.100 + 2.400.000 + 1.600.000 = 4.926.100
    assert Decimal(second.figures["totals"]["realisasi_keuangan_rp"]) == Decimal("4926100")
    assert bytes(Briefing.objects.get(version=1).pdf) == pdf_bytes
    page = client.get(reverse("rakor:meeting_detail", args=[rakor_tw4.pk])).content.decode()
    assert "bahan-rakor-2025-11-v1.pdf" in page and "bahan-rakor-2025-11-v2.pdf" in page


def test_pending_briefing_shows_sedang_disiapkan_and_its_progress(
    client, verifikator, rakor_tw4, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(brief_tasks.render_briefing, "delay", queued.append)
    client.force_login(verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:briefing_issue", args=[rakor_tw4.pk]))
    pending = Briefing.objects.get()
    assert queued == [pending.pk]
    page = client.get(reverse("rakor:meeting_detail", args=[rakor_tw4.pk])).content.decode()
    # the page polls the version's status (static/js/progress.js) instead of reloading itself
    status_url = reverse("reports:briefing_status", args=[pending.pk])
    assert "Sedang disiapkan" in page and f'data-status-url="{status_url}"' in page
    assert 'http-equiv="refresh"' not in page and "js/progress.js" in page
    status = client.get(status_url).json()
    assert status["pending"] is True and "Sedang disiapkan" in status["row"]
    # its download link answers a page that polls the version's block, without reloading
    download = client.get(reverse("reports:briefing_download", args=[pending.pk]))
    html = download.content.decode()
    assert download.status_code == 202 and "Sedang disiapkan" in html
    assert f'data-status-url="{status_url}?tampilan=halaman"' in html
    assert 'http-equiv="refresh"' not in html and "js/progress.js" in html
    # the worker renders it: the next poll answers the finished row with its file
    brief.render_job(pending.pk)
    status = client.get(status_url).json()
    assert status["pending"] is False and "bahan-rakor-2025-11-v1.pdf" in status["row"]
    block = client.get(status_url, {"tampilan": "halaman"}).json()
    assert "Unduh bahan-rakor-2025-11-v1.pdf" in block["row"] and "<tr" not in block["row"]


def test_render_timeout_gives_a_clear_page_not_a_500(
    client, verifikator, kabupaten, rakor_tw4, settings, django_capture_on_commit_callbacks
):
    settings.RAKOR_BRIEF_TIMEOUT = 0.01
    client.force_login(verifikator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:briefing_issue", args=[rakor_tw4.pk]))
    failed = Briefing.objects.get()
    assert failed.status == StatusBriefing.GAGAL
    assert "melebihi batas waktu" in failed.pesan_galat
    download = client.get(reverse("reports:briefing_download", args=[failed.pk]))
    assert download.status_code == 503
    assert "gagal disusun: Penyusunan PDF melebihi batas waktu" in download.content.decode()
    # the ad hoc briefing's job fails with the reason, shown on its page
    adhoc = client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11}, follow=True)
    assert adhoc.redirect_chain[0][0].startswith("/tugas/")
    assert "Penyusunan PDF melebihi batas waktu 0,01 detik." in adhoc.content.decode()
    assert client.get(reverse("rakor:meeting_detail", args=[rakor_tw4.pk])).status_code == 200


def test_render_crash_gives_a_clear_page(client, pimpinan, kabupaten, monkeypatch):
    # the forked child process dies without a PDF (a hard exit, as a crash in the C library)
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: os._exit(3))
    client.force_login(pimpinan)
    response = client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11}, follow=True)
    assert response.status_code == 200 and "Gagal" in response.content.decode()
    assert "Penyusunan PDF gagal. Silakan coba lagi atau hubungi admin." in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "params,message",
    [
        ({"tahun": "2031", "bulan": "11"}, "Tahun 2031 tidak dikenal."),
        ({"tahun": "2025", "bulan": "13"}, "Bulan harus angka 1 sampai 12"),
        ({"tahun": "abc", "bulan": "1"}, "Tahun abc tidak dikenal."),
    ],
)
def test_adhoc_briefing_names_the_bad_parameter(client, pimpinan, year, params, message):
    client.force_login(pimpinan)
    response = client.get(reverse("reports:briefing"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_opd_users_get_no_briefing(client, operator, rakor_tw4):
    client.force_login(operator)
    assert client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11}).status_code == 403
    assert client.post(reverse("reports:briefing_issue", args=[rakor_tw4.pk])).status_code == 403


def test_pimpinan_cannot_issue(client, pimpinan, rakor_tw4):
    client.force_login(pimpinan)
    assert client.post(reverse("reports:briefing_issue", args=[rakor_tw4.pk])).status_code == 403
    assert not Briefing.objects.exists()


def test_kendala_grouped_by_obstacle_most_reported_first():
    item = figures_detail.KendalaItem
    groups = [
        figures_detail.KendalaGroup(
            1,
            "1",
            "Dinas A",
            [
                item("1.01", "Sub 1", "DAU", "Lelang gagal", "Lelang ulang"),
                item("1.02", "Sub 2", "DAU", "SPJ terlambat", "Pendampingan SPJ"),
            ],
        ),
        figures_detail.KendalaGroup(
            2,
            "2",
            "Dinas B",
            [
                item("1.01", "Sub 1", "DAU", "Lelang  gagal", "Lelang ulang"),
                item("1.03", "Sub 3", "DAU", "Lelang gagal", "Percepat evaluasi"),
            ],
        ),
    ]
    themes = kendala_themes(groups)
    # "Lelang gagal" 3 lines (A once, B twice, spaces normalised), "SPJ terlambat" 1
    assert [(t.kendala, t.jumlah, t.opd) for t in themes] == [
        ("Lelang gagal", 3, ["Dinas A", "Dinas B"]),
        ("SPJ terlambat", 1, ["Dinas A"]),
    ]
    assert themes[0].solusi == ["Lelang ulang", "Percepat evaluasi"]
