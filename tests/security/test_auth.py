"""Authentication and session management (ASVS V2, V3)."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kalimat panjang untuk rapat 2025"


def login_post(client, username, password, addr="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=addr
    )


# --- V2.1: password strength, through the password change form --------------------------------


@pytest.mark.parametrize(
    "new_password, message",
    [
        ("pendek123", "terlalu pendek"),  # 9 characters < 12
        ("12345678901234", "seluruhnya terdiri dari angka"),
        ("password1234", "terlalu umum"),
        ("operator2025", "mirip"),  # similar to the username "operator",
    ],
)
def test_weak_new_password_is_refused_in_indonesian(
    client, operator, password, new_password, message
):
    client.force_login(operator)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    operator.refresh_from_db()
    assert operator.check_password(password), "the old password still works"


def test_password_change_page_is_indonesian_and_asks_for_12_characters(client, operator):
    client.force_login(operator)
    body = client.get(reverse("password_change")).content.decode()
    assert "Ubah kata sandi" in body
    assert "12 karakter" in body


def test_password_change_needs_the_old_password(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "kata sandi lama" in response.content.decode().lower()


def test_password_change_requires_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- V3.3.3 / V3.3.1: password change ends every other session --------------------------------


def test_password_change_logs_out_other_sessions_and_keeps_this_one(operator, password):
    laptop, phone = Client(), Client()
    assert login_post(laptop, "operator", password).status_code == 302
    assert login_post(phone, "operator", password, addr="10.0.0.2").status_code == 302
    assert phone.get("/").status_code == 200

    response = laptop.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert "berhasil diubah" in laptop.get(reverse("password_change_done")).content.decode()

    assert laptop.get("/").status_code == 200, "the session that changed it stays signed in"
    stale = phone.get("/")
    assert stale.status_code == 302, "the other session is signed out"
    assert stale["Location"].startswith(reverse("login"))
    assert SESSION_KEY not in phone.session


def test_logout_ends_the_session_on_the_server(client, operator, password):
    login_post(client, "operator", password)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = session_key
    assert replay.get("/").status_code == 302


# --- V3.3.2: idle timeout --------------------------------------------------------------------


def test_session_expires_after_30_minutes_without_a_request(client, operator, password, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    settings.RAKOR_SESSION_RENEW_SECONDS = 60  # production's (the test settings' is an hour)
    with time_machine.travel("2025-06-02 08:00 +0700", tick=False) as clock:
        login_post(client, "operator", password)
        clock.shift(29 * 60)
        assert client.get("/").status_code == 200, "activity at 29 minutes keeps it alive"
        clock.shift(29 * 60)
        assert client.get("/").status_code == 200, "counted from the last request, not login"
        clock.shift(31 * 60)
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_session_is_renewed_at_most_once_a_minute(client, operator, settings):
    settings.RAKOR_SESSION_RENEW_SECONDS = 60
    with time_machine.travel("2025-06-02 08:00 +0700", tick=False) as clock:
        client.force_login(operator)
        session = Session.objects.get()
        at_login = session.expire_date
        clock.shift(59)
        assert client.get("/").status_code == 200
        assert Session.objects.get().expire_date == at_login, "no write within the minute"
        clock.shift(2)
        assert client.get("/").status_code == 200
        renewed = Session.objects.get().expire_date
        assert renewed - at_login == datetime.timedelta(seconds=61)
        assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60


def test_an_anonymous_visit_creates_no_session(client, settings):
    settings.RAKOR_SESSION_RENEW_SECONDS = 0
    client.get(reverse("login"))
    client.get("/")
    assert not Session.objects.exists()


def test_session_cookie_flags():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_session_id_changes_at_login(client, operator, password):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    login_post(client, "operator", password)
    assert client.session.session_key != before


# --- V2.2.1: brute-force throttling ----------------------------------------------------------


def test_fifth_failure_locks_the_username_from_that_address_with_429(client, operator, password):
    for attempt in range(1, 5):
        response = login_post(client, "operator", f"salah-{attempt}")
        assert response.status_code == 200, attempt
    response = login_post(client, "operator", "salah-5")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in body
    assert "15 menit" in body
    assert 'lang="id"' in body
    # Locked: even the right password is refused now.
    response = login_post(client, "operator", password)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_lockout_is_per_username_and_address(client, operator, verifikator, password):
    for attempt in range(5):
        login_post(client, "operator", f"salah-{attempt}")
    assert login_post(client, "operator", password).status_code == 429
    # Another address may still sign in as operator; another user from the same address too.
    assert login_post(Client(), "operator", password, addr="10.0.0.9").status_code == 302
    assert login_post(Client(), "verifikator", password).status_code == 302


def test_lockout_ends_after_15_minutes(client, operator, password):
    with time_machine.travel("2025-06-02 08:00 +0700", tick=False) as clock:
        for attempt in range(5):
            login_post(client, "operator", f"salah-{attempt}")
        clock.shift(14 * 60)
        assert login_post(client, "operator", password).status_code == 429
        clock.shift(16 * 60)
        assert login_post(client, "operator", password).status_code == 302


def test_success_resets_the_failure_count(client, operator, password):
    for attempt in range(4):
        login_post(client, "operator", f"salah-{attempt}")
    assert login_post(client, "operator", password).status_code == 302
    client.post(reverse("logout"))
    for attempt in range(4):
        assert login_post(client, "operator", f"lagi-{attempt}").status_code == 200
    assert AccessAttempt.objects.get(username="operator").failures_since_start == 4


def test_password_is_never_stored_in_the_attempt_log(client, operator):
    login_post(client, "operator", "rahasia-yang-salah")
    attempt = AccessAttempt.objects.get(username="operator")
    assert "rahasia-yang-salah" not in attempt.post_data


def test_test_client_login_and_force_login_still_work(client, operator, password):
    assert client.login(username="operator", password=password)
    assert client.get("/").status_code == 200
    other = Client()
    other.force_login(operator)
    assert other.get("/").status_code == 200


def test_client_address_behind_proxy_is_the_last_hop(rf, settings):
    from rakor.security import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.1"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.RAKOR_TRUSTED_PROXIES = ["10.0.0.1"]  # the proxy
    assert client_ip(request) == "203.0.113.7", "a forged first hop is ignored"


def test_every_page_links_to_the_password_change(client, operator):
    client.force_login(operator)
    assert reverse("password_change") in client.get("/").content.decode()
