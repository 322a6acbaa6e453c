"""The API's access matrix with tokens: every endpoint, every role and an anonymous caller.

A token is its user: an operator's token reads and writes its own OPD only (another OPD's
report is 404, as on the pages), a pimpinan's reads everything and writes nothing, and a
refused write changes nothing.

Codes per role in ROLES order: O = 200, D = 403 or 404, U = 401 (no or a bad token),
M = 405.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rakor.tokens import ApiToken
from tests.access.matrix import MATRIX, ROLES, snapshot
from tests.access.urls import kwargs_for

# A token reads what its user's session reads: the API's rows of the access matrix (the docs
# page is a browser page, not reached with a token).
GET = {
    key: codes
    for key, codes in MATRIX.items()
    if key[0].startswith("api:") and key[0] != "api:docs"
}

# Writes on October (terkirim for both OPDs: locked) and on OPD B: refused for every role,
# except a second submit of OPD A's month by those who may submit it, which is the workflow's
# no-op (a double click), answered with the report as it is.
WRITES = {
    ("put", "api:laporan", "own"): "UDDDDD",
    ("put", "api:laporan", "other"): "UDDDDD",
    ("post", "api:laporan_kirim", "own"): "UODDDO",
    ("post", "api:laporan_kirim", "other"): "UDDDDO",
}


def classify(response) -> str:
    codes = {200: "O", 401: "U", 403: "D", 404: "D", 405: "M"}
    return codes.get(response.status_code, f"<{response.status_code}>")


def api_client(world, role) -> APIClient:
    client = APIClient()
    if role != "anon":
        _, key = ApiToken.issue(world.users[role], f"matriks-{role}")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_every_api_url_is_in_the_matrix():
    from tests.access.urls import all_url_names

    api_names = {name for name in all_url_names() if name.startswith("api:")}
    assert api_names - {"api:docs"} == {name for name, _ in GET}


@pytest.mark.parametrize("role", ROLES)
def test_api_get_matrix(role, world):
    client = api_client(world, role)
    index = ROLES.index(role)
    got, expected = {}, {}
    for (name, variant), codes in GET.items():
        url = reverse(name, kwargs=kwargs_for(name, world)[variant])
        got[(name, variant)] = classify(client.get(url))
        expected[(name, variant)] = codes[index]
    assert got == expected


@pytest.mark.parametrize("role", ROLES)
def test_refused_api_writes_change_nothing(role, world):
    client = api_client(world, role)
    index = ROLES.index(role)
    body = {"versi": world.report_a.version, "baris": [{"id": world.line_a.pk}]}
    before = snapshot()
    for (method, name, variant), codes in WRITES.items():
        url = reverse(name, kwargs=kwargs_for(name, world)[variant])
        response = getattr(client, method)(url, body, format="json")
        assert classify(response) == codes[index], (method, name, variant, response.content)
    after = snapshot()
    # a token's use is recorded; nothing else changes
    for state in (before, after):
        state.pop("rakor.ApiToken")
    assert after == before


def test_a_bad_or_revoked_token_is_401(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer rk_not-a-token")
    answer = client.get("/api/v1/opd/")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Token API tidak sah atau telah dicabut."
    token, key = ApiToken.issue(world.users["operator_a"], "lama")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/opd/").status_code == 200
    token.revoke()
    assert client.get("/api/v1/opd/").status_code == 401
