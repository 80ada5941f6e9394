from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.aftercare.driver import AftercareDriver, full_plan
from tests.factories import Factory
from tests.practice import Practice


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> AftercareDriver:
    return AftercareDriver(client, make, practice)


def test_reaching_aftercare_opens_the_plan_with_five_follow_ups(case: AftercareDriver) -> None:
    none_yet = case.get()  # the expected state before aftercare: 200 with null, no ETag
    assert (none_yet.status_code, none_yet.json(), none_yet.headers.get("etag")) == (
        200,
        None,
        None,
    )
    case.into_aftercare()
    plan = case.plan()
    assert plan["version"] == 1
    follow_ups = plan["follow_ups"]
    assert len(follow_ups) == 5
    assert {f["assigned_to"]["full_name"] for f in follow_ups} == {"Jordan Ellis"}
    assert all(f["status"] == "open" for f in follow_ups)
    assert plan["escalation_missing"] == ["an escalation agreement"]


def test_a_full_plan_is_saved_and_read_back(case: AftercareDriver) -> None:
    grace = case.participant("Grace Okafor")
    center = case.center()
    case.into_aftercare()
    case.plan()
    saved = case.saved(full_plan(grace["id"], center["id"]))
    assert saved["version"] == 2
    assert saved["medication"]["kind"] == "naltrexone"
    assert saved["escalation_agreement"]["agreed_by"] == ["client", grace["id"]]
    assert saved["escalation_missing"] == []
    assert case.plan() == saved


def test_if_match_is_required_once_the_plan_exists(case: AftercareDriver) -> None:
    first = case.put({"notes": "first"}, etag=None)
    assert first.status_code == 200
    again = case.put({"notes": "again"}, etag=None)
    assert again.status_code == 428
    stale = case.put({"notes": "stale"}, etag='"v0"')
    assert stale.status_code == 412
    assert case.plan()["notes"] == "first"


def test_ids_of_another_case_or_organisation_are_refused_with_the_field(
    case: AftercareDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    other = AftercareDriver(client, make, practice)
    stranger = other.participant("Someone Else")
    case.into_aftercare()
    case.plan()
    body = {
        "family_support": [{"participant_id": stranger["id"], "commitment": "x"}],
        "escalation_agreement": {"agreed_by": ["client", stranger["id"]]},
    }
    response = case.put(body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    locs = [e["loc"] for e in response.json()["errors"]]
    assert ["body", "family_support", 0, "participant_id"] in locs
    assert ["body", "escalation_agreement", "agreed_by", 1] in locs
    assert case.plan()["family_support"] == []


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"medication": {"kind": "heroin"}}, ["body", "medication", "kind"]),
        (
            {"outpatient": {"name": "X", "level_of_care": "9"}},
            ["body", "outpatient", "level_of_care"],
        ),
        (
            {"emergency_contacts": [{"name": "A", "phone": "call me"}]},
            ["body", "emergency_contacts", 0, "phone"],
        ),
        ({"unknown": 1}, ["body", "unknown"]),
    ],
)
def test_bad_input_names_the_field(
    case: AftercareDriver, body: dict[str, Any], loc: list[Any]
) -> None:
    response = case.put(body, etag=None)
    assert response.status_code == 422
    assert loc in [e["loc"] for e in response.json()["errors"]]
    assert case.get().json() is None


def test_another_organisation_gets_404_and_a_portal_token_gets_nothing(
    case: AftercareDriver, practice: Practice
) -> None:
    case.into_aftercare()
    assert case.get(by=practice.outsider).status_code == 404
    assert case.put({"notes": "x"}, by=practice.outsider, etag=None).status_code == 404
    revisions = case.client.get(
        f"{case.plan_path}/revisions", headers=case.headers(practice.outsider)
    )
    assert revisions.status_code == 404
    assert case.escalate(by=practice.outsider).status_code == 404
    portal = case.portal_headers("client")
    assert case.client.get(case.plan_path, headers=portal).status_code in (401, 403)


def test_an_interventionist_off_the_team_gets_404(
    case: AftercareDriver, practice: Practice
) -> None:
    case.into_aftercare()
    assert case.get(by=practice.colleague).status_code == 404
    assert case.get(by=practice.supervisor).status_code == 200


def test_revisions_keep_who_when_and_a_snapshot(case: AftercareDriver) -> None:
    case.into_aftercare()
    case.plan()
    case.saved({"notes": "v2"})
    case.saved({"notes": "v3"})
    page = case.client.get(f"{case.plan_path}/revisions", headers=case.headers()).json()
    assert [r["version"] for r in page["items"]] == [3, 2, 1]
    assert page["items"][0]["snapshot"]["notes"] == "v3"
    assert page["items"][0]["author"]["full_name"] == "Jordan Ellis"
    assert page["items"][2]["change"] == "opened: aftercare began"


def test_revisions_and_the_plan_cost_a_constant_number_of_statements(
    case: AftercareDriver, engine: Engine
) -> None:
    from tests.cases.test_statement_counts import counting

    case.into_aftercare()
    case.plan()

    headers = case.headers()

    def statements(path: str) -> int:
        params = {"limit": 200} if path.endswith("revisions") else {}
        with counting(engine) as seen:
            assert case.client.get(path, params=params, headers=headers).status_code == 200
        return len(seen)

    few = statements(f"{case.plan_path}/revisions"), statements(case.plan_path)
    for n in range(30):
        case.saved(
            {
                "notes": f"revision {n}",
                "follow_ups": [
                    {"due_at": f"2027-01-{d:02d}T12:00:00Z"} for d in range(1, 2 + n % 20)
                ],
            }
        )
    many = statements(f"{case.plan_path}/revisions"), statements(case.plan_path)
    assert many == few


def test_a_participant_named_in_the_plan_cannot_be_deleted(case: AftercareDriver) -> None:
    grace = case.participant("Grace Okafor")
    case.into_aftercare()
    case.plan()
    case.saved({"family_support": [{"participant_id": grace["id"], "commitment": "Al-Anon"}]})
    refused = case.client.delete(f"/api/v1/participants/{grace['id']}", headers=case.headers())
    assert refused.status_code == 409
    assert "aftercare plan" in refused.json()["detail"]
