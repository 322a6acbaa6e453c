"""Error pages (ASVS V7.4.1): Indonesian, and nothing internal leaks."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import path, reverse

import rakor.urls

pytestmark = pytest.mark.django_db

SECRET_DETAIL = "psycopg.OperationalError: password for user rakor_prod at 10.1.2.3"


def boom(request):
    raise RuntimeError(SECRET_DETAIL)


def db_down(request):
    connection.close()
    raise connection.Database.OperationalError(SECRET_DETAIL)


urlpatterns = [path("boom/", boom), path("db-down/", db_down), *rakor.urls.urlpatterns]
handler400 = rakor.urls.handler400
handler403 = rakor.urls.handler403
handler404 = rakor.urls.handler404
handler500 = rakor.urls.handler500


def test_404_is_indonesian(client, operator):
    client.force_login(operator)
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Halaman tidak ditemukan" in body
    assert "tidak-ada-halaman-ini" not in body, "the path is not echoed back"


def test_403_is_indonesian(client, operator):
    client.force_login(operator)
    response = client.get(reverse("realisasi:audit"))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_csrf_failure_is_indonesian_and_explains_what_to_do(operator, password):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "operator", "password": password})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulir kedaluwarsa" in body
    assert "muat ulang" in body


@pytest.mark.urls("tests.security.test_errors")
@pytest.mark.parametrize(
    "url, status, heading",
    [
        ("/boom/", 500, "Terjadi gangguan pada server"),
        # a database that cannot be reached is the 503 of issue 13, finding 11
        ("/db-down/", 503, "Basis data sedang tidak dapat dihubungi"),
    ],
)
def test_500_is_indonesian_and_leaks_nothing(operator, url, status, heading):
    client = Client(raise_request_exception=False)
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == status
    body = response.content.decode()
    assert heading in body
    assert 'lang="id"' in body
    for leak in ("OperationalError", "rakor_prod", "10.1.2.3", "Traceback", "RuntimeError"):
        assert leak not in body


def test_debug_is_off_in_the_settings_tests_run_with():
    from django.conf import settings

    assert settings.DEBUG is False
