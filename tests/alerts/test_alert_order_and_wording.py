"""Alerts are listed most severe first, then newest; their texts read plainly (issue #14 §12)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def titles(client: TestClient, make: Factory, practice: Practice, **params: str) -> list[str]:
    response = client.get(f"{API}/alerts", params=params, headers=make.headers(practice.lead))
    assert response.status_code == 200, response.text
    return [f"{a['severity']}: {a['title']}" for a in response.json()["items"]]


def test_a_critical_alert_sits_above_newer_high_ones_across_pages(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    with clock.frozen_at(T0):
        case.check_in(safety={"overdose": True})  # critical, the oldest
    for hours in (1, 2, 3):
        with clock.frozen_at(T0 + timedelta(hours=hours)):
            case.check_in(days_used=hours, substances_used=["alcohol"])  # high, newer

    listed = titles(client, make, practice)
    assert [t.split(":")[0] for t in listed] == ["critical", "high", "high", "high"]
    # Within a severity, newest first.
    assert listed[1:] == [
        "high: Use reported: 3 of 7 days (alcohol)",
        "high: Use reported: 2 of 7 days (alcohol)",
        "high: Use reported: 1 of 7 days (alcohol)",
    ]

    # The same order page by page: the cursor carries the severity.
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params = {"limit": "1", **({"cursor": cursor} if cursor else {})}
        page = client.get(f"{API}/alerts", params=params, headers=make.headers(practice.lead))
        assert page.status_code == 200, page.text
        body = page.json()
        seen += [f"{a['severity']}: {a['title']}" for a in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == listed


def test_use_without_a_named_substance_is_not_called_substances(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = CaseDriver(client, make, practice)
    case.check_in(days_used=1)
    case.check_in(days_used=2, substances_used=["alcohol", "cannabis"])
    listed = titles(client, make, practice)
    assert "high: Use reported: 1 of 7 days" in listed
    assert "high: Use reported: 2 of 7 days (alcohol, cannabis)" in listed
    assert not any("substance" in t.lower() for t in listed)
