"""GET /reports/summary on the hand-built practice of conftest.py.

Window 2026-01-01..2026-06-30 in New York = [2026-01-01 05:00 UTC, 2026-07-01 04:00 UTC);
now = 2026-07-01 12:00 UTC. Every expected figure is worked out from the data here."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import Factory
from tests.practice import Practice
from tests.reports.dataset import Builder

URL = "/api/v1/reports/summary"
WINDOW = {"from": "2026-01-01", "to": "2026-06-30"}


def _get(client: TestClient, make: Factory, user: Any, **params: str) -> dict[str, Any]:
    response = client.get(URL, params={**WINDOW, **params}, headers=make.headers(user))
    assert response.status_code == 200, response.text
    return dict(response.json())


def _ratio(n: int, d: int) -> dict[str, Any]:
    return {"numerator": n, "denominator": d, "rate": round(n / d, 4) if d else None}


def test_supervisor_sees_every_figure_of_the_organisation(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    report = _get(client, make, practice.supervisor)

    assert report["window"]["starts_at"] == "2026-01-01T05:00:00Z"
    assert report["window"]["ends_at"] == "2026-07-01T04:00:00Z"
    # Opened before the window's end: A, B, C, D, E, H (F opened July 1 in New York; G elsewhere).
    statuses = {i["status"]: i["count"] for i in report["cases_by_status"]["items"]}
    assert report["cases_by_status"]["total"] == 6
    assert statuses == {
        "intake": 0,
        "planning": 1,
        "scheduled": 0,
        "intervention_held": 0,
        "in_treatment": 3,
        "aftercare": 1,
        "closed": 1,
    }
    # Opened in the window: A (Jan 10), B (Jan 20), C (Feb 1), E (Feb 28 in New York).
    assert report["new_cases"] == 4
    # Open: A's critical and high (C's critical is acknowledged; G's is another practice's).
    severities = {i["severity"]: i["count"] for i in report["open_alerts"]["items"]}
    assert report["open_alerts"]["total"] == 2
    assert severities["critical"] == 1
    assert severities["high"] == 1
    # Open tasks with a due time: A's June 1 (overdue) and August 1.
    assert report["overdue_tasks"] == _ratio(1, 2)
    # No aftercare plans in this data set (tests/reports/test_follow_ups.py has them).
    assert report["overdue_follow_ups"] == _ratio(0, 0)
    assert report["overdue_follow_ups_unavailable_reason"] is None

    # Client: weekly from Jan 10 15:00 to the window's end Jul 1 04:00 = 171.54 days → 24
    # slots; 3 check-ins inside (the Dec 31 New York one is outside).
    # Family: fortnightly from the window's start Jan 1 05:00 until switched off Mar 1 05:00
    # = 59 days → 4 slots; 2 check-ins.
    assert report["check_in_adherence"]["client"] == _ratio(3, 24)
    assert report["check_in_adherence"]["family"] == _ratio(2, 4)

    # Held in the window: A (entered), B (not), D (entered); ARISE case C entered before any
    # formal intervention, on Feb 15: in the cohort and entered. H was held Dec 31 in New York.
    assert report["treatment_entry"] == _ratio(3, 4)
    by_model = {m["model"]: m for m in report["treatment_entry_by_model"]}
    assert by_model["johnson"]["entered"] == _ratio(1, 2)
    assert by_model["arise"]["entered"] == _ratio(1, 1)
    assert by_model["craft"]["entered"] == _ratio(1, 1)
    assert by_model["love_first"]["entered"] == _ratio(0, 0)
    # Over families who held the confrontation, as the practice's rate is (Miller 1999: 75%;
    # 30% of all families offered it).
    assert by_model["johnson"]["published_rate"] == 0.75
    assert by_model["craft"]["published_rate"] == 0.64
    assert by_model["arise"]["published_rate"] == 0.83
    assert "J Consult Clin Psychol" in by_model["craft"]["published_source"]
    assert "Am J Drug Alcohol Abuse" in by_model["arise"]["published_source"]
    assert by_model["love_first"]["published_rate"] is None
    assert by_model["love_first"]["published_source"] is None
    assert by_model["arise"]["invitational"]
    assert not by_model["johnson"]["invitational"]

    # Intake → held, for interventions held in the window: A 30, B 40, D 75 days.
    assert report["days_intake_to_intervention"] == {"median_days": 40.0, "count": 3}
    # Held → first admission, admissions in the window: A 2, D 10, H 3 days.
    assert report["days_intervention_to_admission"] == {"median_days": 3.0, "count": 3}
    # Discharged in the window: A completed, C left against advice.
    assert report["treatment_completion"] == _ratio(1, 2)
    # Due in the window and not cancelled: A's March goal (achieved) and June 30 goal (not).
    assert report["goals_achieved"] == _ratio(1, 2)
    follow_ups = report["follow_up_completion"]
    assert follow_ups["available"] is True
    assert follow_ups["unavailable_reason"] is None
    assert [p["days"] for p in follow_ups["points"]] == [30, 90, 180, 365]

    attention = report["attention"]
    assert [a["case_reference"] for a in attention["critical_alerts"]] == [
        dataset.cases["A"].reference
    ]
    assert [t["due_at"] for t in attention["overdue_tasks"]] == ["2026-06-01T12:00:00Z"]

    series = {p["month"]: p for p in report["series"]}
    assert list(series) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    # Whole months only: January 1 to June 30.
    assert not any(series[m]["partial"] for m in series)
    assert (series["2026-02"]["first_day"], series["2026-02"]["last_day"]) == (
        "2026-02-01",
        "2026-02-28",
    )
    assert [series[m]["new_cases"] for m in series] == [2, 2, 0, 0, 0, 0]
    # Held: D Jan 15, A Feb 9, B Mar 1 (H's Dec 31 is outside).
    assert [series[m]["interventions_held"] for m in series] == [1, 1, 1, 0, 0, 0]
    # Admitted: D Jan 25 and H Jan 3 (New York); A Feb 11 and C Feb 15.
    assert [series[m]["admissions"] for m in series] == [2, 2, 0, 0, 0, 0]
    # Check-ins: Jan 17, Jan 20 (family), Jan 24; Feb 3 (family); Mar 10.
    assert [series[m]["check_ins"] for m in series] == [3, 1, 1, 0, 0, 0]
    assert [series[m]["discharges"] for m in series] == [0, 0, 0, 1, 1, 0]
    assert [series[m]["completed_discharges"] for m in series] == [0, 0, 0, 1, 0, 0]


def test_check_ins_no_schedule_asked_for_count_in_the_series_but_not_in_adherence(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    """B has no schedule, and A's client wrote before theirs began (Jan 10 15:00): neither
    is a check-in that was expected, so adherence stays 3 of 24 (not 5 of 24)."""
    dataset.check_in(dataset.cases["B"], "2026-02-10T15:00:00")
    dataset.check_in(dataset.cases["A"], "2026-01-10T14:00:00")
    db.commit()

    report = _get(client, make, practice.supervisor)

    assert report["check_in_adherence"]["client"] == _ratio(3, 24)
    series = {p["month"]: p["check_ins"] for p in report["series"]}
    assert [series[m] for m in sorted(series)] == [4, 2, 1, 0, 0, 0]


def test_an_interventionist_sees_their_own_team_and_may_not_ask_for_a_colleague(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    mine = _get(client, make, practice.lead)
    # Jordan leads A, B, E, F, H: of those opened in the window, A, B and E.
    assert mine["new_cases"] == 3
    assert mine["treatment_entry"] == _ratio(1, 2)  # A entered, B did not
    assert mine["cases_by_status"]["total"] == 4  # A, B, E, H

    response = client.get(
        URL,
        params={**WINDOW, "lead_id": str(practice.colleague.id)},
        headers=make.headers(practice.lead),
    )
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    assert _get(client, make, practice.lead, lead_id=str(practice.lead.id))["new_cases"] == 3


def test_supervisors_narrow_by_lead_and_model(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    colleagues = _get(client, make, practice.supervisor, lead_id=str(practice.colleague.id))
    assert colleagues["new_cases"] == 1  # C
    assert colleagues["treatment_entry"] == _ratio(2, 2)  # C and D
    johnson = _get(client, make, practice.admin, model="johnson")
    assert johnson["new_cases"] == 2  # A and B
    assert johnson["treatment_entry"] == _ratio(1, 2)
    assert johnson["treatment_completion"] == _ratio(1, 1)  # only A's discharge


def test_the_first_and_last_months_of_a_window_that_cuts_them_are_marked_partial(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    report = _get(client, make, practice.supervisor, **{"from": "2026-01-17", "to": "2026-03-05"})
    spans = [(p["month"], p["first_day"], p["last_day"], p["partial"]) for p in report["series"]]
    assert spans == [
        ("2026-01", "2026-01-17", "2026-01-31", True),
        ("2026-02", "2026-02-01", "2026-02-28", False),
        ("2026-03", "2026-03-01", "2026-03-05", True),
    ]
    # Check-ins from Jan 17 on: Jan 17, Jan 20 (family), Jan 24; Feb 3; none by Mar 5.
    assert [p["check_ins"] for p in report["series"]] == [3, 1, 0]


def test_an_end_date_after_today_reports_up_to_today_and_a_future_start_is_422(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    """Now is 2026-07-01 08:00 in New York: September has not happened, so it is not drawn
    as a month of zeros, and July is a partial month of one day."""
    report = _get(client, make, practice.supervisor, **{"from": "2026-06-15", "to": "2026-09-30"})
    assert (report["window"]["from"], report["window"]["to"]) == ("2026-06-15", "2026-07-01")
    spans = [(p["month"], p["last_day"], p["partial"]) for p in report["series"]]
    assert spans == [("2026-06", "2026-06-30", True), ("2026-07", "2026-07-01", True)]

    future = client.get(
        URL,
        params={"from": "2026-07-02", "to": "2026-07-31"},
        headers=make.headers(practice.supervisor),
    )
    assert future.status_code == 422
    assert ["query", "from"] in [e["loc"] for e in future.json()["errors"]]
    assert "after today" in future.json()["detail"]


def test_a_case_without_a_model_is_reported_and_filtered_as_other(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    """Treatment entry by model puts a case with no model under "other", so `model=other`
    must take it too (an acceptance try found it answered 0 cases)."""
    before = _get(client, make, practice.supervisor, model="other")
    assert before["new_cases"] == 0
    dataset.case(
        "M", lead=practice.lead, model=None, created="2026-04-02T15:00:00", status="intake"
    )
    dataset.case(
        "O", lead=practice.lead, model="other", created="2026-04-03T15:00:00", status="intake"
    )
    db.commit()

    other = _get(client, make, practice.supervisor, model="other")
    assert other["new_cases"] == 2
    assert other["cases_by_status"]["total"] == 2
    johnson = _get(client, make, practice.supervisor, model="johnson")
    assert johnson["new_cases"] == 2  # A and B, as before


def test_another_organisation_sees_only_its_own(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    theirs = _get(client, make, practice.outsider)
    assert theirs["new_cases"] == 1
    assert theirs["treatment_entry"] == _ratio(1, 1)
    assert theirs["open_alerts"]["total"] == 1
    response = client.get(
        URL, params={"lead_id": str(practice.lead.id)}, headers=make.headers(practice.outsider)
    )
    assert response.status_code == 404


def test_an_empty_window_answers_zeros_and_null_rates(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    report = _get(client, make, practice.supervisor, **{"from": "2020-03-01", "to": "2020-03-31"})
    assert report["new_cases"] == 0
    assert report["cases_by_status"]["total"] == 0
    assert report["treatment_entry"] == _ratio(0, 0)
    assert report["treatment_completion"]["rate"] is None
    assert report["check_in_adherence"]["client"] == _ratio(0, 0)
    assert report["days_intake_to_intervention"] == {"median_days": None, "count": 0}
    assert report["goals_achieved"] == _ratio(0, 0)
    assert report["series"] == [
        {
            "month": "2020-03",
            "first_day": "2020-03-01",
            "last_day": "2020-03-31",
            "partial": False,
            "new_cases": 0,
            "interventions_held": 0,
            "admissions": 0,
            "check_ins": 0,
            "discharges": 0,
            "completed_discharges": 0,
        }
    ]


def test_the_default_window_is_the_last_twelve_months(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    response = client.get(URL, headers=make.headers(practice.supervisor))
    assert response.status_code == 200
    window = response.json()["window"]
    # Now is July 1 08:00 in New York.
    assert (window["from"], window["to"]) == ("2025-07-02", "2026-07-01")
    assert len(response.json()["series"]) == 13


def test_bad_windows_are_422_problems(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    headers = make.headers(practice.supervisor)
    cases = [
        ({"from": "2026-05-01", "to": "2026-04-01"}, ["query", "from"]),
        ({"from": "2021-06-30", "to": "2026-06-30"}, ["query", "from"]),
        ({"from": "2026-13-01"}, ["query", "from"]),
        ({"model": "intervention-by-surprise"}, ["query", "model"]),
        ({"lead_id": "not-a-uuid"}, ["query", "lead_id"]),
        ({"form": "2026-01-01"}, ["query", "form"]),
        ({"from": "0001-01-01", "to": "0001-12-31"}, ["query", "from"]),
        ({"to": "9999-12-31"}, ["query", "to"]),
    ]
    for params, loc in cases:
        response = client.get(URL, params=params, headers=headers)
        assert response.status_code == 422, (params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert loc in [e["loc"] for e in response.json()["errors"]], (params, response.json())
    # Exactly five years (inclusive days) is allowed.
    ok = client.get(URL, params={"from": "2021-07-01", "to": "2026-06-30"}, headers=headers)
    assert ok.status_code == 200


def test_signed_out_callers_get_401(client: TestClient) -> None:
    assert client.get(URL).status_code == 401
