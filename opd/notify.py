"""Notifications: the one door through which every part of Rakor tells a user something.

`notify()` writes the in-app notification of each recipient and one Delivery per channel the
user chose (email, WhatsApp), then queues a task per Delivery (opd.tasks.deliver). The rules:

- Once per event: a notification carries the key of its event ("laporan-dikembalikan:17"), and
  (user, key) is unique, so a retried task, a second beat run or a second click notifies nobody
  twice.
- Once per channel: a delivery is sent under a row lock and only while it is still waiting; a
  task delivered twice finds it sent and does nothing.
- Channels never block each other: each has its own Delivery and task; a failed attempt is
  recorded with its reason and retried with a growing wait (RAKOR_NOTIFY_BACKOFF, doubled each
  time) up to RAKOR_NOTIFY_RETRIES times, then shown as failed.
- Every message is recorded (Delivery: who, what, channel, address, when, result), the in-app
  one too.
"""

import json
import logging
import string
import urllib.error
import urllib.request

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Channel, DeliveryStatus
from .models import Delivery, Notification, User

logger = logging.getLogger(__name__)


class ChannelError(Exception):
    """A channel refused or could not be reached; the message says why, in Indonesian."""


def absolute_url(path: str) -> str:
    """The link of a notification as an email or WhatsApp reader needs it (RAKOR_SITE_URL)."""
    return f"{settings.RAKOR_SITE_URL}{path}" if path.startswith("/") else path


def message_text(notification: Notification) -> str:
    """The body of an email or WhatsApp message: the text and the link to the page."""
    if not notification.url:
        return notification.pesan
    return _("%(pesan)s\n\nBuka: %(tautan)s") % {
        "pesan": notification.pesan,
        "tautan": absolute_url(notification.url),
    }


# --- writing ---------------------------------------------------------------------------------


def _channels(user: User) -> list[tuple[str, str]]:
    """(channel, address) of each channel the user chose besides the in-app list and has an
    address for (the settings form refuses a channel without one; an account imported with no
    email simply gets the in-app list)."""
    channels: list[tuple[str, str]] = []
    if user.notif_email and user.email:
        channels.append((Channel.EMAIL, user.email))
    if user.notif_whatsapp and user.telepon and settings.RAKOR_WHATSAPP_URL:
        channels.append((Channel.WHATSAPP, user.telepon))
    return channels


def notify(users, *, kind: str, key: str, judul: str, pesan: str, url: str = "") -> list:
    """Notify each of `users` once about the event `key`; returns the notifications made now
    (none for a user already notified of it). Call inside the transaction of the change it is
    about: the deliveries are queued when it commits."""
    made = []
    now = timezone.now()
    with transaction.atomic():
        for user in {u.pk: u for u in users if u.is_active}.values():
            try:
                with transaction.atomic():
                    notification = Notification.objects.create(
                        user=user, kind=kind, key=key[:120], judul=judul, pesan=pesan, url=url
                    )
            except IntegrityError:
                continue  # this user already has it (a repeated task or beat run)
            Delivery.objects.create(
                notification=notification,
                channel=Channel.APLIKASI,
                tujuan=user.username,
                status=DeliveryStatus.TERKIRIM,
                attempts=1,
                sent_at=now,
            )
            for channel, address in _channels(user):
                Delivery.objects.create(notification=notification, channel=channel, tujuan=address)
            made.append(notification)
        if made:
            User.objects.filter(pk__in=[n.user_id for n in made]).update(
                notifikasi_belum_dibaca=F("notifikasi_belum_dibaca") + 1
            )
            pending = list(
                Delivery.objects.pending()
                .filter(notification__in=made)
                .values_list("pk", flat=True)
            )
            transaction.on_commit(lambda: queue_deliveries(pending))
    return made


