"""The whole demo practice exports to FHIR with zero validation errors (fhir.resources R4B)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.core.config import Settings
from api.demo.seed import DEMO_PASSWORD, seed_demo
from tests.demo.test_seed import _all, _token
from tests.interop.fhir_check import validate_bundle


def test_every_demo_case_exports_a_valid_bundle(
    client: TestClient, session_factory: Callable[[], Session], settings: Settings
) -> None:
    seed_demo(session_factory, settings=settings)
    admin = _token(
        client, grant_type="password", username="admin@demo.cairn.test", password=DEMO_PASSWORD
    )
    cases = _all(client, "/api/v1/cases", admin)
    assert cases
    richest: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for case in cases:
        response = client.get(
            f"/api/v1/cases/{case['id']}/fhir", headers={"Authorization": f"Bearer {admin}"}
        )
        assert response.status_code == 200, response.text
        counts = validate_bundle(response.json())
        seen.update(counts.keys())
        if len(counts) > len(richest):
            richest = counts
    # Every kind of resource the export knows appears somewhere in the demo, and the
    # richest case (aftercare, referral, check-ins) carries nearly all of them at once.
    assert set(seen) == {
        "Patient",
        "Organization",
        "RelatedPerson",
        "CarePlan",
        "Task",
        "Goal",
        "Observation",
        "Questionnaire",
        "QuestionnaireResponse",
        "Consent",
        "ServiceRequest",
    }
    assert len(richest) >= 10, richest
    assert richest["CarePlan"] == 2  # the intervention plan and the aftercare plan
