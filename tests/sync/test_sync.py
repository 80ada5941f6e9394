"""A device that syncs with `updated_since` learns what changed and what left its view."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import clock
from api.sync.models import SyncRemoval
from api.users.models import User
from api.worker.jobs import JOBS
from tests.cases.test_statement_counts import counting
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


@contextmanager
def at(minutes: int) -> Iterator[None]:
    with clock.frozen_at(T0 + timedelta(minutes=minutes)):
        yield


def stamp(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


class Device:
    """One staff member's phone: lists as they would, with or without `updated_since`."""

    def __init__(self, client: TestClient, make: Factory, user: User) -> None:
        self.client, self.make, self.user = client, make, user

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(
            path if path.startswith(API) else f"{API}{path}",
            params=params,
            headers=self.make.headers(self.user),
        )

    def sync(self, path: str, since: str | None = None, **params: Any) -> dict[str, Any]:
        if since is not None:
            params["updated_since"] = since
        response = self.get(path, **params)
        assert response.status_code == 200, response.text
        return dict(response.json())


def ids(page: dict[str, Any]) -> set[str]:
    return {row["id"] for row in page["items"]}


def put_team(
    client: TestClient, make: Factory, practice: Practice, case_id: str, *others: User
) -> None:
    members = [{"user_id": str(practice.lead.id), "role": "lead"}] + [
        {"user_id": str(u.id), "role": "co_interventionist"} for u in others
    ]
    response = client.put(
        f"{API}/cases/{case_id}/team",
        json={"members": members},
        headers=make.headers(practice.lead),
    )
    assert response.status_code == 200, response.text


