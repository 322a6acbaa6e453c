import re

import pytest
import time_machine
from django.urls import reverse

from opd.choices import Role
from tests.factories import (
    BudgetLineFactory,
    OpdFactory,
    RealisasiFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = {"tahun": 2025, "bulan": 3}


def add_opds(year, count):
    for _ in range(count):
        line = BudgetLineFactory(fiscal_year=year, opd=OpdFactory(), pagu=1_000_000)
        TargetFactory(line=line, bulan=3, target_keuangan=500_000, target_fisik=50)
        RealisasiFactory(line=line, bulan=3, realisasi_keuangan=250_000, realisasi_fisik=40)


def assert_csp_clean(content: str):
    # scripts only from files of our own origin (the CSP refuses inline ones)
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", content)
    assert "style=" not in content
    assert "<style" not in content
    assert not re.search(r"\son[a-z]+=", content)


def test_login_required(client):
    response = client.get(reverse("reports:summary"))
    assert response.status_code == 302


def test_summary_shows_the_figures(client, verifikator, data):
    client.force_login(verifikator)
    response = client.get(reverse("reports:summary"), PERIOD)
    content = response.content.decode()
    assert response.status_code == 200
    # pagu 2.000.000; realisasi 200.000 → 10,00 %; target 32,50 %; deviasi −22,50 (merah)
    assert "Rp2.000.000" in content
    assert "10,00 %" in content
    assert "32,50 %" in content
    assert '<span class="badge lampu-merah">Merah</span>' in content
    assert "-22,50" in content
    # fisik 14,00 % against 39,00 %
    assert "14,00 %" in content and "39,00 %" in content
    assert "Kecamatan Beta" in content  # not reported, and bottom of the ranking
    assert "APBD tanpa BOS/BLUD" in content
    assert "<svg" in content and "<title" in content
    assert_csp_clean(content)


@time_machine.travel("2025-04-15 10:00 +0700", tick=False)
def test_summary_defaults_to_the_last_complete_month(client, verifikator, data):
    client.force_login(verifikator)
    response = client.get(reverse("reports:summary"))
    assert "hingga akhir Maret 2025" in response.content.decode()


def test_summary_bad_period_shows_an_error_not_a_500(client, verifikator, data):
    client.force_login(verifikator)
    response = client.get(reverse("reports:summary"), {"tahun": "abc", "bulan": "13"})
    assert response.status_code == 200
    assert "Periode tidak valid" in response.content.decode()


def summary_queries(client, django_assert_num_queries, n):
    # 1 session, 2 user, 3 year choices (form), 4 the data stamp of reports.fragments (one
    # statement); on a miss 5 opd_rows sums, 6 reports, 7 Kurva S (one aggregate),
    # 8 pemda_summary (both years, every block), 9-13 compliance_for (OPDs, reports,
    # pengelola per OPD, pengelola in all, pengelola of the year's lines); the session is not
    # written (renewed at most once a minute)
    with django_assert_num_queries(n):
        response = client.get(reverse("reports:summary"), PERIOD)
    assert response.status_code == 200


def test_summary_query_count_does_not_grow_with_opds(
    client, verifikator, data, django_assert_num_queries
):
    client.force_login(verifikator)
    add_opds(data["year"], 1)  # 3 OPDs
    summary_queries(client, django_assert_num_queries, 12)
    # the same data again: the content comes from the cache, none of its figures computed
    summary_queries(client, django_assert_num_queries, 4)
    add_opds(data["year"], 27)  # 30 OPDs: new data, a new stamp
    summary_queries(client, django_assert_num_queries, 12)


def test_opd_user_sees_only_own_opd(client, data):
    user = UserFactory(username="op-a", role=Role.OPERATOR, opd=data["a"])
    client.force_login(user)
    content = client.get(reverse("reports:summary"), PERIOD).content.decode()
    # OPD A alone: pagu 1.000.000, realisasi 20,00 %
    assert "Rp1.000.000" in content and "20,00 %" in content
    assert "Kecamatan Beta" not in content
    rekap = client.get(reverse("reports:rekap"), PERIOD).content.decode()
    assert "Dinas Alfa" in rekap and "Kecamatan Beta" not in rekap
    own = client.get(reverse("reports:opd", kwargs={"kode": "1.01"}), PERIOD)
    assert own.status_code == 200
    other = client.get(reverse("reports:opd", kwargs={"kode": "1.02"}), PERIOD)
    assert other.status_code == 404
    assert client.get(reverse("reports:line", kwargs={"pk": data["b1"].pk})).status_code == 404
    kendala = client.get(reverse("reports:kendala"), {"tahun": 2025, "bulan": 2})
    assert "Lelang ulang" in kendala.content.decode()


def test_pimpinan_reads_every_opd(client, pimpinan, data):
    client.force_login(pimpinan)
    assert client.get(reverse("reports:opd", kwargs={"kode": "1.02"})).status_code == 200


def test_opd_page_form_b(client, verifikator, data, django_assert_max_num_queries):
    client.force_login(verifikator)
    url = reverse("reports:opd", kwargs={"kode": "1.01"})
    # session, user, OPD, year choices, data stamp, Kurva S, Form B, kendala
    with django_assert_max_num_queries(8):
        response = client.get(url, PERIOD)
    content = response.content.decode()
    # a1: bobot 60,00; fisik 30 × 60 / 100 = 18,00 tertimbang; realisasi 120.000
    assert "60,00" in content and "18,00" in content and "Rp120.000" in content
    assert "Belum lapor" in content  # a1 did not report in March
    assert_csp_clean(content)
    # the next reader of the same period gets the content drawn once (while its data hold)
    with django_assert_max_num_queries(5):
        again = client.get(url, PERIOD).content.decode()
    assert again.count("Rp120.000") == content.count("Rp120.000")
    assert "Belum lapor" in again


def test_line_kurva_page(client, verifikator, data):
    client.force_login(verifikator)
    response = client.get(reverse("reports:line", kwargs={"pk": data["a2"].pk}), PERIOD)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<polyline" in content
    # March: 80.000 / 400.000 = 20,00 %
    assert "20,00" in content
    assert_csp_clean(content)


def test_kurva_page(client, verifikator, data):
    client.force_login(verifikator)
    response = client.get(reverse("reports:kurva"), PERIOD)
    assert response.status_code == 200
    # March realisasi keuangan of the Pemda: 200.000 / 2.000.000 = 10,00 %, in the chart's
    # month-by-month table too
    content = response.content.decode()
    march = re.search(
        r'<th scope="row">Maret</th>\s*<td class="num">[^<]*</td>\s*<td class="num">([^<]*)</td>',
        content,
    )
    assert march and march.group(1) == "10,00"


def test_kendala_digest_page_search(client, verifikator, data):
    client.force_login(verifikator)
    url = reverse("reports:kendala")
    found = client.get(url, {"tahun": 2025, "bulan": 2, "q": "tender"}).content.decode()
    assert "Lelang ulang" in found and "Dinas Alfa" in found
    missing = client.get(url, {"tahun": 2025, "bulan": 2, "q": "banjir"}).content.decode()
    assert "Tidak ada kendala" in missing


@time_machine.travel("2025-11-20 10:00 +0700", tick=False)
@pytest.mark.parametrize("name", ["summary", "rekap", "kurva", "kendala"])
def test_pages_without_any_data_do_not_fail(client, verifikator, name):
    client.force_login(verifikator)
    response = client.get(reverse(f"reports:{name}"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Oktober" in content and "2025" in content
