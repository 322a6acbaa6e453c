"""Calling the API as a program does: with a token in the Authorization header."""

from rest_framework.test import APIClient

from rakor.tokens import ApiToken


def token_client(user, nama="skrip") -> APIClient:
    token, key = ApiToken.issue(user, nama)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.token = token
    return client
