"""Schemathesis against the API's own generated schema: any input the schema allows, for an
anonymous client and for a manager's token, gets no 500 and an answer the schema describes.

Driven operation by operation with Hypothesis rather than through schemathesis's pytest
plugin, whose parametrisation does not run under pytest 9.

Bounded: a few examples per operation (SCHEMATHESIS_EXAMPLES to raise it locally).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from commitments.models import Commitment
from commitments.services import api_tokens, publishing
from tests.factories import CommitmentFactory, ProgressUpdateFactory

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db, settings, owner, manager):
    settings.API_RATE_TOKEN = settings.API_RATE_ANONYMOUS = "100000/m"
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    cache.clear()
    for _ in range(3):
        update = ProgressUpdateFactory(commitment=CommitmentFactory(owner=owner), author=owner)
        # Published, so anonymous answers carry real public copies and public history.
        publishing.publication_publish(
            commitment_id=update.commitment_id, user=manager, public_reason="In the budget."
        )
    # As Django's test client does: a request's end must not close the test's connection.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def manager_token(manager) -> dict[str, str]:
    _token, secret = api_tokens.api_token_create(user=manager, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


bounded = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _fuzz(schema, headers: dict[str, str], pledge_id: int) -> list[str]:
    """Every operation with generated input, and those with an id once more on a real pledge
    (generated ids are nearly all unknown); the labels of those that ran."""
    ran = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategies = [operation.as_strategy()]
        if "{pk}" in operation.path and "sources" not in operation.path:
            strategies.append(operation.as_strategy(path_parameters={"pk": pledge_id}))
        for strategy in strategies:

            @bounded
            @given(case=strategy)
            def run(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            run()
        ran.append(operation.label)
    return ran


def test_anonymous_clients_get_no_500_and_answers_the_schema_describes(api_schema):
    ran = _fuzz(api_schema, {}, Commitment.objects.first().pk)

    assert "POST /api/v1/pledges/{pk}/progress" in ran and len(ran) >= 10


def test_token_holders_get_no_500_and_answers_the_schema_describes(api_schema, manager_token):
    ran = _fuzz(api_schema, manager_token, Commitment.objects.first().pk)

    assert "GET /api/v1/pledges" in ran and len(ran) >= 10
