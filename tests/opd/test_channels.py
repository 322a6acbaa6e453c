"""Email and WhatsApp deliveries against real servers (tests/opd/conftest.py): content, link,
recipients, retries with backoff, a failing endpoint, and one channel never blocking another.
Tasks run eagerly here (no REDIS_URL); tests/queue runs them on a real worker."""

import pytest

from opd.choices import Channel, DeliveryStatus, NotificationKind, Role
from opd.models import Delivery
from opd.notify import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_retries(settings):
    settings.RAKOR_NOTIFY_RETRIES = 2
    settings.RAKOR_NOTIFY_BACKOFF = 0
    settings.RAKOR_SITE_URL = "https://rakor.sukamaju.go.id"


@pytest.fixture
def operator_with_channels(opd):
    return UserFactory(
        username="op.dinkes",
        role=Role.OPERATOR,
        opd=opd,
        email="op.dinkes@sukamaju.go.id",
        telepon="628123456789",
        notif_email=True,
        notif_whatsapp=True,
    )


def returned(users, django_capture_on_commit_callbacks, key="laporan-dikembalikan:1"):
    with django_capture_on_commit_callbacks(execute=True):
        return notify(
            users,
            kind=NotificationKind.DIKEMBALIKAN,
            key=key,
            judul="Laporan November 2025 dikembalikan",
            pesan="Laporan realisasi Dinas Kesehatan bulan November 2025 dikembalikan oleh "
            "verifikator dengan catatan: \u201cLampirkan SP2D\u201d.",
            url="/laporan/bulanan/1.02/2025/11/",
        )


def deliveries():
    return {d.channel: d for d in Delivery.objects.all()}


def test_email_and_whatsapp_carry_the_message_and_the_link(
    operator_with_channels, smtp_server, whatsapp_gateway, django_capture_on_commit_callbacks
):
    other = UserFactory(username="op.lain", opd=operator_with_channels.opd)  # no email, no phone
    returned([operator_with_channels, other], django_capture_on_commit_callbacks)

    [mail] = smtp_server.messages
    assert mail["to"] == ["op.dinkes@sukamaju.go.id"]
    assert mail["from"] == "rakor@sukamaju.go.id"
    assert "Subject: [Rakor] Laporan November 2025 dikembalikan" in mail["content"]
    [message] = whatsapp_gateway.messages
    assert message["headers"]["Authorization"] == "token-rahasia"
    assert message["json"]["target"] == "628123456789"
    text = message["json"]["message"]
    assert "\u201cLampirkan SP2D\u201d" in text
    assert text.endswith("Buka: https://rakor.sukamaju.go.id/laporan/bulanan/1.02/2025/11/")
    # every message recorded: the in-app ones of both users, email and WhatsApp of the first
    rows = Delivery.objects.order_by("notification__user__username", "channel")
    assert [(d.notification.user.username, d.channel, d.status) for d in rows] == [
        ("op.dinkes", Channel.APLIKASI, DeliveryStatus.TERKIRIM),
        ("op.dinkes", Channel.EMAIL, DeliveryStatus.TERKIRIM),
        ("op.dinkes", Channel.WHATSAPP, DeliveryStatus.TERKIRIM),
        ("op.lain", Channel.APLIKASI, DeliveryStatus.TERKIRIM),
    ]
    sent = deliveries()
    assert sent[Channel.EMAIL].tujuan == "op.dinkes@sukamaju.go.id"
    assert sent[Channel.WHATSAPP].attempts == 1 and sent[Channel.WHATSAPP].sent_at is not None


def test_a_channel_that_fails_twice_is_retried_and_then_sent(
    operator_with_channels, smtp_server, whatsapp_gateway, django_capture_on_commit_callbacks
):
    whatsapp_gateway.refuse = 2
    smtp_server.refuse = 1
    returned([operator_with_channels], django_capture_on_commit_callbacks)
    sent = deliveries()
    assert whatsapp_gateway.attempts == 3 and len(whatsapp_gateway.messages) == 1
    assert sent[Channel.WHATSAPP].status == DeliveryStatus.TERKIRIM
    assert sent[Channel.WHATSAPP].attempts == 3
    assert smtp_server.attempts == 2 and len(smtp_server.messages) == 1
    assert sent[Channel.EMAIL].attempts == 2


def test_a_failing_endpoint_is_shown_failed_and_blocks_no_other_channel(
    operator_with_channels, smtp_server, whatsapp_gateway, django_capture_on_commit_callbacks
):
    whatsapp_gateway.refuse = 99
    returned([operator_with_channels], django_capture_on_commit_callbacks)
    sent = deliveries()
    # the first attempt and RAKOR_NOTIFY_RETRIES = 2 retries, then failed with the reason
    assert whatsapp_gateway.attempts == 3
    assert sent[Channel.WHATSAPP].status == DeliveryStatus.GAGAL
    assert sent[Channel.WHATSAPP].pesan_galat == "Gateway WhatsApp menjawab 503."
    assert sent[Channel.EMAIL].status == DeliveryStatus.TERKIRIM and len(smtp_server.messages) == 1
    assert sent[Channel.APLIKASI].status == DeliveryStatus.TERKIRIM


def test_an_unreachable_gateway_and_smtp_server_are_failures_with_a_reason(
    operator_with_channels, settings, django_capture_on_commit_callbacks
):
    from tests.opd.server_helpers import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.RAKOR_WHATSAPP_URL = f"http://127.0.0.1:{free_port()}/send"
    returned([operator_with_channels], django_capture_on_commit_callbacks)
    sent = deliveries()
    assert sent[Channel.EMAIL].status == DeliveryStatus.GAGAL
    assert sent[Channel.EMAIL].pesan_galat.startswith("Email tidak terkirim:")
    assert sent[Channel.WHATSAPP].status == DeliveryStatus.GAGAL
    assert sent[Channel.WHATSAPP].pesan_galat.startswith("Gateway WhatsApp tidak dapat dihubungi:")
    assert sent[Channel.WHATSAPP].attempts == 3


def test_the_same_event_twice_sends_one_message(
    operator_with_channels, smtp_server, whatsapp_gateway, django_capture_on_commit_callbacks
):
    returned([operator_with_channels], django_capture_on_commit_callbacks)
    again = returned([operator_with_channels], django_capture_on_commit_callbacks)
    assert again == []
    assert len(smtp_server.messages) == 1 and len(whatsapp_gateway.messages) == 1
    operator_with_channels.refresh_from_db()
    assert operator_with_channels.notifikasi_belum_dibaca == 1


def test_the_gateway_template_is_the_pemda_s_own(
    operator_with_channels, whatsapp_gateway, settings, django_capture_on_commit_callbacks
):
    settings.RAKOR_WHATSAPP_TEMPLATE = (
        '{"phone": "$telepon", "body": {"title": "$judul", "text": "$pesan", "url": "$tautan"},'
        ' "isGroup": false}'
    )
    operator_with_channels.notif_email = False
    returned([operator_with_channels], django_capture_on_commit_callbacks)
    [message] = whatsapp_gateway.messages
    assert message["json"]["phone"] == "628123456789" and message["json"]["isGroup"] is False
    assert message["json"]["body"]["title"] == "Laporan November 2025 dikembalikan"
    assert message["json"]["body"]["url"] == (
        "https://rakor.sukamaju.go.id/laporan/bulanan/1.02/2025/11/"
    )
