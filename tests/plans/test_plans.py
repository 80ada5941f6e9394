from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.practice import Practice

FAMILY = [
    ("Grace Okafor", "sibling"),
    ("Ruth Okafor", "parent"),
    ("Tomas Reyes", "friend"),
    ("Ana Okafor", "spouse"),
]


class PlanDriver:
    """Speaks to one case's plan as a given staff member."""

    def __init__(
        self, client: TestClient, make: Factory, practice: Practice, case: dict[str, Any]
    ) -> None:
        self.client, self.make, self.practice, self.case = client, make, practice, case
        self.path = f"/api/v1/cases/{case['id']}/plan"
        self.etag = ""

    def headers(self, by: Any = None, etag: str | None = None) -> dict[str, str]:
        extra = {"If-Match": etag} if etag else {}
        return self.make.headers(by or self.practice.lead, **extra)

    def create(self, **body: Any) -> Any:
        response = self.client.post(self.path, json=body, headers=self.headers())
        self.etag = response.headers.get("etag", "")
        return response

    def patch(self, body: dict[str, Any], *, by: Any = None, etag: str | None = "current") -> Any:
        response = self.client.patch(
            self.path, json=body, headers=self.headers(by, self.etag if etag == "current" else etag)
        )
        if response.status_code == 200:
            self.etag = response.headers["etag"]
        return response

    def act(self, action: str, *, by: Any = None, **body: Any) -> Any:
        response = self.client.post(
            f"{self.path}/{action}", json=body or None, headers=self.headers(by)
        )
        if response.status_code == 200:
            self.etag = response.headers["etag"]
        return response

    def case_now(self) -> dict[str, Any]:
        return dict(
            self.client.get(f"/api/v1/cases/{self.case['id']}", headers=self.headers()).json()
        )

    def add_family(self) -> list[str]:
        ids = []
        for name, relationship in FAMILY:
            response = self.client.post(
                f"/api/v1/cases/{self.case['id']}/participants",
                json={"full_name": name, "relationship": relationship, "role": "speaker"},
                headers=self.headers(),
            )
            ids.append(response.json()["id"])
        return ids


@pytest.fixture
def plan(client: TestClient, make: Factory, practice: Practice) -> PlanDriver:
    return PlanDriver(client, make, practice, practice.open_case(client, make))


def test_templates_are_listed(client: TestClient, make: Factory, practice: Practice) -> None:
    response = client.get("/api/v1/plan-templates", headers=make.headers(practice.lead))
    models = {t["model"] for t in response.json()["items"]}
    assert models == {"johnson", "love_first", "arise", "craft", "systemic_family"}


def test_a_plan_from_the_arise_template_brings_sections_contingencies_and_tasks(
    plan: PlanDriver, client: TestClient
) -> None:
    response = plan.create(template="arise")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["model"] == "arise"
    assert body["status"] == "draft"
    assert len(body["sections"]) >= 6
    assert all(s["guidance"] and s["content"] == "" for s in body["sections"])
    assert len(body["contingencies"]) >= 4
    tasks = client.get(
        f"/api/v1/cases/{plan.case['id']}/tasks", params={"limit": 200}, headers=plan.headers()
    ).json()
    assert len(tasks["items"]) >= 8
    assert all(t["from_template"] for t in tasks["items"])
    assert {t["assignee"]["user_id"] for t in tasks["items"]} == {str(plan.practice.lead.id)}
    assert plan.create(template="arise").status_code == 409


def test_template_tasks_go_to_the_case_lead_whoever_makes_the_plan(
    plan: PlanDriver, client: TestClient
) -> None:
    admin = plan.practice.admin
    made = client.post(plan.path, json={"template": "craft"}, headers=plan.headers(by=admin))
    assert made.status_code == 201, made.text
    tasks = client.get(
        f"/api/v1/cases/{plan.case['id']}/tasks", params={"limit": 200}, headers=plan.headers()
    ).json()["items"]
    assert tasks
    assert {(t["assignee"]["user_id"], t["assignee"]["name"]) for t in tasks} == {
        (str(plan.practice.lead.id), plan.practice.lead.full_name)
    }
    mine = client.get(
        "/api/v1/tasks", params={"assigned_to": "me", "limit": 200}, headers=plan.headers()
    ).json()["items"]
    assert {t["id"] for t in tasks} <= {t["id"] for t in mine}


