"""The notification list, its unread count in the navigation, opening one, and the user's
channels."""

import pytest
from django.urls import reverse

from opd.choices import NotificationKind, Role
from opd.models import Notification
from opd.notify import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def tell(users, key="laporan-dikembalikan:1", judul="Laporan November 2025 dikembalikan"):
    return notify(
        users,
        kind=NotificationKind.DIKEMBALIKAN,
        key=key,
        judul=judul,
        pesan="Perbaiki realisasi fisik.",
        url="/laporan/bulanan/1.02/2025/11/",
    )


def test_the_unread_count_is_in_the_navigation_at_no_extra_query(
    client, operator, django_assert_max_num_queries
):
    client.force_login(operator)
    page = client.get(reverse("home")).content.decode()
    assert "unread-count" not in page
    tell([operator])
    tell([operator], key="batas-lapor:2025-11", judul="Laporan November 2025 jatuh tempo")
    page = client.get(reverse("opd:notification_list")).content.decode()
    assert '<span class="badge unread-count">2<span class="visually-hidden"> belum dibaca' in page
    assert page.index("jatuh tempo") < page.index("dikembalikan")  # newest first
    # session, user (its unread count with it), the pager's count, the user's OPD (top bar),
    # the list, the session's new expiry in a savepoint (3): the same at 2 notifications or 200
    with django_assert_max_num_queries(8):
        client.get(reverse("opd:notification_list"))


def test_opening_marks_it_read_and_lands_on_its_page(client, operator):
    [note] = tell([operator])
    client.force_login(operator)
    response = client.post(reverse("opd:notification_open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/laporan/bulanan/1.02/2025/11/"
    note.refresh_from_db()
    operator.refresh_from_db()
    assert note.read_at is not None and operator.notifikasi_belum_dibaca == 0
    page = client.get(reverse("opd:notification_list")).content.decode()
    assert "unread-count" not in page and "Laporan November 2025 dikembalikan" in page


def test_someone_else_s_notification_is_not_found(client, operator, verifikator):
    [note] = tell([verifikator])
    client.force_login(operator)
    assert client.post(reverse("opd:notification_open", args=[note.pk])).status_code == 404
    assert "dikembalikan" not in client.get(reverse("opd:notification_list")).content.decode()
    note.refresh_from_db()
    assert note.read_at is None


def test_a_link_off_the_site_is_never_followed(client, operator):
    note = Notification.objects.create(
        user=operator,
        kind="dikembalikan",
        key="x",
        judul="x",
        pesan="x",
        url="https://evil.example/",
    )
    client.force_login(operator)
    response = client.post(reverse("opd:notification_open", args=[note.pk]))
    assert response["Location"] == reverse("opd:notification_list")


def test_mark_all_read(client, operator):
    tell([operator])
    tell([operator], key="other")
    client.force_login(operator)
    client.post(reverse("opd:notification_read_all"))
    operator.refresh_from_db()
    assert operator.notifikasi_belum_dibaca == 0
    assert not Notification.objects.unread().exists()


def test_channels_need_an_address_said_by_field(client, operator, settings):
    settings.RAKOR_WHATSAPP_URL = "http://127.0.0.1:9/kirim"
    client.force_login(operator)
    url = reverse("opd:notification_settings")
    response = client.post(
        url, {"email": "", "telepon": "", "notif_email": "on", "notif_whatsapp": "on"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Isi alamat email untuk menerima notifikasi lewat email." in body
    assert "Isi nomor WhatsApp untuk menerima notifikasi lewat WhatsApp." in body
    response = client.post(
        url, {"email": "op@sukamaju.go.id", "telepon": "0812-345", "notif_email": "on"}
    )
    assert "Nomor WhatsApp hanya angka" in response.content.decode()
    response = client.post(
        url,
        {"email": "op@sukamaju.go.id", "telepon": "628123456789", "notif_whatsapp": "on"},
    )
    assert response.status_code == 302
    operator.refresh_from_db()
    assert (operator.email, operator.telepon) == ("op@sukamaju.go.id", "628123456789")
    assert operator.notif_whatsapp and not operator.notif_email


def test_an_inactive_user_is_not_notified(operator):
    gone = UserFactory(username="pensiun", role=Role.OPERATOR, opd=operator.opd, is_active=False)
    assert [n.user for n in tell([operator, gone])] == [operator]


def test_the_admin_lists_every_delivery_with_its_result(client, admin_user, operator):
    from opd.choices import Channel, DeliveryStatus
    from opd.models import Delivery

    [note] = tell([operator])
    Delivery.objects.create(
        notification=note,
        channel=Channel.WHATSAPP,
        tujuan="628123456789",
        status=DeliveryStatus.GAGAL,
        attempts=4,
        pesan_galat="Gateway WhatsApp menjawab 503.",
    )
    client.force_login(admin_user)
    body = client.get(reverse("admin:opd_delivery_changelist")).content.decode()
    assert "Gateway WhatsApp menjawab 503." in body and "628123456789" in body
    page = client.get(reverse("admin:opd_notification_change", args=[note.pk]))
    assert page.status_code == 200 and "Laporan November 2025 dikembalikan" in page.content.decode()
