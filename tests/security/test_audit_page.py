"""The audit page (ASVS V7.1, V4.1): verifikator/admin read every change to a figure."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from opd.choices import Role
from realisasi.audit import record_changes
from realisasi.choices import SumberPerubahan
from realisasi.models import AuditEvent
from tests.factories import BudgetLineFactory, OpdFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "realisasi:audit"


def make_events(year, opd, user, count, *, sumber=SumberPerubahan.FORM, bulan=3):
    for i in range(count):
        line = BudgetLineFactory(fiscal_year=year, opd=opd)
        record_changes(
            {"realisasi_keuangan": (Decimal(i), Decimal(i + 1000))},
            user=user,
            sumber=sumber,
            line=line,
            tahun=year.tahun,
            bulan=bulan,
        )


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.PENGELOLA, Role.PIMPINAN])
def test_other_roles_get_403(client, role):
    user = UserFactory(role=role)
    client.force_login(user)
    assert client.get(reverse(URL)).status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_verifikator_and_admin_see_the_changes(
    client, verifikator, admin_user, year, opd, operator
):
    make_events(year, opd, operator, 1)
    for user in (verifikator, admin_user):
        client.force_login(user)
        response = client.get(reverse(URL))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Jejak audit" in body
        # the field and the values as people read them, not the code's names
        assert ">Realisasi keuangan (Rp)<" in body
        assert "Rp1.000" in body and "Dinkes" in body
        assert "Maret 2025" in body, "the period, with the year not grouped"
        assert "1 perubahan" in body


def test_filters_by_opd_user_door_period_and_date(client, verifikator, year, opd, operator):
    other_opd = OpdFactory(singkatan="Kec. Wanadadi")
    other_user = UserFactory(role=Role.OPERATOR, opd=other_opd)
    with time_machine.travel("2025-04-05 10:00 +0700", tick=False):
        make_events(year, opd, operator, 2)  # Dinkes, by operator, form, Maret
    with time_machine.travel("2025-05-06 10:00 +0700", tick=False):
        make_events(year, other_opd, other_user, 3, sumber=SumberPerubahan.IMPOR, bulan=4)
    client.force_login(verifikator)

    def count(**params):
        response = client.get(reverse(URL), params)
        assert response.status_code == 200
        return response.context["table"].paginator.count

    assert count() == 5
    assert count(opd=opd.pk) == 2
    assert count(user=other_user.pk) == 3
    assert count(sumber="impor") == 3
    assert count(bulan=3) == 2
    assert count(tahun=2025) == 5
    assert count(tahun=2024) == 0
    assert count(dari="2025-05-01") == 3
    assert count(sampai="2025-04-30") == 2
    assert count(dari="2025-04-01", sampai="2025-04-30", opd=opd.pk) == 2


def test_bad_filter_is_explained_not_a_500(client, verifikator, year, opd, operator):
    make_events(year, opd, operator, 1)
    client.force_login(verifikator)
    response = client.get(reverse(URL), {"dari": "bukan-tanggal", "bulan": "13", "opd": "x"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Saringan belum benar" in body
    response = client.get(reverse(URL), {"dari": "2025-05-02", "sampai": "2025-05-01"})
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in response.content.decode()


def test_pages_do_not_skip_or_repeat_events_saved_at_the_same_moment(
    client, verifikator, year, opd, operator
):
    with time_machine.travel(datetime.datetime(2025, 4, 5, 3, 0, tzinfo=datetime.UTC), tick=False):
        make_events(year, opd, operator, 60)
    client.force_login(verifikator)
    seen = []
    for page in (1, 2):
        table = client.get(reverse(URL), {"page": page, "sort": "opd"}).context["table"]
        seen += [row.record.pk for row in table.page.object_list]
    assert sorted(seen) == sorted(AuditEvent.objects.values_list("pk", flat=True))


def test_every_column_sorts(client, verifikator, year, opd, operator):
    make_events(year, opd, operator, 3)
    client.force_login(verifikator)
    table = client.get(reverse(URL)).context["table"]
    for column in table.columns:
        if column.orderable:
            for sort in (column.name, f"-{column.name}"):
                assert client.get(reverse(URL), {"sort": sort}).status_code == 200, sort


def query_count(client, django_assert_max_num_queries):
    # 1 session, 2 user, 3 count, 4 OPD choices and 5 user choices of the filter form,
    # 6 the page of events with user/opd/line/sub-kegiatan joined (the session is not
    # written: renewed at most once a minute).
    with django_assert_max_num_queries(6) as captured:
        assert client.get(reverse(URL)).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_data(
    client, verifikator, year, opd, operator, django_assert_max_num_queries
):
    client.force_login(verifikator)
    make_events(year, opd, operator, 3)
    few = query_count(client, django_assert_max_num_queries)
    for _n in range(10):
        make_events(year, OpdFactory(), UserFactory(role=Role.VERIFIKATOR), 4)
    many = query_count(client, django_assert_max_num_queries)
    assert few == many
