"""Which check-ins a schedule asked for (CheckIn.on_schedule, migration 0031).

The reports' adherence counts, as received, only check-ins sent while the respondent
had a schedule; the flag is kept on the check-in so the report reads it from an index.
Driven through the API: a check-in before any schedule, one after it, then the
schedule deleted (its expectations go, and so do the check-ins it was counting).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def _march_report(client: TestClient, make: Factory, practice: Practice) -> Any:
    response = client.get(
        f"{API}/reports/summary",
        params={"from": "2026-03-01", "to": "2026-03-31"},
        headers=make.headers(practice.supervisor),
    )
    assert response.status_code == 200, response.text
    return response.json()


def _client_adherence(client: TestClient, make: Factory, practice: Practice) -> Any:
    report = _march_report(client, make, practice)
    sent = sum(point["check_ins"] for point in report["series"])
    return report["check_in_adherence"]["client"]["numerator"], sent


def test_only_check_ins_a_schedule_asked_for_count_as_received(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    with clock.frozen_at(T0):
        case = CaseDriver(client, make, practice)
        case.check_in()  # before any schedule: sent, not asked for
    with clock.frozen_at(T0 + timedelta(days=1)):
        schedule = case.schedule(cadence_days=1)
    with clock.frozen_at(T0 + timedelta(days=2)):
        case.check_in()
    with clock.frozen_at(T0 + timedelta(days=3)):
        case.check_in()
        assert _client_adherence(client, make, practice) == (2, 3)

        [current] = case.schedules()
        deleted = client.delete(
            f"{API}/check-in-schedules/{schedule['id']}",
            headers=case.headers(**{"If-Match": f'"v{current["version"]}"'}),
        )
    assert deleted.status_code == 204, deleted.text
    with clock.frozen_at(T0 + timedelta(days=3)):
        assert _client_adherence(client, make, practice) == (0, 3)

    # A new schedule counts from its own start: the earlier check-ins stay uncounted.
    with clock.frozen_at(T0 + timedelta(days=4)):
        case.schedule(cadence_days=1)
    with clock.frozen_at(T0 + timedelta(days=5)):
        case.check_in()
        assert _client_adherence(client, make, practice) == (1, 4)


def test_extra_check_ins_do_not_lift_adherence_above_what_was_expected(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    """A weekly schedule and a client who checks in every day for two weeks (and once as
    the schedule is set up): 2 expected, 2 received, not 15 of 2."""
    with clock.frozen_at(T0):
        case = CaseDriver(client, make, practice)
        case.schedule(cadence_days=7)
        case.check_in()
    for day in range(1, 15):
        with clock.frozen_at(T0 + timedelta(days=day)):
            case.check_in()
    with clock.frozen_at(T0 + timedelta(days=14, hours=1)):
        report = _march_report(client, make, practice)
    assert report["check_in_adherence"]["client"] == {
        "numerator": 2,
        "denominator": 2,
        "rate": 1.0,
    }
    assert sum(point["check_ins"] for point in report["series"]) == 15
