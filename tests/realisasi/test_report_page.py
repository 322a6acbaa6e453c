"""The report page: figures shown, the grid post, its rules and messages, conflicts, queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opd.choices import Role
from realisasi.choices import StatusLaporan
from realisasi.importers.numbers import parse_rupiah
from realisasi.models import AuditEvent, KategoriKendala, MonthlyReport, Realisasi
from tests.factories import RealisasiFactory, UserFactory

from .report_helpers import BULAN, bulk_lines, fill, grid, make_lines, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(opd, year):
    return make_lines(opd, year, 2)


@pytest.fixture
def client_op(client, operator):
    client.force_login(operator)
    return client


def body(response):
    return response.content.decode()


def test_page_shows_lines_targets_and_last_month(client_op, opd, lines):
    RealisasiFactory(line=lines[0], bulan=2, realisasi_keuangan=250_000, realisasi_fisik=20)
    page = body(client_op.get(url("report", opd)))
    assert lines[0].sub_kegiatan.kode in page
    assert "Rp1.000.000" in page  # pagu of each line
    assert "Rp500.000" in page  # target keuangan
    assert "50,00 %" in page  # target keuangan %: 500.000 / 1.000.000 × 100
    assert "Rp250.000" in page  # last month's realisasi of line 1
    assert f'name="keu-{lines[0].pk}"' in page
    assert "Belum input" in page


def test_saved_figures_and_deviations_show_after_saving(client_op, opd, lines):
    data = grid(
        lines, **{f"l{lines[0].pk}": ("400.000", "30"), f"l{lines[1].pk}": ("700000", "60")}
    )
    response = client_op.post(url("report", opd), data, follow=True)
    page = body(response)
    assert "Laporan disimpan sebagai draf." in page
    assert Realisasi.objects.get(line=lines[0], bulan=BULAN).realisasi_keuangan == 400_000
    # line 1 keuangan: 400.000 / 1.000.000 × 100 = 40 % against 50 % → −10,00
    assert "-10,00" in page
    # line 2 fisik: 60 − 50 = 10,00
    assert "10,00" in page
    # OPD: keuangan (400.000 + 700.000) / 2.000.000 × 100 = 55 % vs 50 % → 5,00
    # fisik (30 × 1.000.000 + 60 × 1.000.000) / 2.000.000 = 45 % vs 50 % → −5,00
    assert "55,00" in page
    assert 'id="opd-dev-keu">5,00' in page
    assert 'id="opd-dev-fisik">-5,00' in page
    assert "Riwayat perubahan" in page and "realisasi_keuangan" in page


def test_a_kendala_category_is_saved_and_one_not_offered_refused(client_op, opd, lines):
    """The category posted is read against the page's list: one of it is saved with the line,
    another is refused on its field."""
    category = KategoriKendala.objects.create(nama="Lelang gagal")
    line = lines[0]

    def posted(kategori):
        return grid(lines, **{f"l{line.pk}": ("400.000", "30", "Lelang ulang", kategori)})

    page = body(client_op.post(url("report", opd), posted({"kategori": "0"})))
    assert "Pilih kategori kendala dari daftar." in page
    assert not Realisasi.objects.exists()
    response = client_op.post(url("report", opd), posted({"kategori": str(category.pk)}))
    assert response.status_code == 302
    assert Realisasi.objects.get(line=line, bulan=BULAN).kategori_kendala == category


def test_history_names_who_changed_what_through_which_door(client_op, opd, lines, operator):
    data = grid(lines, **{f"l{lines[0].pk}": ("400.000", "30")})
    page = body(client_op.post(url("report", opd), data, follow=True))
    history = " ".join(page.split("Riwayat perubahan")[1].split())
    who, kode = operator.display_name(), lines[0].sub_kegiatan.kode
    row = f"<td>{who}</td><td>Formulir</td> <td>{kode}</td><td>realisasi_keuangan</td>"
    assert row + "<td>–</td><td>400000</td>" in history
    # The report's first save makes it a draf: a change of the report, on no line.
    assert f"<td>{who}</td><td>Formulir</td> <td>–</td><td>status</td><td>–</td><td>draf</td>" in (
        history
    )


def test_history_shows_the_latest_200_changes_newest_first(client_op, opd, lines, year):
    start = datetime.datetime(2025, 4, 1, 8, 0, tzinfo=datetime.UTC)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            opd=opd,
            tahun=year.tahun,
            bulan=BULAN,
            line=lines[0],
            sumber="form",
            field="kendala",
            old_value="",
            new_value=f"catatan-{n:03d}",
        )
        for n in range(205)
    )
    for n, event in enumerate(AuditEvent.objects.order_by("pk")):
        AuditEvent.objects.filter(pk=event.pk).update(at=start + datetime.timedelta(minutes=n))
    history = body(client_op.get(url("report", opd))).split("Riwayat perubahan")[1]
    shown = [f"catatan-{n:03d}" for n in range(205) if f"catatan-{n:03d}<" in history]
    assert shown == [f"catatan-{n:03d}" for n in range(5, 205)]
    assert history.index("catatan-204") < history.index("catatan-005")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.500.000", Decimal("1500000")),
        ("1500000", Decimal("1500000")),
        ("Rp 1.500.000", Decimal("1500000")),
        ("1.500.000,50", Decimal("1500000.50")),
        # The form reads numbers with the importers' reader (one rule, documented once).
        ("1,500,000", Decimal("1500000")),
        ("1,500", Decimal("1500")),
    ],
)
def test_rupiah_inputs_accept_indonesian_format(typed, expected):
    assert parse_rupiah(typed) == expected


@pytest.mark.parametrize("typed", ["1.5000", "1.500,000", "satu juta", "1.500.000,505"])
def test_rupiah_inputs_refuse_ambiguous_text(typed):
    with pytest.raises(ValueError):
        parse_rupiah(typed)


def test_posted_indonesian_rupiah_is_saved(client_op, opd, lines):
    client_op.post(url("report", opd), grid(lines, **{f"l{lines[0].pk}": ("1.000.000", "45,5")}))
    row = Realisasi.objects.get(line=lines[0], bulan=BULAN)
    assert row.realisasi_keuangan == Decimal("1000000")
    assert row.realisasi_fisik == Decimal("45.5")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (("100.000", "101"), "Realisasi fisik harus antara 0 dan 100 persen."),
        (("100.000", "-1"), "Realisasi fisik harus antara 0 dan 100 persen."),
        (("-5", "10"), "Realisasi keuangan tidak boleh negatif."),
        (("1.000.001", "10"), "melebihi pagu Rp1.000.000"),
        (("satu juta", "10"), "&#x27;satu juta&#x27; bukan angka Rupiah"),
        (("", "10"), "Realisasi keuangan wajib diisi bila fisik diisi."),
    ],
)
def test_rule_breaks_show_message_and_keep_what_was_typed(client_op, opd, lines, values, message):
    data = grid(lines, **{f"l{lines[0].pk}": values, f"l{lines[1].pk}": ("123.456", "12")})
    data[f"kendala-{lines[1].pk}"] = "Cuaca buruk"
    response = client_op.post(url("report", opd), data)
    page = body(response)
    assert response.status_code == 200
    assert message in page
    assert 'value="123.456"' in page  # the other line's typing is kept
    assert "Cuaca buruk" in page
    assert f'value="{values[1]}"' in page
    assert not Realisasi.objects.exists()  # nothing half-saved


def test_lower_than_last_month_needs_confirmation_and_reason(client_op, opd, lines):
    RealisasiFactory(line=lines[0], bulan=2, realisasi_keuangan=300_000, realisasi_fisik=30)
    data = grid(lines, **{f"l{lines[0].pk}": ("200.000", "30")})
    page = body(client_op.post(url("report", opd), data))
    assert "lebih rendah dari bulan lalu (keuangan Rp300.000, fisik 30,00 %)" in page
    assert 'value="200.000"' in page
    assert not Realisasi.objects.filter(bulan=BULAN).exists()
    data[f"alasan-{lines[0].pk}"] = "Koreksi SP2D ganda"
    data[f"konfirmasi-{lines[0].pk}"] = "on"
    client_op.post(url("report", opd), data)
    row = Realisasi.objects.get(line=lines[0], bulan=BULAN)
    assert row.realisasi_keuangan == 200_000
    assert row.alasan_koreksi == "Koreksi SP2D ganda"


def test_stale_page_is_refused_naming_who_saved(client, opd, lines, operator):
    ani = UserFactory(username="ani", first_name="Ani", role=Role.OPERATOR, opd=opd)
    client.force_login(ani)
    client.post(url("report", opd), grid(lines, **fill(lines[:1], keu="100.000")))
    client.force_login(operator)
    response = client.post(
        url("report", opd), grid(lines, version=0, **fill(lines[:1], keu="900.000"))
    )
    page = body(response)
    assert "telah diubah oleh Ani" in page
    assert 'value="900.000"' in page  # the typing is not lost
    assert Realisasi.objects.get(line=lines[0], bulan=BULAN).realisasi_keuangan == 100_000
    assert 'name="version" value="1"' in page  # a deliberate second save may replace it


def test_submit_refused_for_missing_kendala_keeps_the_draft(client_op, opd, lines):
    data = grid(lines, **fill(lines, fisik="40"))  # 40 − 50 = −10 points: kendala needed
    response = client_op.post(url("report_submit", opd), data)
    page = body(response)
    assert "kendala wajib diisi sebelum dikirim" in page
    assert "Perubahan disimpan sebagai draf." in page
    report = MonthlyReport.objects.get()
    assert report.status == StatusLaporan.DRAF
    assert f'name="version" value="{report.version}"' in page
    data = grid(lines, version=report.version, **fill(lines, fisik="40", kendala="Lelang gagal"))
    client_op.post(url("report_submit", opd), data)
    assert MonthlyReport.objects.get().status == StatusLaporan.TERKIRIM


def test_double_submit_through_the_page_creates_one_change(client_op, opd, lines):
    data = grid(lines, **fill(lines))
    first = client_op.post(url("report_submit", opd), data)
    second = client_op.post(url("report_submit", opd), data, follow=True)
    assert first.status_code == 302
    assert "sudah dikirim" in body(second)
    report = MonthlyReport.objects.get()
    assert report.status == StatusLaporan.TERKIRIM
    assert report.status_changes.filter(to_status="terkirim").count() == 1
    assert AuditEvent.objects.filter(field="status", new_value="terkirim").count() == 1


def test_verified_report_page_is_read_only(client_op, opd, lines, operator):
    RealisasiFactory(line=lines[0], bulan=BULAN, realisasi_keuangan=10, realisasi_fisik=1)
    MonthlyReport.objects.create(
        opd=opd, fiscal_year=lines[0].fiscal_year, bulan=BULAN, status="terverifikasi"
    )
    page = body(client_op.get(url("report", opd)))
    assert "terkunci" in page
    assert 'name="keu-' not in page
    assert client_op.post(url("report", opd), grid(lines, **fill(lines))).status_code == 403


def test_typed_markup_shows_as_text_to_the_operator_and_the_verifikator(
    client, opd, lines, operator, verifikator
):
    lines[0].sub_kegiatan.nama = "Jalan <b>desa</b> & jembatan"
    lines[0].sub_kegiatan.save()
    RealisasiFactory(
        line=lines[0],
        bulan=BULAN,
        realisasi_keuangan=10,
        realisasi_fisik=1,
        kendala='<script>alert("x")</script>',
        solusi="Lelang 'ulang'",
    )
    for user in (operator, verifikator):
        client.force_login(user)
        page = body(client.get(url("report", opd)))
        assert "<script>alert" not in page and "<b>desa</b>" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "Jalan &lt;b&gt;desa&lt;/b&gt; &amp; jembatan" in page
        assert "Lelang &#x27;ulang&#x27;" in page
    typed = grid(lines, **{f"l{lines[0].pk}": ("<i>10</i>", "1")})
    client.force_login(operator)
    page = body(client.post(url("report", opd), typed))
    assert 'value="&lt;i&gt;10&lt;/i&gt;"' in page and "<i>10</i>" not in page


def test_page_uses_no_inline_script_or_style(client_op, opd, lines):
    page = body(client_op.get(url("report", opd)))
    assert "<style" not in page
    assert 'style="' not in page
    assert " onclick=" not in page and " oninput=" not in page
    assert "<script>" not in page
    assert 'src="/static/js/report.js"' in page


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_lines(
    client, opd, year, operator, django_assert_max_num_queries
):
    from tests.factories import OpdFactory

    small = OpdFactory(kode="3.01.0.00.0.00.01.0000")
    big = OpdFactory(kode="3.02.0.00.0.00.01.0000")
    small_lines = bulk_lines(small, year, 5)
    big_lines = bulk_lines(big, year, 150)
    Realisasi.objects.bulk_create(
        Realisasi(line=line, bulan=BULAN, realisasi_keuangan=1, realisasi_fisik=1)
        for line in small_lines + big_lines
    )
    admin = UserFactory(username="adm", role=Role.ADMIN, opd=None)
    client.force_login(admin)
    at_5 = count_queries(client, url("report", small))
    at_150 = count_queries(client, url("report", big))
    assert at_5 == at_150
    # session, user, OPD, fiscal year, report, lines with figures, month's rows, kendala
    # categories, totals, audit history (no status changes without a report), and the session
    # saved on every request (savepoint, update, release)
    with django_assert_max_num_queries(13):
        client.get(url("report", big))


def test_saving_150_lines_takes_a_constant_number_of_queries(client, opd, year, operator):
    lines = bulk_lines(opd, year, 150)
    client.force_login(operator)
    small = grid(lines, **fill(lines[:5]))
    with CaptureQueriesContext(connection) as at_5:
        assert client.post(url("report", opd), small).status_code == 302
    MonthlyReport.objects.all().delete()
    Realisasi.objects.all().delete()
    big = grid(lines, **fill(lines))
    with CaptureQueriesContext(connection) as at_150:
        assert client.post(url("report", opd), big).status_code == 302
    # One bulk insert of rows and one of audit events, whatever the number of lines; only
    # SQLite splits a bulk insert into batches of 999 parameters (150 rows × 11 fields and
    # 300 events × 15 fields: 2 + 5 batches instead of 1 + 1).
    allowance = 0 if connection.vendor == "postgresql" else 5
    assert len(at_5) <= len(at_150) <= len(at_5) + allowance
    assert Realisasi.objects.filter(bulan=BULAN).count() == 150


def test_page_states_the_last_day_of_the_deadline(client_op, opd, lines, year):
    # Month 3 of 2025 is due on the 10th of April (batas_hari_lapor 10), until 23.59 WIB;
    # late from 11 April 00.00.
    assert year.batas_hari_lapor == 10
    page = body(client_op.get(url("report", opd)))
    assert f"Batas pelaporan: 10 April {year.tahun} pukul 23.59 WIB" in " ".join(page.split())
