"""GET /cases/{id}/fhir: a case as a FHIR R4 Bundle, validated with fhir.resources."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from tests.checkins.driver import CaseDriver
from tests.factories import Factory
from tests.interop.fhir_check import validate_bundle
from tests.practice import Practice
from tests.referrals.test_referrals import Network

API = "/api/v1"


@pytest.fixture
def net(client: TestClient, make: Factory, practice: Practice) -> Network:
    return Network(client, make, practice)


def _by_type(body: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in body["entry"] if e["resource"]["resourceType"] == kind]


def _export(net: Network) -> dict[str, Any]:
    response = net.client.get(f"{API}/cases/{net.case['id']}/fhir", headers=net.lead)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")
    assert "attachment" in response.headers["content-disposition"]
    return dict(response.json())


def _rich_case(net: Network) -> dict[str, Any]:
    """Participants, a plan with tasks, goals of every target shape with measurements, a
    check-in, consents (one revoked), and a referral through admission."""
    client, lead, case_id = net.client, net.lead, net.case["id"]
    driver = CaseDriver.__new__(CaseDriver)
    driver.client, driver.id, driver.path = client, case_id, f"{API}/cases/{case_id}"
    driver.headers = lambda *a, **k: {**lead, **k}  # type: ignore[method-assign]
    grace = driver.participant("Grace Okafor", relationship="parent")
    driver.participant("Sam Reyes", relationship="coworker")
    plan = client.post(f"{API}/cases/{case_id}/plan", json={"template": "johnson"}, headers=lead)
    assert plan.status_code == 201, plan.text
    threshold = driver.goal(target_value=3, direction="at_least")
    driver.goal(
        title="Within the agreed limit",
        metric="standard drinks per week",
        unit="drinks",
        target_value=None,
        direction=None,
        target_low=0,
        target_high=2,
    )
    driver.goal(
        subject=grace["id"],
        title="Calm evenings",
        metric="how evenings feel",
        unit=None,
        target_value=None,
        direction=None,
        target_text="Evenings at home feel calm",
        lifecycle_status="accepted",
    )
    assert driver.measure(threshold["id"], 2).status_code == 201
    driver.check_in(
        respondent="client",
        period_days=7,
        days_used=0,
        craving=1,
        substances_used=[],
        goal_updates=[{"goal_id": threshold["id"], "value": 3}],
    )
    revoked = net.consent(net.center_b)
    client.post(f"{API}/consents/{revoked['id']}/revoke", json={"note": "No"}, headers=lead)
    referral = net.sent_referral(net.center_a)
    path = f"{API}/partner/referrals/{referral['id']}/status"
    for body in ({"status": "received"}, {"status": "accepted"}, {"status": "admitted"}):
        assert client.post(path, json=body, headers=net.partner_a).status_code == 200
    return {"threshold": threshold, "revoked": revoked, "referral": referral, "grace": grace}


def test_a_case_exports_as_a_valid_bundle(net: Network, db: Session) -> None:
    made = _rich_case(net)
    body = _export(net)
    counts = validate_bundle(body)
    assert counts["Patient"] == 1
    assert counts["RelatedPerson"] == 2
    assert counts["CarePlan"] == 1
    assert counts["Goal"] == 3
    assert counts["Observation"] == 2  # one by staff, one from the check-in
    assert counts["Questionnaire"] == 1
    assert counts["QuestionnaireResponse"] == 1
    assert counts["Consent"] == 2
    assert counts["ServiceRequest"] == 1
    assert counts["Organization"] == 3  # the practice and both centers

    patient = _by_type(body, "Patient")[0]
    assert patient["name"][0]["family"] == "Okafor"
    relationships = {
        p["name"][0]["text"]: p["relationship"][0] for p in _by_type(body, "RelatedPerson")
    }
    assert relationships["Grace Okafor"]["coding"][0]["code"] == "PRN"
    assert relationships["Sam Reyes"] == {"text": "coworker"}

    goals = {g["description"]["text"]: g for g in _by_type(body, "Goal")}
    assert goals["Attend mutual-help meetings"]["target"][0]["detailRange"] == {
        "low": {"value": 3, "unit": "meetings"}
    }
    assert goals["Within the agreed limit"]["target"][0]["detailRange"]["high"]["value"] == 2
    calm = goals["Calm evenings"]
    assert calm["target"][0]["detailString"] == "Evenings at home feel calm"
    assert calm["lifecycleStatus"] == "accepted"
    assert calm["expressedBy"]["display"] == "Grace Okafor"
    assert goals["Attend mutual-help meetings"]["achievementStatus"]["coding"][0] == {
        "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
        "code": "achieved",
    }

    consents = {c["id"]: c for c in _by_type(body, "Consent")}
    statuses = sorted(c["status"] for c in consents.values())
    assert statuses == ["active", "inactive"]
    for consent in consents.values():
        actor = consent["provision"]["actor"][0]
        assert actor["role"]["coding"][0]["code"] == "IRCP"
        assert actor["reference"]["type"] == "Organization"

    task = next(t for t in _by_type(body, "Task") if t["intent"] == "order")
    assert task["status"] == "in-progress"
    assert task["businessStatus"]["text"] == "Admitted"
    assert "start" in task["executionPeriod"]
    request = _by_type(body, "ServiceRequest")[0]
    assert request["status"] == "active"
    assert task["focus"]["reference"].endswith(request["id"])

    care_plan = _by_type(body, "CarePlan")[0]
    plan_tasks = {t["id"] for t in _by_type(body, "Task") if t["intent"] == "plan"}
    assert plan_tasks
    assert {
        a["reference"]["reference"].removeprefix("urn:uuid:") for a in care_plan["activity"]
    } == plan_tasks

    response = _by_type(body, "QuestionnaireResponse")[0]
    goal_item = next(i for i in response["item"] if i["linkId"] == "goal_updates")
    assert goal_item["item"][0]["answer"][0]["valueReference"]["type"] == "Goal"

    exports = db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "export", AuditEvent.resource_type == "case_fhir"
        )
    ).all()
    assert [str(e.case_id) for e in exports] == [net.case["id"]]
    assert made


@pytest.mark.parametrize(
    ("reports", "task_status", "request_status"),
    [
        ([], "requested", "active"),
        ([{"status": "received"}], "received", "active"),
        ([{"status": "accepted"}], "accepted", "active"),
        ([{"status": "declined", "decline_reason": "No beds"}], "rejected", "revoked"),
        (
            [
                {"status": "accepted"},
                {"status": "admitted"},
                {"status": "discharged", "discharge_reason": "completed"},
            ],
            "completed",
            "completed",
        ),
    ],
)
def test_the_referral_task_follows_the_closed_loop(
    net: Network, reports: list[dict[str, Any]], task_status: str, request_status: str
) -> None:
    referral = net.sent_referral(net.center_a)
    for body in reports:
        response = net.client.post(
            f"{API}/partner/referrals/{referral['id']}/status", json=body, headers=net.partner_a
        )
        assert response.status_code == 200, response.text
    exported = _export(net)
    validate_bundle(exported)
    task = next(t for t in _by_type(exported, "Task") if t["intent"] == "order")
    assert task["status"] == task_status
    assert _by_type(exported, "ServiceRequest")[0]["status"] == request_status
    if task_status == "rejected":
        assert task["statusReason"]["text"] == "No beds"


def test_a_cancelled_referral_is_a_cancelled_task(net: Network) -> None:
    referral = net.sent_referral(net.center_a)
    cancelled = net.client.post(
        f"{API}/referrals/{referral['id']}/cancel",
        json={"reason": "Family chose another"},
        headers=net.lead,
    )
    assert cancelled.status_code == 200, cancelled.text
    exported = _export(net)
    validate_bundle(exported)
    task = next(t for t in _by_type(exported, "Task") if t["intent"] == "order")
    assert task["status"] == "cancelled"


def test_other_principals_may_not_export(
    net: Network, client: TestClient, make: Factory, practice: Practice
) -> None:
    path = f"{API}/cases/{net.case['id']}/fhir"
    assert client.get(path, headers=make.headers(practice.outsider)).status_code == 404
    # An interventionist not on the case's team does not see it either.
    assert client.get(path, headers=make.headers(practice.colleague)).status_code == 404
    assert client.get(path, headers=net.partner_a).status_code in (401, 403)
    assert client.get(path).status_code == 401


def test_a_portal_token_may_not_export(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    response = client.get(f"{API}/cases/{case.id}/fhir", headers=case.portal_headers())
    assert response.status_code in (401, 403)
    assert response.headers["content-type"].startswith("application/problem+json")


def test_an_empty_case_is_a_valid_bundle(net: Network) -> None:
    counts = validate_bundle(_export(net))
    assert counts == {"Patient": 1, "Organization": 1}