def test_a_device_learns_that_a_case_left_its_view_when_its_user_leaves_the_team(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    phone = Device(client, make, practice.colleague)
    with at(0):
        shared = CaseDriver(client, make, practice)
        kept = CaseDriver(client, make, practice)
        put_team(client, make, practice, shared.id, practice.colleague)
        put_team(client, make, practice, kept.id, practice.colleague)
        task = client.post(
            f"{shared.path}/tasks",
            json={"title": "Call the detox unit", "phase": "preparation"},
            headers=shared.headers(),
        ).json()
        alert_check_in = shared.check_in(safety={"overdose": True})
        alert = shared.alerts()[0]
        kept_task = client.post(
            f"{kept.path}/tasks",
            json={"title": "Book the room", "phase": "preparation"},
            headers=kept.headers(),
        ).json()
    with at(5):
        first = phone.sync("/cases")
        assert {shared.id, kept.id} <= ids(first)
        assert first["removed_ids"] == []  # a full listing: the device replaces its copy
        assert first["next_updated_since"] <= stamp(5)
        assert task["id"] in ids(phone.sync("/tasks"))
        assert alert["id"] in ids(phone.sync("/alerts"))
        assert alert["check_in_id"] == alert_check_in["id"]
    with at(10):
        put_team(client, make, practice, shared.id)  # the colleague is taken off
    with at(15):
        cases = phone.sync("/cases", stamp(6))
        assert cases["removed_ids"] == [shared.id]
        assert shared.id not in ids(cases)
        assert phone.sync("/cases", stamp(6)) == cases  # the same question, the same answer
        tasks = phone.sync("/tasks", stamp(6))
        assert tasks["removed_ids"] == [task["id"]]
        assert kept_task["id"] not in tasks["removed_ids"]
        alerts = phone.sync("/alerts", stamp(6))
        assert alerts["removed_ids"] == [alert["id"]]
        assert phone.get(f"/cases/{shared.id}/tasks", updated_since=stamp(6)).status_code == 404
        # Nobody else lost anything: the lead and a supervisor still see the case.
        for user in (practice.lead, practice.supervisor):
            other = Device(client, make, user)
            assert other.sync("/cases", stamp(6))["removed_ids"] == []
            assert shared.id in ids(other.sync("/cases", stamp(6)))
            assert other.sync("/tasks", stamp(6))["removed_ids"] == []
    with at(20):
        put_team(client, make, practice, shared.id, practice.colleague)  # back on the team
    with at(25):
        again = phone.sync("/cases", stamp(6))
        assert shared.id in ids(again)
        assert again["removed_ids"] == []
        assert phone.sync("/tasks", stamp(6))["removed_ids"] == []
        assert phone.sync("/alerts", stamp(6))["removed_ids"] == []


def test_deleted_participants_and_tasks_are_in_removed_ids_of_their_lists(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    phone = Device(client, make, practice.lead)
    with at(0):
        case = CaseDriver(client, make, practice)
        staying, leaving = case.participant("Grace Okafor"), case.participant("Sam Okafor")
        tasks = [
            client.post(
                f"{case.path}/tasks",
                json={"title": title, "phase": "preparation"},
                headers=case.headers(),
            ).json()
            for title in ("Book the room", "Call the employer")
        ]
    with at(10):
        for path in (f"{API}/participants/{leaving['id']}", f"{API}/tasks/{tasks[1]['id']}"):
            assert client.delete(path, headers=case.headers()).status_code == 204
        client.patch(
            f"{API}/participants/{staying['id']}",
            json={"readiness": "committed"},
            headers=case.headers(),
        )
    with at(15):
        participants = phone.sync(f"/cases/{case.id}/participants", stamp(5))
        assert participants["removed_ids"] == [leaving["id"]]
        assert ids(participants) == {staying["id"]}
        case_tasks = phone.sync(f"/cases/{case.id}/tasks", stamp(5))
        assert (case_tasks["items"], case_tasks["removed_ids"]) == ([], [tasks[1]["id"]])
        assert phone.sync("/tasks", stamp(5))["removed_ids"] == [tasks[1]["id"]]
        # Before the deletes nothing had left; a full listing never names removals.
        assert phone.sync(f"/cases/{case.id}/participants", stamp(11))["removed_ids"] == []
        assert phone.sync(f"/cases/{case.id}/participants")["removed_ids"] == []
        assert phone.sync(f"/cases/{case.id}/tasks")["removed_ids"] == []


def test_a_deleted_participant_takes_their_goals_check_ins_and_schedule_with_them(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    phone = Device(client, make, practice.lead)
    with at(0):
        case = CaseDriver(client, make, practice)
        grace = case.participant("Grace Okafor")
        goal = case.goal(subject=grace["id"])
        schedule = case.schedule(respondent=grace["id"])
        check_in = case.check_in(respondent=grace["id"], commitments_kept=True)
        client_goal = case.goal()
    with at(10):
        response = client.delete(f"{API}/participants/{grace['id']}", headers=case.headers())
        assert response.status_code == 204, response.text
    with at(15):
        goals = phone.sync(f"/cases/{case.id}/goals", stamp(5))
        assert goals["removed_ids"] == [goal["id"]]
        assert client_goal["id"] not in goals["removed_ids"]
        schedules = phone.sync(f"/cases/{case.id}/check-in-schedules", stamp(5))
        assert schedules["removed_ids"] == [schedule["id"]]
        check_ins = phone.sync(f"/cases/{case.id}/check-ins", stamp(5))
        assert check_ins["removed_ids"] == [check_in["id"]]


def test_updated_since_returns_only_the_rows_changed_since_then_on_every_list(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    phone = Device(client, make, practice.lead)
    with at(0):
        case = CaseDriver(client, make, practice)
        still = CaseDriver(client, make, practice)
        people = [case.participant("Grace Okafor"), case.participant("Sam Okafor")]
        goals = [case.goal(), case.goal(title="Sleep through the night")]
        tasks = [
            client.post(
                f"{case.path}/tasks",
                json={"title": title, "phase": "preparation"},
                headers=case.headers(),
            ).json()
            for title in ("Book the room", "Call the employer")
        ]
        schedules = [case.schedule(), case.schedule(respondent=people[0]["id"])]
        case.check_in(safety={"violence": True})
        old_alert = case.alerts()[0]
    with at(10):
        moved = client.post(
            f"{case.path}/status", json={"status": "planning"}, headers=case.headers()
        )
        assert moved.status_code == 200, moved.text
        client.patch(
            f"{API}/participants/{people[1]['id']}",
            json={"role": "speaker"},
            headers=case.headers(),
        )
        assert case.measure(goals[1]["id"], 2).status_code == 201
        client.patch(
            f"{API}/tasks/{tasks[1]['id']}", json={"status": "done"}, headers=case.headers()
        )
        acknowledged = client.post(
            f"{API}/alerts/{old_alert['id']}/acknowledge",
            json={"note": "Called her"},
            headers=case.headers(),
        )
        assert acknowledged.json()["updated_at"] == stamp(10).replace("+00:00", "Z")
        new_check_in = case.check_in(respondent=people[0]["id"], commitments_kept=True)
    since = stamp(5)
    with at(15):
        assert ids(phone.sync("/cases", since)) == {case.id}
        assert still.id in ids(phone.sync("/cases"))
        assert ids(phone.sync(f"/cases/{case.id}/participants", since)) == {people[1]["id"]}
        assert ids(phone.sync(f"/cases/{case.id}/goals", since)) == {goals[1]["id"]}
        assert ids(phone.sync(f"/cases/{case.id}/tasks", since)) == {tasks[1]["id"]}
        assert ids(phone.sync("/tasks", since)) == {tasks[1]["id"]}
        assert ids(phone.sync("/alerts", since)) == {old_alert["id"]}
        # Grace's check-in moved her schedule on; the client's schedule did not change.
        assert ids(phone.sync(f"/cases/{case.id}/check-in-schedules", since)) == {
            schedules[1]["id"]
        }
        assert ids(phone.sync(f"/cases/{case.id}/check-ins", since)) == {new_check_in["id"]}
        # At or after: a row changed exactly at updated_since is sent.
        assert ids(phone.sync(f"/cases/{case.id}/participants", stamp(10))) == {people[1]["id"]}
        assert ids(phone.sync(f"/cases/{case.id}/participants", stamp(11))) == set()


def test_a_portal_account_learns_that_a_goal_was_cancelled(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    with at(0):
        case = CaseDriver(client, make, practice)
        steady, dropped = case.goal(), case.goal(title="Walk every morning")
        portal = case.portal_headers()
        first = client.get(f"{API}/portal/goals", headers=portal).json()
        assert {g["id"] for g in first["items"]} == {steady["id"], dropped["id"]}
        assert first["removed_ids"] == []
    with at(10):
        cancelled = client.patch(
            f"{API}/goals/{dropped['id']}",
            json={"lifecycle_status": "cancelled"},
            headers=case.headers(),
        )
        assert cancelled.status_code == 200, cancelled.text
    with at(15):
        portal = case.portal_headers()
        synced = client.get(
            f"{API}/portal/goals", params={"updated_since": stamp(5)}, headers=portal
        ).json()
        assert (synced["items"], synced["removed_ids"]) == ([], [dropped["id"]])
        later = client.get(
            f"{API}/portal/goals", params={"updated_since": stamp(11)}, headers=portal
        ).json()
        assert (later["items"], later["removed_ids"]) == ([], [])
    with at(20):
        assert case.measure(steady["id"], 4).status_code == 201
    with at(25):
        portal = case.portal_headers()
        synced = client.get(
            f"{API}/portal/goals", params={"updated_since": stamp(15)}, headers=portal
        ).json()
        assert [g["id"] for g in synced["items"]] == [steady["id"]]
        assert synced["removed_ids"] == []


def test_a_supervisor_made_interventionist_learns_of_the_cases_off_their_teams(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    phone = Device(client, make, practice.supervisor)
    with at(0):
        theirs = practice.open_case(client, make, by=practice.supervisor)
        others = practice.open_case(client, make)
    with at(10):
        demoted = client.patch(
            f"{API}/users/{practice.supervisor.id}",
            json={"role": "interventionist"},
            headers=make.headers(practice.admin),
        )
        assert demoted.status_code == 200, demoted.text
    with at(15):
        synced = phone.sync("/cases", stamp(5))
        assert others["id"] in synced["removed_ids"]
        assert theirs["id"] not in synced["removed_ids"]


def test_an_updated_since_older_than_the_removals_kept_asks_for_a_full_sync(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    phone = Device(client, make, practice.lead)
    with at(0):
        case = CaseDriver(client, make, practice)
        long_ago = (T0 - timedelta(days=91)).isoformat()
        for path in (
            "/cases",
            "/tasks",
            "/alerts",
            f"/cases/{case.id}/participants",
            f"/cases/{case.id}/goals",
            f"/cases/{case.id}/tasks",
            f"/cases/{case.id}/check-ins",
            f"/cases/{case.id}/check-in-schedules",
        ):
            response = phone.get(path, updated_since=long_ago)
            assert response.status_code == 410, (path, response.text)
            assert response.json()["type"].endswith("/resync-required")
        assert (
            phone.get("/cases", updated_since=(T0 - timedelta(days=89)).isoformat()).status_code
            == 200
        )
        portal = client.get(
            f"{API}/portal/goals",
            params={"updated_since": long_ago},
            headers=case.portal_headers(),
        )
        assert portal.status_code == 410


def test_removed_ids_cost_the_same_statements_however_many_left(
    client: TestClient, make: Factory, practice: Practice, engine: Engine
) -> None:
    phone = Device(client, make, practice.colleague)

    def lose_cases(n: int) -> None:
        for _ in range(n):
            case = CaseDriver(client, make, practice)
            put_team(client, make, practice, case.id, practice.colleague)
            client.post(
                f"{case.path}/tasks",
                json={"title": "Book the room", "phase": "preparation"},
                headers=case.headers(),
            )
            case.check_in(safety={"violence": True})
            put_team(client, make, practice, case.id)

    def statements(path: str) -> int:
        with counting(engine) as seen:
            assert phone.sync(path, stamp(-1), limit=200)["removed_ids"]
        return len(seen)

    with at(0):
        lose_cases(1)
        few = {path: statements(path) for path in ("/cases", "/tasks", "/alerts")}
        lose_cases(12)
        assert {path: statements(path) for path in few} == few


def test_removals_are_forgotten_after_the_retention_window(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    with at(0):
        case = CaseDriver(client, make, practice)
        task = client.post(
            f"{case.path}/tasks",
            json={"title": "Book the room", "phase": "preparation"},
            headers=case.headers(),
        ).json()
        assert client.delete(f"{API}/tasks/{task['id']}", headers=case.headers()).status_code == 204

    def kept() -> int:
        query = select(func.count()).select_from(SyncRemoval)
        return int(
            db.scalar(query.where(col(SyncRemoval.resource_id) == uuid.UUID(task["id"]))) or 0
        )

    purge = JOBS["purge_old_sync_removals"]
    assert purge(db, T0 + timedelta(days=89), make.settings) == 0
    assert kept() == 1
    assert purge(db, T0 + timedelta(days=91), make.settings) == 1
    assert kept() == 0
