from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.practice import Practice


def move(
    client: TestClient, make: Factory, practice: Practice, case: dict[str, Any], **body: Any
) -> Any:
    return client.post(
        f"/api/v1/cases/{case['id']}/status", json=body, headers=make.headers(practice.lead)
    )


def walk(
    client: TestClient, make: Factory, practice: Practice, case: dict[str, Any], *statuses: str
) -> None:
    for status in statuses:
        response = move(client, make, practice, case, status=status, reason="next step")
        assert response.status_code == 200, response.text


def test_a_case_walks_the_whole_journey_and_the_timeline_tells_it(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    walk(
        client,
        make,
        practice,
        case,
        "planning",
        "scheduled",
        "intervention_held",
        "in_treatment",
        "aftercare",
    )
    closed = move(
        client, make, practice, case, status="closed", outcome="completed_treatment", reason="done"
    )
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["outcome"] == "completed_treatment"
    assert closed.json()["allowed_transitions"] == ["intake"]

    timeline = client.get(
        f"/api/v1/cases/{case['id']}/timeline", headers=make.headers(practice.lead)
    ).json()
    moves = [
        (e["from_status"], e["to_status"])
        for e in timeline["items"]
        if e["kind"] == "status_changed"
    ]
    assert moves[0] == ("aftercare", "closed")
    assert moves[-1] == ("intake", "planning")
    assert len(moves) == 6
    newest = timeline["items"][0]
    assert newest["actor"] == {"id": str(practice.lead.id), "full_name": "Jordan Ellis"}
    assert newest["reason"] == "done"
    assert timeline["items"][-1]["kind"] == "case_opened"


def test_an_illegal_move_is_409_naming_the_allowed_ones(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    response = move(client, make, practice, case, status="scheduled")
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/invalid-transition"
    assert problem["detail"] == (
        "A case in 'intake' can move to: planning, in_treatment, aftercare, closed."
    )
    fetched = client.get(f"/api/v1/cases/{case['id']}", headers=make.headers(practice.lead)).json()
    assert fetched["status"] == "intake"


def test_closing_needs_an_outcome_and_only_closing_takes_one(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    no_outcome = move(client, make, practice, case, status="closed")
    assert no_outcome.status_code == 422
    assert no_outcome.json()["errors"][0]["loc"] == ["body", "outcome"]
    stray = move(client, make, practice, case, status="planning", outcome="lost_contact")
    assert stray.status_code == 422
    assert (
        move(client, make, practice, case, status="closed", outcome="lost_contact").status_code
        == 200
    )


def test_closing_a_case_cancels_its_open_tasks_and_keeps_done_ones(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    """Open tasks of a closed case would sit in the work queue and the reports' overdue work
    for ever (an acceptance try found 13 of 47 overdue tasks on closed cases)."""
    case = practice.open_case(client, make)
    headers = make.headers(practice.lead)
    url = f"/api/v1/cases/{case['id']}/tasks"
    made = [
        client.post(
            url,
            json={"title": title, "phase": "preparation", "due_at": "2026-01-05T15:00:00Z"},
            headers=headers,
        )
        for title in ("Call the family", "Send the letter")
    ]
    assert all(r.status_code == 201 for r in made), [r.text for r in made]
    done = made[0].json()
    finished = client.patch(
        f"/api/v1/tasks/{done['id']}",
        json={"status": "done"},
        headers={**headers, "If-Match": made[0].headers["ETag"]},
    )
    assert finished.status_code == 200, finished.text

    assert (
        move(client, make, practice, case, status="closed", outcome="lost_contact").status_code
        == 200
    )

    tasks = {t["title"]: t["status"] for t in client.get(url, headers=headers).json()["items"]}
    assert tasks["Call the family"] == "done"
    assert tasks["Send the letter"] == "cancelled"


@pytest.mark.parametrize(
    ("path", "back"),
    [
        (["planning", "scheduled"], "planning"),
        (["planning", "scheduled", "intervention_held"], "planning"),
        (
            ["planning", "scheduled", "intervention_held", "in_treatment", "aftercare"],
            "in_treatment",
        ),
    ],
)
def test_moving_back_needs_a_reason(
    client: TestClient, make: Factory, practice: Practice, path: list[str], back: str
) -> None:
    case = practice.open_case(client, make)
    walk(client, make, practice, case, *path)
    assert move(client, make, practice, case, status=back).status_code == 422
    assert move(client, make, practice, case, status=back, reason="  ").status_code == 422
    assert (
        move(client, make, practice, case, status=back, reason="Client relapsed").status_code == 200
    )


def test_reopening_needs_a_reason_and_clears_the_outcome(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    move(client, make, practice, case, status="closed", outcome="lost_contact")
    assert move(client, make, practice, case, status="intake").status_code == 422
    reopened = move(client, make, practice, case, status="intake", reason="Family called again")
    assert reopened.status_code == 200
    assert reopened.json()["outcome"] is None


def test_status_moves_honour_if_match(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    stale = client.post(
        f"/api/v1/cases/{case['id']}/status",
        json={"status": "planning"},
        headers=make.headers(practice.lead, **{"If-Match": '"v9"'}),
    )
    assert stale.status_code == 412


def test_the_team_is_replaced_with_exactly_one_lead(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    path = f"/api/v1/cases/{case['id']}/team"
    members = [
        {"user_id": str(practice.lead.id), "role": "lead"},
        {"user_id": str(practice.colleague.id), "role": "co_interventionist"},
        {"user_id": str(practice.supervisor.id), "role": "supervisor"},
    ]
    response = client.put(path, json={"members": members}, headers=make.headers(practice.lead))
    assert response.status_code == 200, response.text
    assert {m["user_id"] for m in response.json()["members"]} == {m["user_id"] for m in members}
    # The colleague now sees the case, but only lead/supervisor/admin change the team.
    assert (
        client.get(
            f"/api/v1/cases/{case['id']}", headers=make.headers(practice.colleague)
        ).status_code
        == 200
    )
    denied = client.put(path, json={"members": members}, headers=make.headers(practice.colleague))
    assert denied.status_code == 403
    by_supervisor = client.put(
        path, json={"members": members[:1]}, headers=make.headers(practice.supervisor)
    )
    assert by_supervisor.status_code == 200
    assert (
        client.get(
            f"/api/v1/cases/{case['id']}", headers=make.headers(practice.colleague)
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "members",
    [
        [],
        [{"user_id": "LEAD", "role": "co_interventionist"}],
        [{"user_id": "LEAD", "role": "lead"}, {"user_id": "COLLEAGUE", "role": "lead"}],
        [{"user_id": "LEAD", "role": "lead"}, {"user_id": "LEAD", "role": "supervisor"}],
        [{"user_id": "LEAD", "role": "lead"}, {"user_id": "OUTSIDER", "role": "supervisor"}],
        [{"user_id": "LEAD", "role": "boss"}],
    ],
)
def test_an_invalid_team_is_rejected(
    client: TestClient, make: Factory, practice: Practice, members: list[dict[str, str]]
) -> None:
    ids = {
        "LEAD": practice.lead.id,
        "COLLEAGUE": practice.colleague.id,
        "OUTSIDER": practice.outsider.id,
    }
    body = {"members": [{**m, "user_id": str(ids[m["user_id"]])} for m in members]}
    case = practice.open_case(client, make)
    response = client.put(
        f"/api/v1/cases/{case['id']}/team", json=body, headers=make.headers(practice.lead)
    )
    assert response.status_code == 422
    assert response.json()["type"] == "/api/v1/problems/validation-error"
    team = client.get(
        f"/api/v1/cases/{case['id']}/team", headers=make.headers(practice.lead)
    ).json()
    assert [m["user_id"] for m in team["members"]] == [str(practice.lead.id)]


def test_the_access_log_shows_who_read_and_changed_the_case(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    client.get(f"/api/v1/cases/{case['id']}", headers=make.headers(practice.supervisor))
    client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"summary": "Updated"},
        headers=make.headers(practice.lead),
    )
    log = client.get(
        f"/api/v1/cases/{case['id']}/access-log", headers=make.headers(practice.admin)
    ).json()
    seen = [(e["actor_id"], e["action"], e["resource_type"]) for e in log["items"]]
    assert (str(practice.lead.id), "update", "case") in seen
    assert (str(practice.supervisor.id), "read", "case") in seen
    assert (str(practice.lead.id), "create", "case") in seen
    assert all(e["case_id"] == case["id"] for e in log["items"])
    assert all(e["request_id"] for e in log["items"])


def test_only_admins_read_the_access_log(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    """It shows colleagues' addresses and browsers: the case's own lead and a supervisor,
    who may both see the case, are refused like at /audit-events."""
    case = practice.open_case(client, make)
    for user in (practice.lead, practice.supervisor):
        response = client.get(f"/api/v1/cases/{case['id']}/access-log", headers=make.headers(user))
        assert response.status_code == 403, response.text
        assert response.json()["type"] == "/api/v1/problems/forbidden"
        assert response.json()["detail"] == "Only admins may do this."
    admin = client.get(
        f"/api/v1/cases/{case['id']}/access-log", headers=make.headers(practice.admin)
    )
    assert admin.status_code == 200
