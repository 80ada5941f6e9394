"""Aftercare follow-up figures of GET /reports/summary, worked out by hand.

Window 2026-01-01..2026-06-30 in New York = [2026-01-01 05:00 UTC, 2026-07-01 04:00 UTC);
now = 2026-07-01 12:00 UTC (tests/reports/conftest.py)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.aftercare.models import AftercareFollowUp, AftercarePlan
from tests.factories import Factory
from tests.practice import Practice
from tests.reports.dataset import Builder, at


def test_follow_up_completion_at_each_point_and_overdue_follow_ups(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    case = dataset.cases["A"]
    started = at("2026-01-01T15:00:00")
    plan = AftercarePlan(
        case_id=case.id,
        organization_id=case.organization_id,
        started_at=started,
        created_at=started,
        updated_at=started,
    )
    db.add(plan)
    db.flush()
    for days, status in [
        (7, "done"),  # not one of the reported points
        (30, "done"),  # Jan 31: done
        (90, "missed"),  # Apr 1: missed
        (180, "open"),  # Jun 30 15:00 UTC: in the window, past due now
        (365, "open"),  # Jan 1, 2027: not yet due
    ]:
        db.add(
            AftercareFollowUp(
                plan_id=plan.id,
                case_id=case.id,
                organization_id=case.organization_id,
                due_at=started + timedelta(days=days),
                kind="call",
                status=status,
                created_at=started,
                updated_at=started,
            )
        )
    db.commit()
    response = client.get(
        "/api/v1/reports/summary",
        params={"from": "2026-01-01", "to": "2026-06-30"},
        headers=make.headers(practice.supervisor),
    )
    assert response.status_code == 200, response.text
    report = response.json()
    points = {p["days"]: p["completion"] for p in report["follow_up_completion"]["points"]}
    assert report["follow_up_completion"]["available"] is True
    assert points[30] == {"numerator": 1, "denominator": 1, "rate": 1.0}
    assert points[90] == {"numerator": 0, "denominator": 1, "rate": 0.0}
    assert points[180] == {"numerator": 0, "denominator": 1, "rate": 0.0}
    assert points[365] == {"numerator": 0, "denominator": 0, "rate": None}
    # Open: the 180- and 365-day calls; past due: the 180-day one.
    assert report["overdue_follow_ups"] == {"numerator": 1, "denominator": 2, "rate": 0.5}
    assert report["overdue_follow_ups_unavailable_reason"] is None
    # An interventionist who is not on case A's team sees none of it.
    theirs = client.get(
        "/api/v1/reports/summary",
        params={"from": "2026-01-01", "to": "2026-06-30"},
        headers=make.headers(practice.colleague),
    ).json()
    assert theirs["overdue_follow_ups"] == {"numerator": 0, "denominator": 0, "rate": None}
