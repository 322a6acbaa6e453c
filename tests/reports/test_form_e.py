"""Form E (sub-kegiatan | kendala | tindak lanjut | pihak yang diharapkan membantu) in the
kendala digest, its page, the OPD page and the briefing's kendala section."""

import pytest
from django.urls import reverse

from reports import briefing as brief
from reports import figures_detail
from reports.briefing.kendala import kendala_themes
from tests.factories import RealisasiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_e(data):
    """a2's March row gets all three texts; b1 reports only a pihak (no kendala typed)."""
    row = data["a2"].realisasi_set.get(bulan=3)
    row.kendala = "Material terlambat"
    row.solusi = "Koordinasi penyedia"
    row.pihak_terkait = "Dinas PUPR"
    row.save()
    RealisasiFactory(
        line=data["b1"],
        bulan=3,
        realisasi_keuangan=0,
        realisasi_fisik=0,
        pihak_terkait="Dinas Pendidikan",
    )
    return data


def test_digest_items_carry_the_pihak_terkait(form_e, django_assert_num_queries):
    with django_assert_num_queries(1):
        groups = figures_detail.kendala_digest(2025, 3)
    items = {(g.kode, i.sumber_dana): i for g in groups for i in g.items}
    a2 = items[("1.01", "DAK Fisik Jalan")]
    assert (a2.kendala, a2.solusi, a2.pihak_terkait) == (
        "Material terlambat",
        "Koordinasi penyedia",
        "Dinas PUPR",
    )
    # a row with only a pihak is still part of Form E
    assert items[("1.02", "BOS")].pihak_terkait == "Dinas Pendidikan"


def test_digest_searches_the_pihak_terkait(form_e):
    groups = figures_detail.kendala_digest(2025, 3, q="pupr")
    assert [(g.kode, [i.pihak_terkait for i in g.items]) for g in groups] == [
        ("1.01", ["Dinas PUPR"])
    ]


def test_kendala_page_shows_the_fourth_column(client, verifikator, form_e):
    client.force_login(verifikator)
    page = client.get(reverse("reports:kendala"), {"tahun": 2025, "bulan": 3}).content.decode()
    assert '<th scope="col">Pihak yang diharapkan membantu</th>' in page
    assert "<td>Koordinasi penyedia</td>\n    <td>Dinas PUPR</td>" in page


def test_opd_page_shows_the_pihak_terkait(client, verifikator, form_e):
    client.force_login(verifikator)
    url = reverse("reports:opd", kwargs={"kode": "1.01"})
    page = client.get(url, {"tahun": 2025, "bulan": 3}).content.decode()
    assert "Pihak yang diharapkan membantu" in page and "Dinas PUPR" in page


def test_briefing_themes_list_the_pihak_most_named_first():
    item = figures_detail.KendalaItem
    groups = [
        figures_detail.KendalaGroup(
            1,
            "1",
            "Dinas A",
            [
                item("1.01", "Sub 1", "DAU", "Lelang gagal", "Lelang ulang", "Bagian PBJ"),
                item("1.02", "Sub 2", "DAU", "Lelang gagal", "", "Inspektorat"),
            ],
        ),
        figures_detail.KendalaGroup(
            2, "2", "Dinas B", [item("1.01", "Sub 1", "DAU", "Lelang gagal", "", "Bagian  PBJ")]
        ),
    ]
    (theme,) = kendala_themes(groups)
    # "Bagian PBJ" twice (spaces normalised), "Inspektorat" once
    assert theme.pihak_terkait == ["Bagian PBJ", "Inspektorat"]
    assert theme.solusi == ["Lelang ulang"]


def test_briefing_kendala_section_has_the_pihak_column(form_e):
    body = brief.render_briefing_html(brief.build_briefing(2025, 3))
    section = body.split('id="kendala"')[1].split("</section>")[0]
    assert "<th>Pihak yang diharapkan membantu</th>" in section
    assert "<td>Koordinasi penyedia</td><td>Dinas PUPR</td>" in section
    # the row without kendala text is grouped under "(kendala tidak diuraikan)"
    assert "<td>–</td><td>Dinas Pendidikan</td>" in section
