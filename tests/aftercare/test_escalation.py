"""Relapse closes the loop: check-in → alert naming the agreed step → escalate → draft referral."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.aftercare.driver import API, AftercareDriver, full_plan
from tests.factories import Factory
from tests.practice import Practice


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> AftercareDriver:
    driver = AftercareDriver(client, make, practice)
    driver.grace = driver.participant("Grace Okafor")  # type: ignore[attr-defined]
    driver.riverbend = driver.center()  # type: ignore[attr-defined]
    driver.into_aftercare()
    driver.plan()
    return driver


def agreed(case: AftercareDriver) -> None:
    case.saved(full_plan(case.grace["id"], case.riverbend["id"]))  # type: ignore[attr-defined]


def test_relapse_in_the_portal_raises_an_alert_naming_the_agreed_step_then_escalate(
    case: AftercareDriver,
) -> None:
    agreed(case)
    portal = case.portal_headers("client")
    reported = case.client.post(
        f"{API}/portal/check-ins",
        json={"days_used": 3, "substances_used": ["alcohol"]},
        headers=portal,
    )
    assert reported.status_code == 201, reported.text
    [alert] = case.alerts()
    assert alert["kind"] == "relapse_reported"
    assert alert["title"].startswith("Relapse in aftercare: use on ")
    assert alert["title"].count(":") == 1  # one label, not "…: use reported: 3 of 7 days: …"
    assert "intensive outpatient (2.1) at Riverbend Recovery" in alert["detail"]
    assert "Grace calls Jordan" in alert["detail"]

    escalated = case.escalate("Drank on three days; step up to IOP as agreed.")
    assert escalated.status_code == 201, escalated.text
    result = escalated.json()
    assert result["case_status"] == "in_treatment"
    assert result["consent_attached"] is False
    referral = case.client.get(f"{API}/referrals/{result['referral_id']}", headers=case.headers())
    assert referral.json()["status"] == "draft"
    assert referral.json()["level_of_care"] == "2.1"
    assert referral.json()["treatment_center_id"] == case.riverbend["id"]  # type: ignore[attr-defined]
    assert referral.json()["consent_id"] is None
    timeline = case.client.get(f"{case.path}/timeline", headers=case.headers()).json()["items"]
    move = next(e for e in timeline if e["kind"] == "status_changed")
    assert (move["from_status"], move["to_status"]) == ("aftercare", "in_treatment")
    assert move["reason"] == "Drank on three days; step up to IOP as agreed."
    assert move["details"]["cause"] == "aftercare_escalation"

    # Sending still needs an active Part 2 consent naming the center.
    send = case.client.post(f"{API}/referrals/{result['referral_id']}/send", headers=case.headers())
    assert send.status_code == 422
    assert send.json()["type"].endswith("consent-required")
    consent = case.consent(case.riverbend)  # type: ignore[attr-defined]
    attached = case.client.patch(
        f"{API}/referrals/{result['referral_id']}",
        json={"consent_id": consent["id"]},
        headers=case.headers(),
    )
    assert attached.status_code == 200, attached.text
    sent = case.client.post(f"{API}/referrals/{result['referral_id']}/send", headers=case.headers())
    assert sent.status_code == 200, sent.text


def test_an_active_consent_naming_the_center_is_attached(case: AftercareDriver) -> None:
    agreed(case)
    case.consent(case.riverbend)  # type: ignore[attr-defined]
    escalated = case.escalate()
    assert escalated.json()["consent_attached"] is True


def test_without_an_agreement_escalate_is_409_and_says_what_is_missing(
    case: AftercareDriver,
) -> None:
    response = case.escalate()
    assert response.status_code == 409
    assert "escalation agreement" in response.json()["detail"]
    case.saved({"escalation_agreement": {"relapse_definition": "Any use"}})
    partial = case.escalate()
    assert partial.status_code == 409
    assert "next level of care" in partial.json()["detail"]
    assert "treatment center" in partial.json()["detail"]
    assert case.case_now()["status"] == "aftercare"


def test_outside_aftercare_escalate_is_409(case: AftercareDriver) -> None:
    agreed(case)
    assert case.escalate().status_code == 201
    again = case.escalate()
    assert again.status_code == 409
    assert "in_treatment" in again.json()["detail"]


def test_escalate_is_idempotent_with_a_key(case: AftercareDriver) -> None:
    agreed(case)
    first = case.escalate(**{"Idempotency-Key": "relapse-1"})
    second = case.escalate(**{"Idempotency-Key": "relapse-1"})
    assert first.status_code == second.status_code == 201
    assert second.headers["idempotent-replayed"] == "true"
    assert first.json() == second.json()
    referrals = case.client.get(f"{case.path}/referrals", headers=case.headers()).json()
    assert len(referrals["items"]) == 1


def test_escalate_bad_input_and_other_organisation(
    case: AftercareDriver, practice: Practice
) -> None:
    agreed(case)
    empty = case.client.post(
        f"{case.plan_path}/escalate", json={"reason": ""}, headers=case.headers()
    )
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["loc"] == ["body", "reason"]
    assert case.escalate(by=practice.outsider).status_code == 404
    assert case.escalate(by=practice.colleague).status_code == 404
    assert case.case_now()["status"] == "aftercare"


def test_a_check_in_with_use_before_aftercare_names_no_agreement(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    other = AftercareDriver(client, make, practice)
    other.check_in(days_used=2)
    [alert] = other.alerts()
    assert alert["title"].startswith("Use reported")
    assert alert["detail"] is None