def queue_deliveries(delivery_ids) -> None:
    """Queue a task per delivery. Redis down: the deliveries wait as they are and beat's
    opd.tasks.requeue queues them again; the change that notified is not undone."""
    # By name in the project's Celery app (opd.tasks calls this module back).
    deliver = current_app.tasks["opd.tasks.deliver"]
    for pk in delivery_ids:
        try:
            deliver.delay(pk)
        except Exception:  # kombu's OperationalError or the Redis client's, both mean "later"
            logger.warning("delivery %s not queued (broker unreachable); requeued later", pk)
            return


def _refresh_unread(user_id: int) -> None:
    count = Notification.objects.filter(user_id=user_id).unread().count()
    User.objects.filter(pk=user_id).update(notifikasi_belum_dibaca=count)


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        _refresh_unread(notification.user_id)


def mark_all_read(user) -> None:
    Notification.objects.for_user(user).unread().update(read_at=timezone.now())
    _refresh_unread(user.pk)


# --- sending ---------------------------------------------------------------------------------


def send_email(delivery: Delivery) -> None:
    notification = delivery.notification
    try:
        send_mail(
            subject=f"[Rakor] {notification.judul}",
            message=message_text(notification),
            from_email=None,
            recipient_list=[delivery.tujuan],
        )
    except Exception as exc:  # smtplib's and socket's errors alike
        raise ChannelError(_("Email tidak terkirim: %(galat)s") % {"galat": exc}) from exc


def whatsapp_body(delivery: Delivery) -> bytes:
    """RAKOR_WHATSAPP_TEMPLATE (a JSON object) with $telepon, $pesan, $judul and $tautan
    replaced in its strings: each provider names its fields differently."""
    notification = delivery.notification
    values = {
        "telepon": delivery.tujuan,
        "pesan": message_text(notification),
        "judul": notification.judul,
        "tautan": absolute_url(notification.url) if notification.url else "",
    }

    def fill(value):
        if isinstance(value, str):
            return string.Template(value).safe_substitute(values)
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value

    return json.dumps(fill(json.loads(settings.RAKOR_WHATSAPP_TEMPLATE))).encode()


def send_whatsapp(delivery: Delivery) -> None:
    headers = {"Content-Type": "application/json"}
    if settings.RAKOR_WHATSAPP_TOKEN:
        headers["Authorization"] = settings.RAKOR_WHATSAPP_TOKEN
    request = urllib.request.Request(
        settings.RAKOR_WHATSAPP_URL, data=whatsapp_body(delivery), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.RAKOR_WHATSAPP_TIMEOUT) as answer:
            answer.read(1024)
    except urllib.error.HTTPError as exc:
        raise ChannelError(_("Gateway WhatsApp menjawab %(kode)s.") % {"kode": exc.code}) from exc
    except (OSError, ValueError) as exc:
        raise ChannelError(
            _("Gateway WhatsApp tidak dapat dihubungi: %(galat)s") % {"galat": exc}
        ) from exc


SENDERS = {Channel.EMAIL: send_email, Channel.WHATSAPP: send_whatsapp}


def attempt_delivery(delivery_id: int) -> int | None:
    """One attempt to send a waiting delivery, under its row lock (a duplicate task waits for
    it, then finds it sent). Returns the seconds to wait before the next attempt, or None when
    there is nothing more to do (sent, failed for good, or not waiting)."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != DeliveryStatus.MENUNGGU:
            return None
        delivery.attempts += 1
        try:
            SENDERS[delivery.channel](delivery)
        except ChannelError as exc:
            delivery.pesan_galat = str(exc)[:1000]
            if delivery.attempts > settings.RAKOR_NOTIFY_RETRIES:
                delivery.status = DeliveryStatus.GAGAL
        else:
            delivery.status = DeliveryStatus.TERKIRIM
            delivery.sent_at = timezone.now()
        delivery.save(update_fields=["attempts", "pesan_galat", "status", "sent_at", "updated_at"])
    if delivery.status != DeliveryStatus.MENUNGGU:
        return None
    return settings.RAKOR_NOTIFY_BACKOFF * 2 ** (delivery.attempts - 1)
