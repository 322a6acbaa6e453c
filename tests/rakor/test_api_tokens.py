"""A user's API tokens: made on their page and shown once, stored hashed, last use recorded,
revoked by the user only, throttled one token at a time."""

import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from opd.choices import Role
from rakor.tokens import ApiToken
from reports.api.throttles import TokenRateThrottle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def bearer(key) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_a_token_is_shown_once_and_stored_hashed(operator, client):
    client.force_login(operator)
    page = client.post(reverse("api_tokens"), {"nama": "Skrip SIMDA"})
    assert page.status_code == 200
    key = page.context["new_key"]
    assert key.startswith("rk_") and key in page.content.decode()
    token = ApiToken.objects.get(user=operator)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(list(ApiToken.objects.values()))
    again = client.get(reverse("api_tokens")).content.decode()
    assert key not in again and "Skrip SIMDA" in again and "belum pernah" in again
    # its use is recorded
    assert bearer(key).get("/api/v1/opd/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_second_active_token_of_the_same_name_is_refused(operator, client):
    client.force_login(operator)
    client.post(reverse("api_tokens"), {"nama": "Skrip"})
    page = client.post(reverse("api_tokens"), {"nama": "Skrip"})
    assert "Anda sudah punya token aktif dengan nama ini." in page.content.decode()
    assert ApiToken.objects.count() == 1


def test_only_its_user_revokes_a_token(operator, verifikator, client):
    token, key = ApiToken.issue(operator, "Skrip")
    client.force_login(verifikator)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert bearer(key).get("/api/v1/opd/").status_code == 200
    client.force_login(operator)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    assert bearer(key).get("/api/v1/opd/").status_code == 401
    assert "Dicabut" in client.get(reverse("api_tokens")).content.decode()


def test_the_throttle_counts_each_token_on_its_own(operator, monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    _, first = ApiToken.issue(operator, "satu")
    _, second = ApiToken.issue(operator, "dua")
    busy = bearer(first)
    assert [busy.get("/api/v1/tahun/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert bearer(second).get("/api/v1/tahun/").status_code == 200


def test_a_token_of_a_deactivated_user_is_refused(opd):
    user = UserFactory(username="pergi", role=Role.OPERATOR, opd=opd)
    _, key = ApiToken.issue(user, "Skrip")
    user.is_active = False
    user.save()
    assert bearer(key).get("/api/v1/opd/").status_code == 401


def test_the_token_page_stays_flat(operator, client, django_assert_max_num_queries):
    for n in range(5):
        ApiToken.issue(operator, f"skrip {n}")
    client.force_login(operator)
    # the session's user, the menu's period, the tokens: one query for any number of them
    with django_assert_max_num_queries(6):
        assert client.get(reverse("api_tokens")).status_code == 200
