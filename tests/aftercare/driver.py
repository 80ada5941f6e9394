"""Speaks to one case's aftercare plan the way the dashboard does (shared by tests/aftercare)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.users.models import User
from tests.checkins.driver import API, CaseDriver
from tests.consents.test_consents import consent_body
from tests.factories import Factory
from tests.practice import Practice


class AftercareDriver(CaseDriver):
    """A case with a family, a treatment center, and its aftercare plan."""

    def __init__(self, client: TestClient, make: Factory, practice: Practice) -> None:
        super().__init__(client, make, practice)
        self.plan_path = f"{self.path}/aftercare"
        self.etag = ""

    def center(self, name: str = "Riverbend Recovery", level: str = "2.1") -> dict[str, Any]:
        response = self.client.post(
            f"{API}/treatment-centers",
            json={"name": name, "levels_of_care": [level]},
            headers=self.headers(self.practice.admin),
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    def resource(self, name: str, audience: str = "client", **fields: Any) -> dict[str, Any]:
        body = {
            "name": name,
            "kind": "mutual_help" if audience == "client" else "family_support",
            "audience": audience,
            "format": "in_person",
            "time_zone": "America/Chicago",
            "meetings": [{"day_of_week": "tuesday", "start_time": "19:00", "end_time": "20:00"}],
            **fields,
        }
        response = self.client.post(
            f"{API}/resources", json=body, headers=self.headers(self.practice.supervisor)
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    def consent(self, center: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post(
            f"{self.path}/consents", json=consent_body(center["id"]), headers=self.headers()
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    def move(self, status: str, reason: str | None = None) -> Any:
        body = {"status": status, **({"reason": reason} if reason else {})}
        return self.client.post(f"{self.path}/status", json=body, headers=self.headers())

    def case_now(self) -> dict[str, Any]:
        return dict(self.client.get(self.path, headers=self.headers()).json())

    def into_aftercare(self) -> None:
        for step in ("planning", "scheduled", "intervention_held", "in_treatment", "aftercare"):
            response = self.move(step)
            assert response.status_code == 200, response.text

    def get(self, by: User | None = None) -> Any:
        response = self.client.get(self.plan_path, headers=self.headers(by))
        if response.status_code == 200:
            self.etag = response.headers.get("etag", "")  # none while there is no plan
        return response

    def plan(self) -> dict[str, Any]:
        response = self.get()
        assert response.status_code == 200, response.text
        return dict(response.json())

    def put(
        self, body: dict[str, Any], *, by: User | None = None, etag: str | None = "current"
    ) -> Any:
        if etag == "current":
            etag = self.etag or None
        extra = {"If-Match": etag} if etag else {}
        response = self.client.put(self.plan_path, json=body, headers=self.headers(by, **extra))
        if response.status_code == 200:
            self.etag = response.headers["etag"]
        return response

    def saved(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.put(body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def escalate(
        self, reason: str = "Drank on three days", *, by: User | None = None, **extra: str
    ) -> Any:
        return self.client.post(
            f"{self.plan_path}/escalate", json={"reason": reason}, headers=self.headers(by, **extra)
        )


def full_plan(grace_id: str, center_id: str, *, resource_id: str | None = None) -> dict[str, Any]:
    """A complete plan: every section, the family member Grace, the center for escalation."""
    body: dict[str, Any] = {
        "relapse_prevention": {
            "triggers": ["Payday Fridays"],
            "warning_signs": ["Skipping meetings"],
            "high_risk_situations": ["Work conferences with an open bar"],
            "coping_strategies": ["Call the sponsor before 9 pm"],
        },
        "emergency_contacts": [
            {
                "name": "Grace Okafor",
                "relationship": "sister",
                "phone": "555-010-0142",
                "participant_id": grace_id,
            }
        ],
        "sober_living": {"name": "Maple House", "move_in_date": "2026-12-20"},
        "outpatient": {
            "treatment_center_id": center_id,
            "name": "Riverbend IOP",
            "level_of_care": "2.1",
        },
        "medication": {"kind": "naltrexone", "prescriber": "Dr. Patel", "notes": "50 mg daily"},
        "family_support": [
            {"participant_id": grace_id, "commitment": "Al-Anon every Tuesday; no bailouts."}
        ],
        "escalation_agreement": {
            "relapse_definition": "Any drinking after 30 days sober",
            "next_level_of_care": "2.1",
            "treatment_center_id": center_id,
            "who_calls": "Grace calls Jordan; Jordan calls Riverbend",
            "agreed_by": ["client", grace_id],
            "agreed_at": "2026-12-01T18:00:00Z",
        },
        "notes": "Private: Grace worries about her own drinking.",
    }
    if resource_id:
        body["resources"] = [{"resource_id": resource_id, "for": "client", "note": "Home group"}]
    return body
