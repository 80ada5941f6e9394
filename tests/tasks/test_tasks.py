from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from tests.factories import Factory
from tests.practice import Practice


def new_task(
    client: TestClient, make: Factory, practice: Practice, case: dict[str, Any], **body: Any
) -> Any:
    payload = {"title": "Confirm the bed hold", "phase": "preparation", **body}
    return client.post(
        f"/api/v1/cases/{case['id']}/tasks", json=payload, headers=make.headers(practice.lead)
    )


def test_a_task_is_assigned_completed_and_reopened(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    due = (clock.now() + timedelta(days=2)).isoformat()
    created = new_task(
        client, make, practice, case, assignee={"user_id": str(practice.lead.id)}, due_at=due
    )
    assert created.status_code == 201, created.text
    task = created.json()
    assert task["assignee"] == {
        "user_id": str(practice.lead.id),
        "participant_id": None,
        "name": "Jordan Ellis",
    }
    assert task["case_reference"] == case["reference"]
    assert task["status"] == "open"
    assert task["overdue"] is False
    path = f"/api/v1/tasks/{task['id']}"
    done = client.patch(
        path, json={"status": "done"}, headers=make.headers(practice.lead, **{"If-Match": '"v1"'})
    )
    assert done.json()["completed_at"] is not None
    reopened = client.patch(path, json={"status": "open"}, headers=make.headers(practice.lead))
    assert reopened.json()["completed_at"] is None
    stale = client.patch(
        path, json={"title": "x"}, headers=make.headers(practice.lead, **{"If-Match": '"v1"'})
    )
    assert stale.status_code == 412


@pytest.mark.parametrize(
    "assignee",
    [
        {"user_id": "OUTSIDER"},
        {"participant_id": "OTHER_CASE"},
        {"user_id": "LEAD", "participant_id": "OTHER_CASE"},
        {},
    ],
)
def test_an_assignee_from_elsewhere_is_422(
    client: TestClient, make: Factory, practice: Practice, assignee: dict[str, str]
) -> None:
    case = practice.open_case(client, make)
    other = practice.open_case(client, make)
    stranger = client.post(
        f"/api/v1/cases/{other['id']}/participants",
        json={"full_name": "Kim", "relationship": "friend"},
        headers=make.headers(practice.lead),
    ).json()
    ids = {
        "OUTSIDER": str(practice.outsider.id),
        "OTHER_CASE": stranger["id"],
        "LEAD": str(practice.lead.id),
    }
    response = new_task(
        client, make, practice, case, assignee={k: ids[v] for k, v in assignee.items()}
    )
    assert response.status_code == 422


def test_my_work_queue_shows_my_overdue_tasks_soonest_first(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    me = {"user_id": str(practice.lead.id)}
    now = clock.now()
    new_task(
        client,
        make,
        practice,
        case,
        title="Later",
        assignee=me,
        due_at=(now - timedelta(hours=1)).isoformat(),
    )
    new_task(
        client,
        make,
        practice,
        case,
        title="Oldest",
        assignee=me,
        due_at=(now - timedelta(days=3)).isoformat(),
    )
    new_task(
        client,
        make,
        practice,
        case,
        title="Not yet",
        assignee=me,
        due_at=(now + timedelta(days=3)).isoformat(),
    )
    new_task(client, make, practice, case, title="Undated", assignee=me)
    new_task(
        client,
        make,
        practice,
        case,
        title="Theirs",
        assignee={"user_id": str(practice.colleague.id)},
        due_at=(now - timedelta(days=5)).isoformat(),
    )
    headers = make.headers(practice.lead)

    def titles(**params: Any) -> list[str]:
        response = client.get("/api/v1/tasks", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [t["title"] for t in response.json()["items"]]

    assert titles(assigned_to="me", overdue="true") == ["Oldest", "Later"]
    assert titles(assigned_to="me") == ["Oldest", "Later", "Not yet", "Undated"]
    assert titles(assigned_to="me", limit=3)[-1] == "Not yet"
    page = client.get(
        "/api/v1/tasks", params={"assigned_to": "me", "limit": 3}, headers=headers
    ).json()
    rest = client.get(
        "/api/v1/tasks",
        params={"assigned_to": "me", "limit": 3, "cursor": page["next_cursor"]},
        headers=headers,
    ).json()
    assert [t["title"] for t in rest["items"]] == ["Undated"]
    assert all(
        t["overdue"]
        for t in client.get(
            "/api/v1/tasks", params={"assigned_to": "me", "overdue": "true"}, headers=headers
        ).json()["items"]
    )


def test_the_work_queue_never_reaches_cases_i_cannot_see(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    new_task(client, make, practice, case, assignee={"user_id": str(practice.colleague.id)})
    theirs = client.get(
        "/api/v1/tasks", params={"assigned_to": "me"}, headers=make.headers(practice.colleague)
    ).json()
    assert theirs["items"] == []  # assigned to a case they are not on: not visible to them
    outsider = client.get("/api/v1/tasks", headers=make.headers(practice.outsider)).json()
    assert outsider["items"] == []
    supervisor = client.get("/api/v1/tasks", headers=make.headers(practice.supervisor)).json()
    assert len(supervisor["items"]) == 1


def test_tasks_of_another_organisation_are_404(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make)
    task = new_task(client, make, practice, case).json()
    headers = make.headers(practice.outsider)
    assert client.get(f"/api/v1/tasks/{task['id']}", headers=headers).status_code == 404
    assert (
        client.patch(
            f"/api/v1/tasks/{task['id']}", json={"status": "done"}, headers=headers
        ).status_code
        == 404
    )
    assert client.delete(f"/api/v1/tasks/{task['id']}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/cases/{case['id']}/tasks", headers=headers).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"phase": "preparation"},
        {"title": "x", "phase": "someday"},
        {"title": "x", "phase": "preparation", "status": "done"},
        {"title": "x", "phase": "preparation", "due_at": 1700000000},
    ],
)
def test_bad_task_input_is_422(
    client: TestClient, make: Factory, practice: Practice, body: dict[str, Any]
) -> None:
    case = practice.open_case(client, make)
    response = client.post(
        f"/api/v1/cases/{case['id']}/tasks", json=body, headers=make.headers(practice.lead)
    )
    assert response.status_code == 422


def test_a_task_is_deleted(client: TestClient, make: Factory, practice: Practice) -> None:
    case = practice.open_case(client, make)
    task = new_task(client, make, practice, case).json()
    assert (
        client.delete(
            f"/api/v1/tasks/{task['id']}", headers=make.headers(practice.lead)
        ).status_code
        == 204
    )
    listed = client.get(
        f"/api/v1/cases/{case['id']}/tasks", headers=make.headers(practice.lead)
    ).json()
    assert listed["items"] == []
