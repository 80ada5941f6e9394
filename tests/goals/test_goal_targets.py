"""Goal targets beyond a threshold: a range, a qualitative target, FHIR's full status codes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.goals.test_goals import statuses_after
from tests.practice import Practice

RANGE = {
    "title": "Keep drinks within the agreed limit",
    "metric": "standard drinks per week",
    "unit": "drinks",
    "target_low": 0,
    "target_high": 2,
    "target_value": None,
    "direction": None,
}


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def test_a_range_goal_is_met_inside_its_range(case: CaseDriver) -> None:
    goal = case.goal(**RANGE)
    assert goal["target_shape"] == "range"
    assert (goal["target_low"], goal["target_high"]) == (0, 2)
    assert statuses_after(case, goal, [6, 4, 4, 2, 1, 5]) == [
        "in_progress",
        "improving",  # closer to the range
        "no_change",
        "achieved",  # inside it
        "sustaining",
        "worsening",  # out of the range again, moving away from it
    ]


def test_an_open_range_needs_one_end_only(case: CaseDriver) -> None:
    goal = case.goal(**{**RANGE, "target_low": None, "target_high": 14})
    assert goal["target_shape"] == "range"
    assert statuses_after(case, goal, [20, 10]) == ["in_progress", "achieved"]


def test_a_range_whose_low_end_is_above_its_high_end_is_422(case: CaseDriver) -> None:
    response = case.create_goal(**{**RANGE, "target_low": 5, "target_high": 1})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "target_low"]]
    listed = case.client.get(f"{case.path}/goals", headers=case.headers()).json()
    assert listed["items"] == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"target_value": 3, "direction": "at_least", "target_high": 5}, "target_value"),
        ({"target_value": None, "direction": "at_most"}, "direction"),
    ],
)
def test_a_target_of_two_shapes_is_422(
    case: CaseDriver, fields: dict[str, Any], field: str
) -> None:
    response = case.create_goal(**fields)
    assert response.status_code == 422, response.text
    assert ["body", field] in [e["loc"] for e in response.json()["errors"]]


def test_a_qualitative_goal_has_no_number_and_is_set_by_hand(case: CaseDriver) -> None:
    goal = case.goal(
        title="Rebuild trust at home",
        metric="how the family describes home life",
        unit=None,
        target_value=None,
        direction=None,
        target_text="The family says home feels safe and calm again",
    )
    assert goal["target_shape"] == "qualitative"
    assert goal["unit"] is None
    assert goal["target_text"] == "The family says home feels safe and calm again"
    assert statuses_after(case, goal, [1, 2]) == ["in_progress", "in_progress"]
    response = case.client.patch(
        f"{API}/goals/{goal['id']}",
        json={"achievement_status": "no_progress"},
        headers=case.headers(),
    )
    assert response.json()["achievement_status"] == "no_progress"


def test_a_patch_moves_a_goal_between_shapes(case: CaseDriver) -> None:
    goal = case.goal(target_value=3, direction="at_least")
    path = f"{API}/goals/{goal['id']}"
    ranged = case.client.patch(
        path, json={"target_low": 1, "target_high": 3}, headers=case.headers()
    )
    assert ranged.status_code == 200, ranged.text
    assert ranged.json()["target_shape"] == "range"
    assert (ranged.json()["target_value"], ranged.json()["direction"]) == (None, None)
    # A threshold value alone on a goal with no direction left: 422 naming it.
    alone = case.client.patch(path, json={"target_value": 4}, headers=case.headers())
    assert alone.status_code == 422
    assert [e["loc"] for e in alone.json()["errors"]] == [["body", "direction"]]
    back = case.client.patch(
        path, json={"target_value": 4, "direction": "at_most"}, headers=case.headers()
    )
    assert back.json()["target_shape"] == "threshold"
    assert (back.json()["target_low"], back.json()["target_high"]) == (None, None)
    words = case.client.patch(
        path, json={"target_value": None, "target_text": "Feels in control"}, headers=case.headers()
    )
    assert words.json()["target_shape"] == "qualitative"
    assert words.json()["direction"] is None


@pytest.mark.parametrize("status", ["planned", "accepted", "rejected", "entered_in_error"])
def test_fhir_lifecycle_codes_are_accepted(case: CaseDriver, status: str) -> None:
    goal = case.goal(lifecycle_status=status)
    assert goal["lifecycle_status"] == status


@pytest.mark.parametrize("status", ["rejected", "entered_in_error"])
def test_withdrawn_goals_are_not_achieved_when_missed(case: CaseDriver, status: str) -> None:
    goal = case.goal(target_value=3, direction="at_least")
    statuses_after(case, goal, [1])
    response = case.client.patch(
        f"{API}/goals/{goal['id']}", json={"lifecycle_status": status}, headers=case.headers()
    )
    assert response.json()["achievement_status"] == "not_achieved"


def test_not_attainable_is_set_by_hand(case: CaseDriver) -> None:
    goal = case.goal()
    response = case.client.patch(
        f"{API}/goals/{goal['id']}",
        json={"achievement_status": "not_attainable"},
        headers=case.headers(),
    )
    assert response.json()["achievement_status"] == "not_attainable"
    assert response.json()["achievement_set_by_hand"] is True


def test_withdrawn_goals_leave_the_portal(case: CaseDriver) -> None:
    kept = case.goal(title="Go to meetings")
    withdrawn = case.goal(title="Entered by mistake")
    headers = case.portal_headers()
    before = case.client.get(f"{API}/portal/goals", headers=headers).json()
    response = case.client.patch(
        f"{API}/goals/{withdrawn['id']}",
        json={"lifecycle_status": "entered_in_error"},
        headers=case.headers(),
    )
    assert response.status_code == 200
    after = case.client.get(f"{API}/portal/goals", headers=headers).json()
    assert {g["title"] for g in before["items"]} == {"Go to meetings", "Entered by mistake"}
    assert [g["id"] for g in after["items"]] == [kept["id"]]
