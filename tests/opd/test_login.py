import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_home_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_indonesian(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk ke Rakor" in response.content.decode()
    assert 'lang="id"' in response.content.decode()


def test_login_then_home_then_logout(client, operator, password):
    response = client.post(
        reverse("login"), {"username": "operator", "password": password}, follow=True
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Selamat datang" in body
    assert "Dinkes" in body
    response = client.post(reverse("logout"), follow=True)
    assert "Masuk ke Rakor" in response.content.decode()
    assert client.get("/").status_code == 302


def test_wrong_password_shows_indonesian_message(client, operator):
    response = client.post(reverse("login"), {"username": "operator", "password": "salah"})
    assert response.status_code == 200
    assert "nama pengguna" in response.content.decode().lower()


def test_navigation_depends_on_role(client, operator, admin_user):
    client.force_login(operator)
    body = client.get("/").content.decode()
    assert reverse("admin:index") not in body
    client.force_login(admin_user)
    body = client.get("/").content.decode()
    assert reverse("admin:index") in body


def test_pages_reference_only_local_assets(client, operator):
    client.force_login(operator)
    body = client.get("/").content.decode()
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', body)
    assert assets, "the page links its stylesheet"
    for url in assets:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url


def test_a_wrong_password_is_said_once_and_plainly(client, operator):
    response = client.post(reverse("login"), {"username": "operator", "password": "salah"})
    body = response.content.decode()
    assert "Nama pengguna atau kata sandi salah." in body
    assert "nama pengguna nama pengguna" not in body.lower()


def test_the_admin_is_named_for_rakor(client, admin_user):
    client.force_login(admin_user)
    body = client.get("/admin/").content.decode()
    assert "Administrasi Rakor" in body and "Administrasi Django" not in body
