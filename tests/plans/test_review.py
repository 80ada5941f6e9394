"""Supervisor review: the queue, return for changes, who learns the outcome (issue 14, 1-2),
and the case status following the plan (item 6)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from tests.factories import Factory
from tests.plans.test_plans import PlanDriver
from tests.practice import Practice


@pytest.fixture
def plan(client: TestClient, make: Factory, practice: Practice) -> PlanDriver:
    return PlanDriver(client, make, practice, practice.open_case(client, make))


def tasks_of(client: TestClient, make: Factory, practice: Practice, user: Any) -> list[Any]:
    response = client.get("/api/v1/tasks", params={"assigned_to": "me"}, headers=make.headers(user))
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def timeline(client: TestClient, plan: PlanDriver) -> list[dict[str, Any]]:
    response = client.get(f"/api/v1/cases/{plan.case['id']}/timeline", headers=plan.headers())
    return list(response.json()["items"])


def test_a_submitted_plan_waits_in_the_reviewers_queue_and_the_caseload_filter(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    other = PlanDriver(client, make, practice, practice.open_case(client, make))
    plan.create(template="johnson")
    other.create()
    assert plan.act("submit").status_code == 200

    queue = client.get("/api/v1/plan-reviews", headers=make.headers(practice.supervisor))
    assert queue.status_code == 200, queue.text
    body = queue.json()
    assert body["total"] == 1
    [item] = body["items"]
    assert item["case_id"] == plan.case["id"]
    assert item["case_reference"] == plan.case["reference"]
    assert item["submitted_by"]["full_name"] == "Jordan Ellis"
    assert item["model"] == "johnson"

    filtered = client.get(
        "/api/v1/cases", params={"plan_status": "in_review"}, headers=make.headers(practice.admin)
    ).json()["items"]
    assert [c["id"] for c in filtered] == [plan.case["id"]]
    drafts = client.get(
        "/api/v1/cases", params={"plan_status": "draft"}, headers=make.headers(practice.admin)
    ).json()["items"]
    assert [c["id"] for c in drafts] == [other.case["id"]]
    bad = client.get(
        "/api/v1/cases", params={"plan_status": "pending"}, headers=make.headers(practice.admin)
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"][-1] == "plan_status"


def test_only_reviewers_see_the_queue_and_only_their_organizations_plans(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    plan.create()
    plan.act("submit")
    lead = client.get("/api/v1/plan-reviews", headers=make.headers(practice.lead))
    assert lead.status_code == 403
    stranger = client.get("/api/v1/plan-reviews", headers=make.headers(practice.outsider))
    assert stranger.json() == {"items": [], "next_cursor": None, "total": 0}


def test_the_badge_count_matches_the_queue_and_records_no_read_of_a_plan(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    """The navigation asks every minute; asking the queue for one row recorded a read of the
    oldest plan each time, so its case's access log listed reads nobody made."""
    plan.create()
    plan.act("submit")
    before = db.scalar(select(func.count()).select_from(AuditEvent))
    count = client.get("/api/v1/plan-reviews/count", headers=make.headers(practice.supervisor))
    assert count.status_code == 200, count.text
    assert count.json() == {"total": 1}
    assert db.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert (
        client.get("/api/v1/plan-reviews/count", headers=make.headers(practice.lead)).status_code
        == 403
    )
    stranger = client.get("/api/v1/plan-reviews/count", headers=make.headers(practice.outsider))
    assert stranger.json() == {"total": 0}


