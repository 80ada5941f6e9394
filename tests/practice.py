"""A practice to test against: one organisation with a person in every role, and a stranger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from api.organizations.models import Organization
from api.users.models import Role, User
from tests.factories import Factory, case_body


@dataclass
class Practice:
    org: Organization
    admin: User
    supervisor: User
    lead: User
    colleague: User
    outsider: User

    def open_case(
        self, http: TestClient, make: Factory, by: User | None = None, **fields: Any
    ) -> dict[str, Any]:
        response = http.post(
            "/api/v1/cases", json=case_body(**fields), headers=make.headers(by or self.lead)
        )
        assert response.status_code == 201, response.text
        return dict(response.json())


def build_practice(make: Factory) -> Practice:
    org = make.organization("Harbor Light")
    elsewhere = make.organization("Other Practice")
    return Practice(
        org=org,
        admin=make.user(org, Role.admin),
        supervisor=make.user(org, Role.supervisor),
        lead=make.user(org, Role.interventionist, full_name="Jordan Ellis"),
        colleague=make.user(org, Role.interventionist, full_name="Maya Chen"),
        outsider=make.user(elsewhere, Role.admin),
    )
