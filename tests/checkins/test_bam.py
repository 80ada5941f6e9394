"""The Brief Addiction Monitor items of a check-in (family conflict, work/school, heavy drinking
days), the 30-day recall window, and the BAM's Use, Risk and Protective composites.

The expected composites are worked out here by hand from the BAM manual's rules (Cacciola et
al., J Subst Abuse Treat 2013;44(3):256-263; VA BAM manual): a day count over 30 days scores
by its band 0 → 0, 1-3 → 1, 4-8 → 2, 9-15 → 3, 16-30 → 4; Use = items 4 + 5 + 6; Risk = items
1, 2, 3, 8, 11, 15; Protective = items 9, 10, 12, 13, 14, 16.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.checkins.models import CheckIn
from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY_COUNTS = ("days_used", "heavy_drinking_days", "meetings_attended", "work_school_days")


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def band(days_in_thirty: int) -> int:
    """The manual's band of a 30-day count, written out as the manual lists it."""
    if days_in_thirty == 0:
        return 0
    if days_in_thirty <= 3:
        return 1
    if days_in_thirty <= 8:
        return 2
    if days_in_thirty <= 15:
        return 3
    return 4


def stored(db: Session) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(CheckIn)) or 0)


def test_the_new_bam_items_are_recorded_and_read_back(case: CaseDriver) -> None:
    response = case.submit(
        period_days=30,
        days_used=4,
        heavy_drinking_days=2,
        family_conflict=2,
        work_school_days=18,
        meetings_attended=9,
    )
    assert response.status_code == 201, response.text
    check_in = response.json()
    assert check_in["period_days"] == 30
    assert check_in["heavy_drinking_days"] == 2
    assert check_in["family_conflict"] == 2
    assert check_in["work_school_days"] == 18
    assert check_in["meetings_attended"] == 9
    read = case.client.get(f"{API}/check-ins/{check_in['id']}", headers=case.headers())
    assert read.json() == check_in
    assert case.check_ins()[0] == check_in


def test_a_check_in_without_the_new_items_leaves_them_empty(case: CaseDriver) -> None:
    check_in = case.check_in(days_used=0)
    assert check_in["family_conflict"] is None
    assert check_in["work_school_days"] is None
    assert check_in["heavy_drinking_days"] is None


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({"days_used": 0, "family_conflict": 0}, "low"),
        ({"days_used": 0, "family_conflict": 2, "craving": 2}, "low"),
        ({"days_used": 0, "family_conflict": 3}, "moderate"),
        ({"days_used": 0, "family_conflict": 4, "craving": 0, "risky_situations": 0}, "moderate"),
        ({"days_used": 1, "family_conflict": 4}, "high"),  # use outranks conflict
        ({"days_used": 0, "family_conflict": 4, "safety": {"violence": True}}, "critical"),
    ],
)
def test_family_conflict_raises_the_risk_level(
    case: CaseDriver, answers: dict[str, Any], level: str
) -> None:
    assert case.check_in(**answers)["risk_level"] == level


def test_family_conflict_alone_raises_no_alert(case: CaseDriver) -> None:
    case.check_in(days_used=0, family_conflict=4)
    assert case.alerts() == []


def test_the_30_day_recall_window_takes_counts_up_to_30(case: CaseDriver) -> None:
    check_in = case.check_in(
        period_days=30,
        days_used=30,
        substances_used=["alcohol"],
        heavy_drinking_days=30,
        meetings_attended=30,
        work_school_days=30,
    )
    assert [check_in[field] for field in DAY_COUNTS] == [30, 30, 30, 30]
    assert check_in["risk_level"] == "high"


@pytest.mark.parametrize("field", DAY_COUNTS)
@pytest.mark.parametrize("period_days", [7, 30])
def test_a_day_count_above_the_recall_window_is_refused_by_name(
    case: CaseDriver, db: Session, field: str, period_days: int
) -> None:
    answers: dict[str, Any] = {"period_days": period_days, "days_used": period_days}
    answers[field] = period_days + 1
    response = case.submit(**answers)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/validation-error"
    assert [e["loc"] for e in problem["errors"]] == [["body", field]]
    assert stored(db) == 0


def test_heavy_drinking_days_are_some_of_the_days_used(case: CaseDriver, db: Session) -> None:
    response = case.submit(period_days=7, days_used=2, heavy_drinking_days=3)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "heavy_drinking_days"]
    assert stored(db) == 0


@pytest.mark.parametrize(
    "answers",
    [
        {"family_conflict": 5},
        {"family_conflict": -1},
        {"family_conflict": "2"},
        {"family_conflict": 1.5},
        {"work_school_days": -1},
        {"work_school_days": True},
        {"heavy_drinking_days": -1},
        {"meetings_attended": 32},
        {"period_days": 31, "work_school_days": 32},
    ],
)
def test_new_items_out_of_range_are_422(
    case: CaseDriver, db: Session, answers: dict[str, Any]
) -> None:
    response = case.submit(**answers)
    assert response.status_code == 422, response.text
    assert stored(db) == 0