def test_the_queue_pages_oldest_first(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    drivers = [PlanDriver(client, make, practice, practice.open_case(client, make)) for _ in "abc"]
    for driver in drivers:
        driver.create()
        driver.act("submit")
    headers = make.headers(practice.supervisor)
    first = client.get("/api/v1/plan-reviews", params={"limit": 2}, headers=headers).json()
    assert first["total"] == 3
    rest = client.get(
        "/api/v1/plan-reviews", params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers
    ).json()
    seen = [i["case_id"] for i in first["items"] + rest["items"]]
    assert seen == [d.case["id"] for d in drivers]
    assert rest["next_cursor"] is None


def test_returning_for_changes_sends_the_plan_back_with_the_comment_and_a_task(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    plan.create(template="johnson")
    plan.act("submit")
    comment = "Add a second treatment option in case the bed falls through."
    assert plan.act("return", by=practice.lead, comment=comment).status_code == 403
    missing = plan.act("return", by=practice.supervisor)
    assert missing.status_code == 422
    blank = plan.act("return", by=practice.supervisor, comment="   ")
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["loc"] == ["body", "comment"]
    assert plan.act("return", by=practice.supervisor, comment=comment, extra=1).status_code == 422
    assert client.get(plan.path, headers=plan.headers()).json()["status"] == "in_review"

    returned = plan.act("return", by=practice.supervisor, comment=comment)
    assert returned.status_code == 200, returned.text
    body = returned.json()
    assert body["status"] == "draft"
    assert body["return_comment"] == comment
    assert body["returned_by"]["id"] == str(practice.supervisor.id)
    assert body["returned_at"] is not None

    revisions = client.get(f"{plan.path}/revisions", headers=plan.headers()).json()["items"]
    assert revisions[0]["change"] == "returned for changes"
    assert revisions[0]["comment"] == comment
    assert revisions[0]["author"]["id"] == str(practice.supervisor.id)

    [task] = [
        t
        for t in tasks_of(client, make, practice, practice.lead)
        if "review comments" in t["title"]
    ]
    assert comment in task["description"]
    assert task["due_at"] is not None
    assert (
        client.get("/api/v1/plan-reviews", headers=make.headers(practice.admin)).json()["total"]
        == 0
    )
    # A draft cannot be returned again, and it can be resubmitted.
    assert plan.act("return", by=practice.supervisor, comment=comment).status_code == 409
    assert plan.act("submit").json()["status"] == "in_review"


def test_returning_another_organizations_plan_is_not_found(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    plan.create()
    plan.act("submit")
    response = plan.act("return", by=practice.outsider, comment="No.")
    assert response.status_code == 404
    assert client.get(plan.path, headers=plan.headers()).json()["status"] == "in_review"


def test_the_submitter_learns_of_the_approval_in_their_work_queue(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    plan.create()
    plan.act("submit")
    before = len(tasks_of(client, make, practice, practice.lead))
    plan.act("approve", by=practice.supervisor)
    after = tasks_of(client, make, practice, practice.lead)
    assert len(after) == before + 1
    assert any(t["title"].startswith("Plan approved") for t in after)


def test_editing_a_plan_in_review_returns_it_to_draft(plan: PlanDriver, practice: Practice) -> None:
    plan.create()
    plan.act("submit")
    changed = plan.patch({"notes": "Venue moved"})
    assert changed.status_code == 200
    assert changed.json()["status"] == "draft"
    assert plan.act("approve", by=practice.supervisor).status_code == 409


def test_creating_a_plan_starts_planning_and_approval_schedules_without_repeating(
    plan: PlanDriver, client: TestClient
) -> None:
    assert plan.case_now()["status"] == "intake"
    plan.create(template="johnson")
    assert plan.case_now()["status"] == "planning"
    [moved] = [e for e in timeline(client, plan) if e["kind"] == "status_changed"]
    assert (moved["from_status"], moved["to_status"]) == ("intake", "planning")
    assert moved["reason"] == "Planning started."
    plan.patch({"scheduled_at": "2026-12-05T17:00:00Z"})
    plan.act("submit")
    plan.act("approve", by=plan.practice.supervisor)
    assert plan.case_now()["status"] == "scheduled"
    moves = [e for e in timeline(client, plan) if e["kind"] == "status_changed"]
    assert [(m["from_status"], m["to_status"]) for m in moves] == [
        ("planning", "scheduled"),
        ("intake", "planning"),
    ]
    reasons = [m["reason"] for m in moves]
    assert len(set(reasons)) == len(reasons)


def test_a_case_already_past_intake_keeps_its_status_when_a_plan_is_made(
    plan: PlanDriver, client: TestClient
) -> None:
    moved = client.post(
        f"/api/v1/cases/{plan.case['id']}/status",
        json={"status": "in_treatment", "reason": "Admitted before we met the family."},
        headers=plan.headers(),
    )
    assert moved.status_code == 200, moved.text
    plan.create()
    assert plan.case_now()["status"] == "in_treatment"


def test_a_stale_return_changes_nothing(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    plan.create()
    plan.act("submit")
    stale = client.post(
        f"{plan.path}/return",
        json={"comment": "Too late."},
        headers=make.headers(practice.supervisor, **{"If-Match": '"1"'}),
    )
    assert stale.status_code == 412
    assert client.get(plan.path, headers=plan.headers()).json()["status"] == "in_review"
