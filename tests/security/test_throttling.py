"""Findings 3, 4, 5 and 6 of issue 13: login throttling per address and per account, a
lockout that ends on time, the proxy header trusted only from the proxy, the old password
throttled, and passwords checked against the Pemda's name, the app's name and common ones.

Time is frozen (time-machine) wherever a lockout's length matters.
"""

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = "2025-06-02 08:00 +0700"


def login_post(client, username, password, addr="10.0.0.1", **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=addr,
        **headers,
    )


# --- finding 3: per address as well as per account -------------------------------------------


def test_one_address_spraying_many_usernames_is_throttled(operator, password, settings):
    settings.RAKOR_LOGIN_ADDRESS_LIMIT = 20
    with time_machine.travel(NOW, tick=False):
        codes = [
            login_post(Client(), f"pegawai{n}", "sukamaju-tebakan").status_code for n in range(60)
        ]
        # 20 failures from 10.0.0.1 are answered as usual; the 21st guess gets 429
        assert codes[:20] == [200] * 20
        assert set(codes[20:]) == {429}
        # the real user behind the same address waits too; another address does not
        assert login_post(Client(), "operator", password).status_code == 429
        assert login_post(Client(), "operator", password, addr="10.0.0.2").status_code == 302


def test_one_account_guessed_from_many_addresses_is_throttled(operator, password, settings):
    settings.RAKOR_LOGIN_ACCOUNT_LIMIT = 20
    with time_machine.travel(NOW, tick=False):
        codes = [
            login_post(Client(), "operator", f"tebakan-{n}", addr=f"10.1.0.{n}").status_code
            for n in range(1, 31)
        ]
        assert codes[:20] == [200] * 20
        assert set(codes[20:]) == {429}


def test_a_lockout_ends_on_time_even_if_bad_tries_go_on(operator, password):
    with time_machine.travel(NOW, tick=False) as clock:
        for attempt in range(5):
            login_post(Client(), "operator", f"salah-{attempt}")
        # an office NAT: someone keeps trying a wrong password every 20 seconds
        for _ in range(45):  # 15 minutes
            clock.shift(20)
            assert login_post(Client(), "operator", "masih-salah").status_code == 429
        clock.shift(5)
        client = Client()
        assert login_post(client, "operator", password).status_code == 302
        assert SESSION_KEY in client.session


# --- finding 4: X-Forwarded-For only from our proxy -------------------------------------------


@pytest.fixture
def behind_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.RAKOR_TRUSTED_PROXIES = ["127.0.0.1"]


def test_a_forged_forwarded_for_from_a_direct_client_is_ignored(behind_proxy, rf):
    from rakor.security import client_ip

    direct = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.7", REMOTE_ADDR="203.0.113.9")
    assert client_ip(direct) == "203.0.113.9"
    proxied = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(proxied) == "10.0.0.7"


def test_a_direct_client_cannot_lock_a_user_out_from_a_chosen_address(
    behind_proxy, operator, password
):
    with time_machine.travel(NOW, tick=False):
        for attempt in range(10):
            login_post(
                Client(),
                "operator",
                f"salah-{attempt}",
                "203.0.113.9",
                HTTP_X_FORWARDED_FOR="10.0.0.7",
            )
        # the real user at 10.0.0.7 comes through the proxy and signs in
        real = login_post(
            Client(), "operator", password, "127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.7"
        )
        assert real.status_code == 302


def test_the_readme_binds_gunicorn_to_loopback():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "0.0.0.0:8000" not in readme
    assert "--bind 127.0.0.1:8000" in readme


# --- finding 5: the old password on /akun/kata-sandi/ is throttled ----------------------------


def test_guessing_the_old_password_is_throttled(client, operator, password):
    new = "kalimat panjang untuk rapat koordinasi"
    client.force_login(operator)
    with time_machine.travel(NOW, tick=False) as clock:
        codes = []
        for attempt in range(6):
            response = client.post(
                reverse("password_change"),
                {"old_password": f"tebakan-{attempt}", "new_password1": new, "new_password2": new},
                REMOTE_ADDR="10.0.0.1",
            )
            codes.append(response.status_code)
        assert codes[:4] == [200] * 4
        assert codes[4:] == [429, 429]
        right = client.post(
            reverse("password_change"),
            {"old_password": password, "new_password1": new, "new_password2": new},
            REMOTE_ADDR="10.0.0.1",
        )
        assert right.status_code == 429, "even the right old password waits for the lockout"
        operator.refresh_from_db()
        assert operator.check_password(password)
        clock.shift(16 * 60)
        right = client.post(
            reverse("password_change"),
            {"old_password": password, "new_password1": new, "new_password2": new},
            REMOTE_ADDR="10.0.0.1",
        )
        assert right.status_code == 302


# --- finding 6: password validators -----------------------------------------------------------


@pytest.mark.parametrize(
    "new_password, message",
    [
        ("aaaaaaaaaaaa", "terlalu sedikit karakter yang berbeda"),
        (" " * 12, "terlalu sedikit karakter yang berbeda"),
        ("sukamaju2025!", "nama pemda"),
        ("Kab-Sukamaju-Jaya", "nama pemda"),
        ("rakor-demo-2026", "nama aplikasi"),
        ("bismillah123!", "terlalu umum"),
    ],
)
def test_weak_passwords_found_by_the_adversarial_run_are_refused(
    client, operator, password, new_password, message, settings
):
    settings.RAKOR_PEMDA_NAME = "Pemerintah Kabupaten Sukamaju"
    client.force_login(operator)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    operator.refresh_from_db()
    assert operator.check_password(password)


def test_the_same_password_again_is_refused(client, password):
    user = UserFactory(username="bendahara")
    user.set_password("kalimat panjang yang lama sekali")
    user.save()
    client.force_login(user)
    same = "kalimat panjang yang lama sekali"
    response = client.post(
        reverse("password_change"),
        {"old_password": same, "new_password1": same, "new_password2": same},
    )
    assert response.status_code == 200
    assert "sama dengan kata sandi sekarang" in response.content.decode().lower()
