"""Every date and date-time of the API has a plausible range that its schema publishes
(issue 11 item 2), and facts about the past cannot lie in the future beyond a few minutes
of clock skew (issue 14 item 5). Out of range answers 422 naming the field, never 500."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from tests.checkins.driver import CaseDriver
from tests.factories import Factory
from tests.plans.test_plans import PlanDriver
from tests.practice import Practice
from tests.referrals.test_referrals import Network


def assert_names(response: Any, *loc: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert list(loc) in [error["loc"] for error in response.json()["errors"]], response.text


def iso(delta: timedelta) -> str:
    return (clock.now() + delta).isoformat()


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


@pytest.fixture
def net(client: TestClient, make: Factory, practice: Practice) -> Network:
    return Network(client, make, practice)


# -- the bounded range ------------------------------------------------------------------


def test_a_check_in_schedule_due_in_the_year_9999_is_refused_not_a_500(case: CaseDriver) -> None:
    response = case.create_schedule(next_due_at="9999-12-31T23:59:59Z")
    assert_names(response, "body", "next_due_at")
    schedule = case.schedule()
    moved = case.client.patch(
        f"/api/v1/check-in-schedules/{schedule['id']}",
        json={"next_due_at": "9999-12-31T23:59:59Z"},
        headers={**case.headers(), "If-Match": f'"v{schedule["version"]}"'},
    )
    assert_names(moved, "body", "next_due_at")


def test_a_consent_signed_in_the_year_1_is_refused(net: Network) -> None:
    from tests.consents.test_consents import consent_body

    response = net.client.post(
        f"/api/v1/cases/{net.case['id']}/consents",
        json=consent_body(net.center_a["id"], signed_at="0001-01-01T00:00:00Z"),
        headers=net.lead,
    )
    assert_names(response, "body", "signed_at")
    far = net.client.post(
        f"/api/v1/cases/{net.case['id']}/consents",
        json=consent_body(net.center_a["id"], expires_at="9999-12-31"),
        headers=net.lead,
    )
    assert_names(far, "body", "expires_at")


def test_a_measurement_in_the_year_9999_is_refused(case: CaseDriver) -> None:
    goal = case.goal()
    assert_names(
        case.measure(goal["id"], 2, measured_at="9999-12-31T00:00:00Z"), "body", "measured_at"
    )
    assert_names(
        case.measure(goal["id"], 2, measured_at="1899-12-31T23:59:59Z"), "body", "measured_at"
    )
    assert case.get_goal(goal["id"])["latest_value"] is None


def test_a_task_due_in_the_year_1_is_refused_and_the_bounds_themselves_are_kept(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    path, headers = f"/api/v1/cases/{case['id']}/tasks", make.headers(practice.lead)
    body = {"title": "Confirm the bed hold", "phase": "preparation"}
    assert_names(
        client.post(path, json={**body, "due_at": "0001-01-01T00:00:00Z"}, headers=headers),
        "body",
        "due_at",
    )
    assert_names(
        client.post(path, json={**body, "due_at": "2201-01-01T00:00:00Z"}, headers=headers),
        "body",
        "due_at",
    )
    # An offset that puts the instant past the last day in UTC is past the bound too.
    late = {**body, "due_at": "2200-12-31T23:00:00-05:00"}
    assert_names(client.post(path, json=late, headers=headers), "body", "due_at")
    for edge in ("1900-01-01T00:00:00Z", "2200-12-31T23:59:59Z"):
        kept = client.post(path, json={**body, "due_at": edge}, headers=headers)
        assert kept.status_code == 201, kept.text
        assert kept.json()["due_at"].startswith(edge[:19])
    assert len(client.get(path, headers=headers).json()["items"]) == 2


def test_a_referral_asking_for_admission_in_the_year_1_is_refused(net: Network) -> None:
    consent = net.consent(net.center_b)
    response = net.client.post(
        f"/api/v1/cases/{net.case['id']}/referrals",
        json={
            "treatment_center_id": net.center_b["id"],
            "consent_id": consent["id"],
            "level_of_care": "3.5",
            "requested_admission_date": "0001-01-01",
        },
        headers=net.lead,
    )
    assert_names(response, "body", "requested_admission_date")


def test_a_query_timestamp_out_of_range_is_refused(case: CaseDriver) -> None:
    response = case.client.get(
        f"{case.path}/check-ins", params={"since": "9999-12-31T23:59:59Z"}, headers=case.headers()
    )
    assert_names(response, "query", "since")


def test_the_schema_publishes_the_range(client: TestClient) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    def bounds(model: str, field: str) -> dict[str, Any]:
        prop = schemas[model]["properties"][field]
        return next(p for p in prop.get("anyOf", [prop]) if p.get("type") == "string")

    due = bounds("TaskCreate", "due_at")
    assert (due["formatMinimum"], due["formatMaximum"]) == (
        "1900-01-01T00:00:00Z",
        "2200-12-31T23:59:59Z",
    )
    assert bounds("ReferralCreate", "requested_admission_date")["formatMinimum"] == "1900-01-01"
    signed = bounds("ConsentCreate", "signed_at")
    assert signed["formatMinimum"] == "1900-01-01T00:00:00Z"
    assert "formatMaximum" not in signed  # "now", which a fixed bound cannot say
    assert "not later than now" in signed["description"]


def test_a_date_of_birth_is_not_in_the_future_and_says_so(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    tomorrow = (clock.now() + timedelta(days=1)).date().isoformat()
    for born in (tomorrow, "1899-12-31", "0001-01-01"):
        body = {"client": {"first_name": "Daniel", "last_name": "Okafor", "date_of_birth": born}}
        response = client.post("/api/v1/cases", json=body, headers=make.headers(practice.lead))
        assert_names(response, "body", "client", "date_of_birth")
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    born = schemas["ClientIn"]["properties"]["date_of_birth"]["anyOf"][0]
    assert born["formatMinimum"] == "1900-01-01"
    assert "today" in born["description"]


# -- facts about the past -----------------------------------------------------------------


def test_a_consent_cannot_be_signed_in_the_future_beyond_clock_skew(net: Network) -> None:
    from tests.consents.test_consents import consent_body

    path = f"/api/v1/cases/{net.case['id']}/consents"
    ahead = consent_body(net.center_a["id"], signed_at=iso(timedelta(hours=1)))
    assert_names(net.client.post(path, json=ahead, headers=net.lead), "body", "signed_at")
    skewed = consent_body(net.center_a["id"], signed_at=iso(timedelta(minutes=3)))
    assert net.client.post(path, json=skewed, headers=net.lead).status_code == 201


def test_a_measurement_cannot_be_taken_in_the_future(case: CaseDriver) -> None:
    goal = case.goal()
    ahead = case.measure(goal["id"], 2, measured_at=iso(timedelta(days=1)))
    assert_names(ahead, "body", "measured_at")
    assert case.measure(goal["id"], 2, measured_at=iso(timedelta(minutes=2))).status_code == 201


def test_an_intervention_cannot_be_held_in_the_future(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    plan = PlanDriver(client, make, practice, practice.open_case(client, make))
    plan.create(template="arise")
    plan.act("submit")
    plan.act("approve", by=practice.supervisor)
    ahead = plan.act("deliver", held_at=iso(timedelta(days=3)), result="accepted")
    assert_names(ahead, "body", "held_at")
    assert plan.case_now()["status"] != "intervention_held"
    held = plan.act("deliver", held_at=iso(timedelta(minutes=-30)), result="accepted")
    assert held.status_code == 200, held.text


def test_a_partner_cannot_report_an_admission_or_discharge_in_the_future(
    net: Network, client: TestClient
) -> None:
    referral = net.sent_referral(net.center_a)
    path = f"/api/v1/partner/referrals/{referral['id']}/status"
    for body in ({"status": "received"}, {"status": "accepted"}):
        assert client.post(path, json=body, headers=net.partner_a).status_code == 200
    ahead = {"status": "admitted", "admitted_at": iso(timedelta(days=2))}
    assert_names(client.post(path, json=ahead, headers=net.partner_a), "body", "admitted_at")
    admitted = {"status": "admitted", "admitted_at": iso(timedelta(hours=-2))}
    assert client.post(path, json=admitted, headers=net.partner_a).status_code == 200
    leaving = {
        "status": "discharged",
        "discharge_reason": "completed",
        "discharged_at": iso(timedelta(days=30)),
    }
    assert_names(client.post(path, json=leaving, headers=net.partner_a), "body", "discharged_at")
