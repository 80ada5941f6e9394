"""Property-based fuzz of the whole OpenAPI document: no 5xx, every response as declared.

Requests are signed in as an admin whose organisation has a case, so most
operations get past authentication and reach their real logic.
"""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.users.models import Role
from tests.factories import Factory, case_body

api_schema = schemathesis.pytest.from_fixture("openapi_schema")


@pytest.fixture
def openapi_schema(app: FastAPI, client: TestClient) -> Any:
    # Every request carries a valid token, so the document is fuzzed without its
    # security requirements: otherwise "drop the Authorization header" mutations
    # would be re-signed by the test and wrongly reported as accepted.
    # Missing and forged tokens are tested directly in tests/auth.
    document = copy.deepcopy(app.openapi())
    for operations in document["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = app
    return schema


@pytest.fixture
def admin_headers(client: TestClient, make: Factory) -> dict[str, str]:
    org = make.organization()
    admin = make.user(org, Role.admin)
    headers = make.headers(admin)
    client.post("/api/v1/cases", json=case_body(), headers=headers)
    return headers


@api_schema.parametrize()
@settings(
    # Deterministic by default so CI is repeatable; CAIRN_FUZZ_RANDOM=1 and a larger
    # CAIRN_FUZZ_EXAMPLES explore further when hunting for bugs.
    max_examples=int(os.environ.get("CAIRN_FUZZ_EXAMPLES", "30")),
    derandomize=os.environ.get("CAIRN_FUZZ_RANDOM") != "1",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_keeps_its_contract(case: Any, admin_headers: dict[str, str]) -> None:
    # Every check runs except "schema-valid data must be accepted": business rules
    # (closing needs an outcome, the token grant's fields depend on grant_type),
    # opaque cursors and If-Match legitimately refuse data the schema allows.
    case.call_and_validate(headers=admin_headers, excluded_checks=[positive_data_acceptance])
