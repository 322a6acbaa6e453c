"""The Pemda's capaian kinerja page and the E.81 export, computed by hand."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from realisasi.ledger import refresh
from reports.kinerja import pemda_kinerja
from tests.factories import (
    BudgetLineFactory,
    OpdFactory,
    RealisasiFactory,
)
from tests.reports.kinerja_helpers import indicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_october")]


def test_band_counts_and_sentence(pemda):
    data = pemda_kinerja(2025, 3)
    # keluaran: 100, 80, 80, 66,67 → 3 of 4 tinggi or sangat tinggi = 75,00 %
    assert data.keluaran.jumlah == 4 and data.keluaran.tinggi == 3
    assert data.sentences[0] == (
        "Dari 4 indikator keluaran, 3 (75,00 persen) berkategori tinggi atau sangat tinggi."
    )
    # hasil: stunting (2 × 20,5 − 21,8) / 20,5 × 100 = 93,66 → sangat tinggi
    assert data.hasil.jumlah == 1 and data.hasil.tinggi == 1
    # the worst OPD first: B has 2 of 3 high (66,67 %), A 2 of 2 (100 %)
    assert [row.opd.kode for row in data.opds] == ["1.02", "1.01"]
    assert round(data.opds[0].count.tinggi_persen, 2) == Decimal("66.67")
    assert data.worst[0].capaian.quantize(Decimal("0.01")) == Decimal("66.67")


def test_page_shows_priorities_and_worst_first(client, pimpinan, pemda):
    client.force_login(pimpinan)
    page = client.get(reverse("reports:kinerja"), {"tahun": 2025, "triwulan": 3})
    text = page.content.decode()
    assert "Dari 4 indikator keluaran, 3 (75,00 persen)" in text
    assert "Prevalensi stunting" in text and "93,66" in text
    assert text.index("Dinas B") < text.index("Dinas A")


def test_operator_sees_only_own_opd(client, pemda):
    from opd.choices import Role
    from tests.factories import UserFactory

    user = UserFactory(username="op.a", role=Role.OPERATOR, opd=pemda[0])
    client.force_login(user)
    text = client.get(reverse("reports:kinerja")).content.decode()
    assert "Dinas A" in text and "Dinas B" not in text


def test_page_queries_stay_flat(client, pimpinan, year, pemda):
    client.force_login(pimpinan)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("reports:kinerja"))
    for n in range(10):
        line = BudgetLineFactory(fiscal_year=year, opd=OpdFactory(kode=f"2.{n:02d}"))
        for _ in range(3):
            indicator(line, 5)
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("reports:kinerja"))
    # session, user, fiscal years, the data stamp (5), indicators, their OPDs, realizations,
    # quarterly reports, session save
    assert len(after) == len(before) <= 16


def test_e81_export(client, pimpinan, year):
    opd = OpdFactory(kode="1.03", nama="Dinas C")
    line = BudgetLineFactory(fiscal_year=year, opd=opd, pagu=1_000_000)
    for bulan, rp in ((3, 200_000), (6, 450_000), (9, 700_000)):
        RealisasiFactory(line=line, bulan=bulan, realisasi_keuangan=rp, realisasi_fisik=10)
    refresh([line.pk])
    indicator(line, 10, uraian="Jumlah dokumen perencanaan")
    client.force_login(pimpinan)
    response = client.get(
        reverse("reports:kinerja_e81", args=[opd.kode]), {"tahun": 2025, "triwulan": 3}
    )
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    header_at = next(i for i, row in enumerate(rows) if row[0] == "No")
    groups = rows[header_at - 1]
    assert "Realisasi TW I" in groups and "Realisasi TW III" in groups
    assert "Realisasi s.d. TW III" in groups and "Capaian s.d. TW III" in groups
    data = rows[header_at + 1]
    assert data[3] == "Jumlah dokumen perencanaan"
    # K and Rp per TW: 25 / Rp200.000, 25 / Rp250.000, 10 / Rp250.000
    assert data[7:13] == [25, 200000, 25, 250000, 10, 250000]
    # s.d. TW III: K 60, Rp700.000; capaian K 60 / 75 × 100 = 80, Rp 700.000 / 1.000.000 = 70
    assert data[13:17] == [60, 700000, 80, 70]
    total = rows[header_at + 2]
    assert total[2] == "Jumlah / rata-rata capaian kinerja"
    assert total[6] == 1000000 and total[14] == 700000 and total[16] == 70
    number_row = header_at + 2  # 1-based row of the first data row
    assert ws.cell(row=number_row, column=8).number_format == "#,##0.00;-#,##0.00"
    assert ws.cell(row=number_row, column=9).number_format == '"Rp"#,##0;-"Rp"#,##0'


def test_cached_page_shows_a_change_at_once(client, pimpinan, pemda):
    from realisasi.models import IndikatorRealisasi

    client.force_login(pimpinan)
    first = client.get(reverse("reports:kinerja")).content.decode()
    assert "Dari 4 indikator keluaran, 3 (75,00 persen)" in first
    row = IndikatorRealisasi.objects.filter(triwulan=3, realisasi=0).get()
    row.realisasi = 25  # (50 + 25) / 75 × 100 = 100: now 4 of 4
    row.save()
    again = client.get(reverse("reports:kinerja")).content.decode()
    assert "Dari 4 indikator keluaran, 4 (100,00 persen)" in again
