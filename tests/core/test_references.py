"""Every id a request body carries must name something of this case or practice.

Another organisation's id and an id that exists nowhere get the same answer: 422
naming the field (`errors[].loc` is the body path), and nothing is stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.organizations.models import Organization
from api.users.models import Role
from tests.checkins.driver import API, CaseDriver
from tests.consents.test_consents import consent_body
from tests.factories import Factory
from tests.practice import Practice


@dataclass
class Side:
    """One practice's case with one of everything a body can point at."""

    case: CaseDriver
    participant: str
    goal: str
    center: str
    consent: str
    staff: str


def furnish(client: TestClient, case: CaseDriver, admin: Any) -> Side:
    center = client.post(
        f"{API}/treatment-centers",
        json={"name": f"Center {uuid.uuid4().hex[:6]}", "levels_of_care": ["3.7"]},
        headers=case.headers(admin),
    ).json()["id"]
    consent = client.post(
        f"{case.path}/consents", json=consent_body(center), headers=case.headers()
    ).json()["id"]
    return Side(
        case=case,
        participant=case.participant(email=f"{uuid.uuid4().hex[:8]}@example.org")["id"],
        goal=case.goal()["id"],
        center=center,
        consent=consent,
        staff=str(case.practice.colleague.id),
    )


@pytest.fixture
def ours(client: TestClient, make: Factory, practice: Practice) -> Side:
    case = CaseDriver(client, make, practice)
    # Referrals need a case past its intervention.
    for step in ("planning", "scheduled", "intervention_held"):
        client.post(f"{case.path}/status", json={"status": step}, headers=case.headers())
    return furnish(client, case, practice.admin)


@pytest.fixture
def theirs(client: TestClient, make: Factory, practice: Practice) -> Side:
    rival = practice.outsider
    other_org = make.session.get(Organization, rival.organization_id)
    assert other_org is not None
    elsewhere = Practice(
        org=other_org,
        admin=rival,
        supervisor=rival,
        lead=rival,
        colleague=make.user(other_org, Role.interventionist),
        outsider=practice.lead,
    )
    return furnish(client, CaseDriver(client, make, elsewhere), rival)


Call = Callable[[Side, str], Any]


def plan_patch(body: Callable[[str], dict[str, Any]]) -> Call:
    def call(side: Side, value: str) -> Any:
        case = side.case
        created = case.client.post(f"{case.path}/plan", json={}, headers=case.headers())
        assert created.status_code == 201, created.text
        return case.client.patch(
            f"{case.path}/plan",
            json=body(value),
            headers=case.headers(**{"If-Match": created.headers["etag"]}),
        )

    return call


def post(path: str, body: Callable[[Side, str], dict[str, Any]]) -> Call:
    def call(side: Side, value: str) -> Any:
        case = side.case
        return case.client.post(
            f"{case.path}/{path}", json=body(side, value), headers=case.headers()
        )

    return call


def patch_new(path: str, make_body: Callable[[Side], dict[str, Any]], field: str) -> Call:
    """Creates a resource under the case, then PATCHes `field` to the id."""

    def call(side: Side, value: str) -> Any:
        case = side.case
        created = case.client.post(
            f"{case.path}/{path}", json=make_body(side), headers=case.headers()
        )
        assert created.status_code == 201, created.text
        item = created.json()
        return case.client.patch(
            f"{API}/{path}/{item['id']}",
            json={field: value} if field != "assignee" else {"assignee": {"user_id": value}},
            headers=case.headers(**{"If-Match": created.headers["etag"]}),
        )

    return call


def referral(side: Side, center: str, consent: str) -> dict[str, Any]:
    return {
        "treatment_center_id": center,
        "consent_id": consent,
        "level_of_care": "3.7",
        "summary": "Severe alcohol use disorder.",
    }


TASK = {"title": "Call the center", "phase": "preparation"}
OPTION = {"name": "Somewhere", "level_of_care": "3.7"}

