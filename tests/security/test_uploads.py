"""Request size guards (ASVS V12.1.1, V13.1.3): too large is refused with a clear page."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_limits_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert settings.RAKOR_MAX_REQUEST_SIZE == 20 * 1024 * 1024


def test_request_over_the_limit_gets_the_indonesian_413_page(client, verifikator, settings):
    settings.RAKOR_MAX_REQUEST_SIZE = 1024 * 1024
    client.force_login(verifikator)
    body = b"x" * (1024 * 1024 + 1)
    response = client.post(reverse("login"), body, content_type="application/octet-stream")
    assert response.status_code == 413
    text = response.content.decode()
    assert "Data terlalu besar" in text
    assert "1.0 MB" in text or "1,0 MB" in text
    assert "tidak ada data yang tersimpan" in text


def test_upload_over_the_limit_is_refused_before_it_is_parsed(client, verifikator, settings):
    settings.RAKOR_MAX_REQUEST_SIZE = 64 * 1024
    client.force_login(verifikator)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("apbd.xlsx", b"\0" * (65 * 1024))
    response = client.post(reverse("login"), {"file": upload})
    assert response.status_code == 413
    assert "Data terlalu besar" in response.content.decode()


def test_form_body_over_the_memory_limit_gets_the_same_page(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post(reverse("login"), {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "Data terlalu besar" in response.content.decode()


def test_too_many_fields_gets_an_indonesian_400_page(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = Client().post(reverse("login"), {f"f{i}": "1" for i in range(20)})
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()


def test_a_large_report_form_fits_in_the_field_limit():
    from django.conf import settings

    # 500 budget lines x 8 fields each (4 figures, kendala, solusi, alasan, id) + management.
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS >= 500 * 8 + 100


def test_normal_login_is_not_affected(client, operator, password):
    response = client.post(reverse("login"), {"username": "operator", "password": password})
    assert response.status_code == 302
