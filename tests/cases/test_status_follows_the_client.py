"""The case follows what happened to the client (issue #10 §4): admissions and completed
discharges move it from wherever it was, with the cause on the timeline, and staff can record
every real path by hand."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.practice import Practice
from tests.referrals.test_referrals import Network

BEFORE_TREATMENT = {
    "intake": [],
    "planning": ["planning"],
    "scheduled": ["planning", "scheduled"],
    "intervention_held": ["planning", "scheduled", "intervention_held"],
}


def walk(net: Network, *statuses: str) -> None:
    for status in statuses:
        response = net.client.post(
            f"/api/v1/cases/{net.case['id']}/status",
            json={"status": status, "reason": "next step"},
            headers=net.lead,
        )
        assert response.status_code == 200, response.text


def status_moves(net: Network) -> list[dict[str, Any]]:
    items = net.client.get(f"/api/v1/cases/{net.case['id']}/timeline", headers=net.lead).json()[
        "items"
    ]
    return [e for e in items if e["kind"] == "status_changed"]


@pytest.fixture
def arise(client: TestClient, make: Factory, practice: Practice) -> Network:
    """The referral network, around a fresh ARISE case still at intake."""
    net = Network(client, make, practice)
    net.case = practice.open_case(client, make, intervention_model="arise")
    return net


def partner(net: Network, referral: dict[str, Any], body: dict[str, Any]) -> None:
    response = net.client.post(
        f"/api/v1/partner/referrals/{referral['id']}/status", json=body, headers=net.partner_a
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("stage", list(BEFORE_TREATMENT))
def test_an_admission_moves_a_case_not_yet_in_treatment_to_in_treatment(
    arise: Network, stage: str
) -> None:
    walk(arise, *BEFORE_TREATMENT[stage])
    referral = arise.sent_referral(arise.center_a)
    for status in ("received", "accepted", "admitted"):
        partner(arise, referral, {"status": status})
    assert arise.case_status() == "in_treatment"
    newest = status_moves(arise)[0]
    assert (newest["from_status"], newest["to_status"]) == (stage, "in_treatment")
    assert newest["reason"] == "Admitted to A Recovery (referral)."
    assert newest["actor"] is None  # a partner, not a staff member
    assert newest["details"]["reported_by"] == "partner"
    assert newest["details"]["referral_id"] == referral["id"]

    partner(arise, referral, {"status": "discharged", "discharge_reason": "completed"})
    assert arise.case_status() == "aftercare"
    newest = status_moves(arise)[0]
    assert (newest["from_status"], newest["to_status"]) == ("in_treatment", "aftercare")
    assert newest["reason"] == "Completed treatment at A Recovery (referral); aftercare begins."


def test_an_admission_staff_record_for_a_center_that_is_no_partner_names_them(
    arise: Network, practice: Practice
) -> None:
    walk(arise, "planning")
    referral = arise.sent_referral(arise.center_b)
    for status in ("accepted", "admitted"):
        response = arise.client.post(
            f"/api/v1/referrals/{referral['id']}/status",
            json={"status": status},
            headers=arise.lead,
        )
        assert response.status_code == 200, response.text
    newest = status_moves(arise)[0]
    assert (newest["from_status"], newest["to_status"]) == ("planning", "in_treatment")
    assert newest["reason"] == "Admitted to B House (referral)."
    assert newest["actor"] == {"id": str(practice.lead.id), "full_name": "Jordan Ellis"}


def test_a_discharge_that_did_not_complete_treatment_leaves_the_case_in_treatment(
    arise: Network,
) -> None:
    referral = arise.sent_referral(arise.center_a)
    for status in ("accepted", "admitted"):
        partner(arise, referral, {"status": status})
    partner(arise, referral, {"status": "discharged", "discharge_reason": "left_against_advice"})
    assert arise.case_status() == "in_treatment"
    assert len(status_moves(arise)) == 1


def test_a_discharge_dated_before_the_admission_is_refused_and_moves_nothing(
    arise: Network,
) -> None:
    referral = arise.sent_referral(arise.center_a)
    partner(arise, referral, {"status": "accepted"})
    partner(arise, referral, {"status": "admitted", "admitted_at": "2026-03-05T09:00:00Z"})
    response = arise.client.post(
        f"/api/v1/partner/referrals/{referral['id']}/status",
        json={
            "status": "discharged",
            "discharge_reason": "completed",
            "discharged_at": "2026-03-01T09:00:00Z",
        },
        headers=arise.partner_a,
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["loc"] == ["body", "discharged_at"]
    assert arise.case_status() == "in_treatment"


def test_a_completed_discharge_moves_to_aftercare_even_when_the_admission_never_reached_the_case(
    arise: Network,
) -> None:
    referral = arise.sent_referral(arise.center_a)
    arise.client.post(
        f"/api/v1/cases/{arise.case['id']}/status",
        json={"status": "closed", "outcome": "lost_contact"},
        headers=arise.lead,
    )
    for status in ("accepted", "admitted"):
        partner(arise, referral, {"status": status})
    assert arise.case_status() == "closed"  # a closed case is not moved
    walk(arise, "intake")  # the family calls again
    partner(arise, referral, {"status": "discharged", "discharge_reason": "completed"})
    assert arise.case_status() == "aftercare"
    newest = status_moves(arise)[0]
    assert (newest["from_status"], newest["to_status"]) == ("intake", "aftercare")


def test_a_client_in_aftercare_admitted_again_is_back_in_treatment(arise: Network) -> None:
    walk(arise, "in_treatment", "aftercare")
    referral = arise.sent_referral(arise.center_a)
    for status in ("accepted", "admitted"):
        partner(arise, referral, {"status": status})
    assert arise.case_status() == "in_treatment"
    assert status_moves(arise)[0]["from_status"] == "aftercare"


# --- staff record the same moves by hand ------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "to"),
    [
        ([], "in_treatment"),  # entered treatment at the first call (ARISE)
        (["planning"], "in_treatment"),
        (["planning", "scheduled"], "in_treatment"),  # went in before the day
        (["planning", "scheduled", "intervention_held", "in_treatment"], "planning"),  # left early
        (["in_treatment", "aftercare"], "planning"),  # relapsed, refuses treatment
        (["planning"], "aftercare"),  # completed treatment the practice never saw begin
        (["in_treatment", "aftercare"], "in_treatment"),  # relapse, escalation
    ],
)
def test_staff_record_a_move_off_the_planned_route_with_a_reason(
    arise: Network, path: list[str], to: str
) -> None:
    walk(arise, *path)
    url = f"/api/v1/cases/{arise.case['id']}/status"
    missing = arise.client.post(url, json={"status": to}, headers=arise.lead)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["loc"] == ["body", "reason"]
    blank = arise.client.post(url, json={"status": to, "reason": "  "}, headers=arise.lead)
    assert blank.status_code == 422
    done = arise.client.post(
        url, json={"status": to, "reason": "Entered detox after the first call"}, headers=arise.lead
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == to
    assert status_moves(arise)[0]["reason"] == "Entered detox after the first call"


@pytest.mark.parametrize(
    ("path", "to", "body"),
    [
        (["planning", "scheduled", "intervention_held"], "in_treatment", {}),
        (["in_treatment"], "aftercare", {}),
        (["in_treatment", "aftercare"], "closed", {"outcome": "completed_treatment"}),
    ],
)
def test_staff_record_a_move_on_the_planned_route_without_a_reason(
    arise: Network, path: list[str], to: str, body: dict[str, Any]
) -> None:
    walk(arise, *path)
    done = arise.client.post(
        f"/api/v1/cases/{arise.case['id']}/status", json={"status": to, **body}, headers=arise.lead
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == to


@pytest.mark.parametrize(
    ("path", "to", "allowed"),
    [
        ([], "scheduled", "planning, in_treatment, aftercare, closed"),
        (["planning", "scheduled", "intervention_held", "in_treatment"], "intake", None),
        (["in_treatment"], "scheduled", "planning, aftercare, closed"),
        (["in_treatment", "aftercare"], "intervention_held", "planning, in_treatment, closed"),
    ],
)
def test_a_move_that_no_client_takes_is_409_naming_the_real_ones(
    arise: Network, path: list[str], to: str, allowed: str | None
) -> None:
    walk(arise, *path)
    refused = arise.client.post(
        f"/api/v1/cases/{arise.case['id']}/status",
        json={"status": to, "reason": "why not"},
        headers=arise.lead,
    )
    assert refused.status_code == 409
    if allowed is not None:
        assert refused.json()["detail"].endswith(f"can move to: {allowed}.")