def test_the_composites_of_a_30_day_check_in_follow_the_manual(case: CaseDriver) -> None:
    check_in = case.check_in(
        period_days=30,
        days_used=5,
        substances_used=["alcohol"],
        heavy_drinking_days=2,
        sleep_quality=2,
        mood=1,
        craving=3,
        risky_situations=2,
        family_conflict=4,
        confidence=2,
        meetings_attended=12,
        work_school_days=20,
    )
    # Use: items 4/6 (5 days → 2) + item 5 (2 days → 1).
    use = band(5) + band(2)
    # Risk: sleep 4-2, mood 4-1, craving 3, risky situations 2, family conflict 4; five of six
    # items (physical health is not asked), scaled to six.
    risk = round(((4 - 2) + (4 - 1) + 3 + 2 + 4) * 6 / 5, 1)
    # Protective: confidence 2, meetings (12 days → 3), work/school (20 days → 4); three of six.
    protective = round((2 + band(12) + band(20)) * 6 / 3, 1)
    assert (use, risk, protective) == (3, 16.8, 18.0)
    assert check_in["bam"] == {
        "use": use,
        "risk": risk,
        "protective": protective,
        "items_scored": [2, 3, 4, 5, 6, 8, 9, 10, 11, 13, 15],
    }


def test_a_weekly_check_in_s_day_counts_are_prorated_to_30_days(case: CaseDriver) -> None:
    check_in = case.check_in(
        period_days=7,
        days_used=1,
        substances_used=["cocaine"],
        sleep_quality=4,
        mood=4,
        craving=0,
        risky_situations=0,
        family_conflict=0,
        confidence=4,
        meetings_attended=3,
        work_school_days=5,
    )
    # 1 day in 7 ≈ 4.3 days in 30 → 4 → band 2; 3 in 7 ≈ 12.9 → 13 → 3; 5 in 7 ≈ 21.4 → 21 → 4.
    assert check_in["bam"]["use"] == band(4) == 2
    assert check_in["bam"]["risk"] == 0
    assert check_in["bam"]["protective"] == round((4 + band(13) + band(21)) * 6 / 3, 1) == 22.0


def test_a_composite_with_too_few_answers_is_null(case: CaseDriver) -> None:
    check_in = case.check_in(days_used=0, craving=1, family_conflict=1, confidence=3)
    assert check_in["bam"] == {
        "use": 0,
        "risk": None,
        "protective": None,
        "items_scored": [4, 6, 8, 9, 15],
    }
    enough = case.check_in(days_used=0, craving=1, family_conflict=1, mood=2)
    assert enough["bam"]["risk"] == round((1 + 1 + (4 - 2)) * 6 / 3, 1) == 8.0


def test_a_family_member_s_check_in_has_no_bam_composites(case: CaseDriver) -> None:
    grace = case.participant("Grace Okafor")
    assert case.check_in(respondent=grace["id"], commitments_kept=True)["bam"] is None


def test_the_client_s_check_ins_give_the_composites_as_a_series(case: CaseDriver) -> None:
    with clock.frozen_at(T0):
        case.check_in(period_days=7, days_used=2, craving=3, family_conflict=3, mood=1)
    with clock.frozen_at(T0 + timedelta(days=7)):
        case.check_in(period_days=7, days_used=0, craving=1, family_conflict=1, mood=3)
    grace = case.participant("Grace Okafor")
    case.check_in(respondent=grace["id"], wellbeing=2)
    series = [c["bam"] for c in case.check_ins(respondent="client")]
    # Newest first: (1 + 1 + 1) x 2 and (3 + 3 + 3) x 2; 2 days in 7 ≈ 8.6 → 9 → 3.
    assert [(b["use"], b["risk"]) for b in series] == [(0, 6.0), (band(9), 18.0)]


def test_the_portal_takes_the_new_items(case: CaseDriver, client: TestClient) -> None:
    portal = case.portal_headers("client")
    sent = client.post(
        f"{API}/portal/check-ins",
        json={
            "period_days": 30,
            "days_used": 0,
            "family_conflict": 3,
            "work_school_days": 22,
            "meetings_attended": 8,
        },
        headers=portal,
    )
    assert sent.status_code == 201, sent.text
    recorded = case.check_ins()[0]
    assert recorded["submitted_by_kind"] == "portal"
    assert (recorded["family_conflict"], recorded["work_school_days"]) == (3, 22)
    assert recorded["risk_level"] == "moderate"
    assert recorded["bam"]["protective"] is None  # two of the three protective items asked
    refused = client.post(
        f"{API}/portal/check-ins",
        json={"period_days": 7, "days_used": 0, "work_school_days": 8},
        headers=portal,
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "work_school_days"]
