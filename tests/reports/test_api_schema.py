"""Schemathesis against the API's own OpenAPI schema: every operation, with data that fits
the schema (positive) and data that breaks it (negative, boundaries included), answers
without a server error and with a body that fits the schema it documents for that status.

Bounded for CI: a few examples per operation and mode (API_SCHEMA_EXAMPLES, default 8).
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from opd.choices import Role
from reports.api.throttles import TokenRateThrottle
from tests.factories import UserFactory
from tests.reports.api_helpers import token_client

EXAMPLES = int(os.environ.get("API_SCHEMA_EXAMPLES", "8"))
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """The WSGI app in-process, as Django's test client runs it: the end of a request must not
    close the test's database connection (its transaction holds the test data)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def no_throttle(monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "100000/min"})


@pytest.mark.django_db
def test_every_operation_fits_its_schema(data, no_throttle, keep_test_connection):
    admin = UserFactory(username="adm-api", role=Role.ADMIN, opd=None, is_superuser=True)
    key = token_client(admin)._credentials["HTTP_AUTHORIZATION"]
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def run(case):
                case.call_and_validate(headers={"Authorization": key}, checks=CHECKS)

            run()