BODY_IDS: dict[str, tuple[Call, list[str | int]]] = {
    "plan.treatment_options[].treatment_center_id": (
        plan_patch(lambda v: {"treatment_options": [{**OPTION, "treatment_center_id": v}]}),
        ["body", "treatment_options", 0, "treatment_center_id"],
    ),
    "plan.speaking_order[]": (
        plan_patch(lambda v: {"speaking_order": [v]}),
        ["body", "speaking_order", 0],
    ),
    "plan.contributions[].participant_id": (
        plan_patch(lambda v: {"contributions": [{"participant_id": v}]}),
        ["body", "contributions", 0, "participant_id"],
    ),
    "goal.subject": (
        lambda side, v: side.case.create_goal(subject=v),
        ["body", "subject"],
    ),
    "check-in.respondent": (
        lambda side, v: side.case.submit(respondent=v),
        ["body", "respondent"],
    ),
    "check-in.goal_updates[].goal_id": (
        lambda side, v: side.case.submit(goal_updates=[{"goal_id": v, "value": 1}]),
        ["body", "goal_updates", 0, "goal_id"],
    ),
    "schedule.respondent": (
        lambda side, v: side.case.create_schedule(respondent=v),
        ["body", "respondent"],
    ),
    "invitation.respondent": (
        lambda side, v: side.case.invite(v),
        ["body", "respondent"],
    ),
    "consent.recipient_treatment_center_id": (
        post("consents", lambda side, v: consent_body(v)),
        ["body", "recipient_treatment_center_id"],
    ),
    "referral.treatment_center_id": (
        post("referrals", lambda side, v: referral(side, v, side.consent)),
        ["body", "treatment_center_id"],
    ),
    "referral.consent_id": (
        post("referrals", lambda side, v: referral(side, side.center, v)),
        ["body", "consent_id"],
    ),
    "referral update.consent_id": (
        patch_new(
            "referrals", lambda side: referral(side, side.center, side.consent), "consent_id"
        ),
        ["body", "consent_id"],
    ),
    "task.assignee.user_id": (
        post("tasks", lambda side, v: {**TASK, "assignee": {"user_id": v}}),
        ["body", "assignee", "user_id"],
    ),
    "task.assignee.participant_id": (
        post("tasks", lambda side, v: {**TASK, "assignee": {"participant_id": v}}),
        ["body", "assignee", "participant_id"],
    ),
    "task update.assignee.user_id": (
        patch_new("tasks", lambda side: TASK, "assignee"),
        ["body", "assignee", "user_id"],
    ),
    "team.members[].user_id": (
        lambda side, v: side.case.client.put(
            f"{side.case.path}/team",
            json={
                "members": [
                    {"user_id": str(side.case.practice.lead.id), "role": "lead"},
                    {"user_id": v, "role": "co_interventionist"},
                ]
            },
            headers=side.case.headers(),
        ),
        ["body", "members", 1, "user_id"],
    ),
}

# Which of the other practice's rows each body id names when it points "abroad".
FOREIGN_KIND = {
    "plan.treatment_options[].treatment_center_id": "center",
    "consent.recipient_treatment_center_id": "center",
    "referral.treatment_center_id": "center",
    "referral.consent_id": "consent",
    "referral update.consent_id": "consent",
    "check-in.goal_updates[].goal_id": "goal",
    "task.assignee.user_id": "staff",
    "task update.assignee.user_id": "staff",
    "team.members[].user_id": "staff",
}


@pytest.mark.parametrize("whose", ["another organisation's", "nobody's"])
@pytest.mark.parametrize("field", list(BODY_IDS))
def test_a_body_id_that_is_not_ours_is_422_naming_the_field(
    ours: Side, theirs: Side, field: str, whose: str
) -> None:
    call, loc = BODY_IDS[field]
    if whose == "nobody's":
        value = str(uuid.uuid4())
    else:
        value = getattr(theirs, FOREIGN_KIND.get(field, "participant"))

    response = call(ours, value)

    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/validation-error"
    assert [e["loc"] for e in problem["errors"]] == [loc]


@pytest.mark.parametrize("field", list(BODY_IDS))
def test_a_body_id_of_our_own_is_accepted(ours: Side, field: str) -> None:
    """Guards the test above: each call fails only for the id it was given."""
    call, _ = BODY_IDS[field]
    value = getattr(ours, FOREIGN_KIND.get(field, "participant"))

    response = call(ours, value)

    assert response.status_code in (200, 201), response.text


def test_a_portal_respondent_measures_only_their_own_goals(ours: Side, theirs: Side) -> None:
    tokens = ours.case.portal_tokens()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    participants_goal = ours.case.goal(subject=ours.participant)["id"]

    for goal_id in (theirs.goal, str(uuid.uuid4()), participants_goal):
        response = ours.case.client.post(
            f"{API}/portal/check-ins",
            json={"days_used": 0, "goal_updates": [{"goal_id": goal_id, "value": 1}]},
            headers=headers,
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["loc"] == ["body", "goal_updates", 0, "goal_id"]
