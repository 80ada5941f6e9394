"""Speaks to one case's accountability side (goals, check-ins, schedules, alerts, the
portal) the way the dashboard and the mobile clients do. Shared by tests/goals,
tests/checkins, tests/alerts, tests/portal and the missed-check-in job's tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.users.models import User
from tests.factories import Factory
from tests.practice import Practice

API = "/api/v1"
PORTAL_PASSWORD = "a long portal password"
CLIENT_EMAIL = "danny.okafor@example.org"


class CaseDriver:
    """One case, opened by the practice's lead; every call is made as the lead unless `by`."""

    def __init__(
        self,
        client: TestClient,
        make: Factory,
        practice: Practice,
        case: dict[str, Any] | None = None,
    ) -> None:
        self.client, self.make, self.practice = client, make, practice
        self.case = case or practice.open_case(
            client,
            make,
            client={
                "first_name": "Daniel",
                "last_name": "Okafor",
                "preferred_name": "Danny",
                "email": CLIENT_EMAIL,
            },
        )
        self.id = self.case["id"]
        self.path = f"{API}/cases/{self.id}"

    def headers(self, by: User | None = None, /, **extra: str) -> dict[str, str]:
        return self.make.headers(by or self.practice.lead, **extra)

    # participants ---------------------------------------------------------------

    def participant(self, full_name: str = "Grace Okafor", **fields: Any) -> dict[str, Any]:
        body = {"full_name": full_name, "relationship": "sibling", **fields}
        response = self.client.post(f"{self.path}/participants", json=body, headers=self.headers())
        assert response.status_code == 201, response.text
        return dict(response.json())

    # goals ------------------------------------------------------------------------

    def create_goal(self, *, by: User | None = None, **fields: Any) -> Any:
        body = {
            "subject": "client",
            "title": "Attend mutual-help meetings",
            "category": "recovery_activities",
            "metric": "meetings attended per week",
            "unit": "meetings",
            "target_value": 3,
            "direction": "at_least",
            **fields,
        }
        return self.client.post(f"{self.path}/goals", json=body, headers=self.headers(by))

    def goal(self, **fields: Any) -> dict[str, Any]:
        response = self.create_goal(**fields)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def measure(self, goal_id: str, value: Any, **fields: Any) -> Any:
        return self.client.post(
            f"{API}/goals/{goal_id}/measurements",
            json={"value": value, **fields},
            headers=self.headers(),
        )

    def get_goal(self, goal_id: str) -> dict[str, Any]:
        response = self.client.get(f"{API}/goals/{goal_id}", headers=self.headers())
        assert response.status_code == 200, response.text
        return dict(response.json())

    # check-ins --------------------------------------------------------------------

    def submit(self, *, by: User | None = None, key: str | None = None, **answers: Any) -> Any:
        body = {"respondent": "client", **answers}
        if body["respondent"] == "client":
            body.setdefault("days_used", 0)
        extra = {"Idempotency-Key": key} if key else {}
        return self.client.post(
            f"{self.path}/check-ins", json=body, headers=self.headers(by, **extra)
        )

    def check_in(self, **answers: Any) -> dict[str, Any]:
        response = self.submit(**answers)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def check_ins(self, **params: Any) -> list[dict[str, Any]]:
        response = self.client.get(f"{self.path}/check-ins", params=params, headers=self.headers())
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    def create_schedule(self, *, by: User | None = None, **fields: Any) -> Any:
        body = {"respondent": "client", **fields}
        return self.client.post(
            f"{self.path}/check-in-schedules", json=body, headers=self.headers(by)
        )

    def schedule(self, **fields: Any) -> dict[str, Any]:
        response = self.create_schedule(**fields)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def schedules(self) -> list[dict[str, Any]]:
        response = self.client.get(f"{self.path}/check-in-schedules", headers=self.headers())
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    # alerts -----------------------------------------------------------------------

    def alerts(self, by: User | None = None, **params: Any) -> list[dict[str, Any]]:
        response = self.client.get(f"{API}/alerts", params=params, headers=self.headers(by))
        assert response.status_code == 200, response.text
        return [a for a in response.json()["items"] if a["case_id"] == self.id]

    # portal -----------------------------------------------------------------------

    def invite(self, respondent: str = "client", *, by: User | None = None) -> Any:
        return self.client.post(
            f"{self.path}/invitations", json={"respondent": respondent}, headers=self.headers(by)
        )

    def portal_tokens(self, respondent: str = "client") -> dict[str, Any]:
        """Invites the respondent and accepts the invitation: their first portal tokens."""
        invitation = self.invite(respondent)
        assert invitation.status_code == 201, invitation.text
        accepted = accept(self.client, invitation.json()["code"])
        assert accepted.status_code == 200, accepted.text
        return dict(accepted.json())

    def portal_headers(self, respondent: str = "client", **extra: str) -> dict[str, str]:
        return bearer(self.portal_tokens(respondent)["access_token"], **extra)


def accept(client: TestClient, code: str, password: str = PORTAL_PASSWORD) -> Any:
    return client.post(f"{API}/auth/accept-invite", json={"code": code, "password": password})


def bearer(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}