def test_template_tasks_skip_a_lead_who_was_deactivated(
    plan: PlanDriver, client: TestClient, db: Any
) -> None:
    lead, admin = plan.practice.lead, plan.practice.admin
    db.get(type(lead), lead.id).is_active = False
    db.flush()
    made = client.post(plan.path, json={"template": "johnson"}, headers=plan.headers(by=admin))
    assert made.status_code == 201, made.text
    tasks = client.get(
        f"/api/v1/cases/{plan.case['id']}/tasks",
        params={"limit": 200},
        headers=plan.headers(by=admin),
    ).json()["items"]
    assert tasks
    assert {t["assignee"]["user_id"] for t in tasks} == {str(admin.id)}


def test_changing_the_plan_requires_if_match(plan: PlanDriver) -> None:
    plan.create()
    assert plan.patch({"location": "Home"}, etag=None).status_code == 428
    stale = plan.patch({"location": "Home"}, etag='"v0"')
    assert stale.status_code == 412
    assert stale.json()["type"] == "/api/v1/problems/precondition-failed"
    ok = plan.patch({"location": "The family home", "logistics": "Grace drives."})
    assert ok.status_code == 200
    assert ok.json()["location"] == "The family home"
    assert plan.etag == '"v2"'


def test_the_plan_names_only_participants_of_its_case(
    plan: PlanDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    plan.create()
    family = plan.add_family()
    other_case = practice.open_case(client, make)
    stranger = client.post(
        f"/api/v1/cases/{other_case['id']}/participants",
        json={"full_name": "Kim", "relationship": "friend"},
        headers=plan.headers(),
    ).json()["id"]
    bad = plan.patch(
        {"speaking_order": [family[0], stranger], "contributions": [{"participant_id": stranger}]}
    )
    assert bad.status_code == 422
    locations = [e["loc"] for e in bad.json()["errors"]]
    assert ["body", "speaking_order", 1] in locations
    assert ["body", "contributions", 0, "participant_id"] in locations
    good = plan.patch(
        {
            "speaking_order": list(reversed(family)),
            "contributions": [
                {"participant_id": family[0], "contribution": "Reads first", "letter_ready": True}
            ],
            "treatment_options": [
                {"name": "Hazelden Betty Ford", "level_of_care": "3.7", "is_primary": True}
            ],
            "rehearsals": [{"scheduled_at": "2026-12-01T18:00:00Z"}],
        }
    )
    assert good.status_code == 200, good.text
    assert good.json()["speaking_order"] == list(reversed(family))
    assert (
        plan.patch({"treatment_options": [{"name": "X", "level_of_care": "5"}]}).status_code == 422
    )


def test_the_plan_moves_through_review_and_approval_and_schedules_the_case(
    plan: PlanDriver, practice: Practice, client: TestClient
) -> None:
    plan.create(template="johnson")
    plan.patch({"scheduled_at": "2026-12-05T17:00:00Z", "location": "Home"})
    assert plan.act("approve", by=practice.supervisor).status_code == 409  # not submitted yet
    assert plan.act("submit").json()["status"] == "in_review"
    assert plan.act("approve").status_code == 403  # the lead is an interventionist
    approved = plan.act("approve", by=practice.supervisor)
    assert approved.status_code == 200
    assert approved.json()["approved_by"]["id"] == str(practice.supervisor.id)
    assert plan.case_now()["status"] == "scheduled"
    timeline = client.get(
        f"/api/v1/cases/{plan.case['id']}/timeline", headers=plan.headers()
    ).json()
    # The practice's clock (New York), not UTC's.
    assert timeline["items"][0]["reason"] == (
        "Plan approved; intervention on Sat, Dec 5, 2026, 12:00 PM EST."
    )


def test_changing_an_approved_plan_returns_it_to_draft(
    plan: PlanDriver, practice: Practice
) -> None:
    plan.create()
    plan.act("submit")
    plan.act("approve", by=practice.admin)
    changed = plan.patch({"notes": "Venue moved"})
    assert changed.json()["status"] == "draft"
    assert changed.json()["approved_by"] is None
    assert changed.json()["approved_at"] is None


@pytest.mark.parametrize(
    ("result", "suggests"), [("accepted", False), ("declined", True), ("walked_out", True)]
)
def test_delivering_records_the_result_and_moves_the_case(
    plan: PlanDriver, practice: Practice, client: TestClient, result: str, suggests: bool
) -> None:
    plan.create(template="arise")
    plan.act("submit")
    plan.act("approve", by=practice.supervisor)
    assert (
        plan.act("deliver", held_at="2026-12-05T17:00:00Z").status_code == 422
    )  # result is required
    delivered = plan.act(
        "deliver", held_at="2026-12-05T17:00:00Z", result=result, notes="Everyone read."
    )
    assert delivered.status_code == 200, delivered.text
    assert delivered.json()["status"] == "delivered"
    assert (delivered.json()["next_step_suggestion"] is not None) is suggests
    if suggests:
        assert "Level" in delivered.json()["next_step_suggestion"]
    assert plan.case_now()["status"] == "intervention_held"
    timeline = client.get(
        f"/api/v1/cases/{plan.case['id']}/timeline", headers=plan.headers()
    ).json()
    assert timeline["items"][0]["to_status"] == "intervention_held"
    assert result.replace("_", " ") in timeline["items"][0]["reason"]
    assert plan.patch({"notes": "after"}).status_code == 409


def test_every_saved_version_is_a_revision(
    plan: PlanDriver, practice: Practice, client: TestClient
) -> None:
    plan.create()
    plan.patch({"location": "Home"})
    plan.patch({"location": "Church hall"})
    plan.act("submit")
    revisions = client.get(f"{plan.path}/revisions", headers=plan.headers()).json()["items"]
    assert [r["change"] for r in revisions] == [
        "submitted for review",
        "updated",
        "updated",
        "created",
    ]
    assert [r["version"] for r in revisions] == [4, 3, 2, 1]
    assert revisions[1]["snapshot"]["location"] == "Church hall"
    assert revisions[2]["snapshot"]["location"] == "Home"
    assert revisions[0]["author"]["full_name"] == "Jordan Ellis"


def test_the_plan_is_out_of_reach_for_others(
    plan: PlanDriver, make: Factory, practice: Practice, client: TestClient
) -> None:
    plan.create()
    for who in (practice.outsider, practice.colleague):
        headers = make.headers(who)
        assert client.get(plan.path, headers=headers).status_code == 404
        assert (
            client.patch(
                plan.path, json={"notes": "x"}, headers={**headers, "If-Match": '"v1"'}
            ).status_code
            == 404
        )
        assert client.post(f"{plan.path}/submit", headers=headers).status_code == 404
        assert client.get(f"{plan.path}/revisions", headers=headers).status_code == 404


def test_a_case_without_a_plan_answers_null_not_an_error(
    plan: PlanDriver, make: Factory, practice: Practice, client: TestClient
) -> None:
    response = client.get(plan.path, headers=plan.headers())
    assert response.status_code == 200
    assert response.json() is None
    assert "etag" not in response.headers
    # A case the caller cannot see is still 404, plan or no plan.
    assert client.get(plan.path, headers=make.headers(practice.outsider)).status_code == 404
    # Changing a plan that does not exist is still an error.
    missing = client.patch(plan.path, json={"notes": "x"}, headers=plan.headers(etag='"v1"'))
    assert missing.status_code == 404
    assert "no intervention plan" in missing.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"status": "approved"},
        {"version": 9},
        {"model": "shouting"},
        {"sections": [{"key": "Bad Key", "title": "x"}]},
        {"scheduled_at": "tomorrow"},
        {"contingencies": [{"scenario": "", "response": "x"}]},
    ],
)
def test_bad_plan_input_is_422(plan: PlanDriver, body: dict[str, Any]) -> None:
    plan.create()
    assert plan.patch(body).status_code == 422
