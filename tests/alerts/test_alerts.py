from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from tests.checkins.driver import API, CaseDriver
from tests.factories import Factory
from tests.practice import Practice

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def all_alerts(client: TestClient, headers: dict[str, str], **params: Any) -> list[Any]:
    response = client.get(f"{API}/alerts", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def summary(client: TestClient, headers: dict[str, str]) -> dict[str, int]:
    response = client.get(f"{API}/alerts/summary", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_alerts_are_seen_only_on_cases_within_reach(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    case.check_in(safety={"overdose": True})
    colleague_case = CaseDriver(
        client, make, practice, practice.open_case(client, make, by=practice.colleague)
    )
    colleague_case.submit(by=practice.colleague, days_used=2)

    def kinds(who: Any) -> list[str]:
        return sorted(a["kind"] for a in all_alerts(client, make.headers(who)))

    assert kinds(practice.lead) == ["safety"]
    assert kinds(practice.colleague) == ["relapse_reported"]
    assert kinds(practice.supervisor) == ["relapse_reported", "safety"]
    assert kinds(practice.admin) == ["relapse_reported", "safety"]
    assert kinds(practice.outsider) == []
    assert summary(client, make.headers(practice.lead)) == {"open": 1, "open_critical": 1}
    assert summary(client, make.headers(practice.colleague)) == {"open": 1, "open_critical": 0}
    assert summary(client, make.headers(practice.supervisor)) == {"open": 2, "open_critical": 1}
    assert summary(client, make.headers(practice.outsider)) == {"open": 0, "open_critical": 0}


def test_a_case_s_alerts_disappear_for_someone_taken_off_its_team(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    team = f"{case.path}/team"
    lead = {"user_id": str(practice.lead.id), "role": "lead"}
    colleague = {"user_id": str(practice.colleague.id), "role": "co_interventionist"}
    added = client.put(team, json={"members": [lead, colleague]}, headers=case.headers())
    assert added.status_code == 200, added.text
    case.check_in(safety={"violence": True})
    assert len(all_alerts(client, make.headers(practice.colleague))) == 1
    assert summary(client, make.headers(practice.colleague))["open_critical"] == 1

    removed = client.put(team, json={"members": [lead]}, headers=case.headers())
    assert removed.status_code == 200, removed.text
    assert all_alerts(client, make.headers(practice.colleague)) == []
    assert summary(client, make.headers(practice.colleague)) == {"open": 0, "open_critical": 0}


def test_alerts_filter_by_status_case_severity_and_kind(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    other = CaseDriver(client, make, practice)
    with clock.frozen_at(T0):
        case.check_in(days_used=1)
    with clock.frozen_at(T0 + timedelta(hours=1)):
        case.check_in(safety={"overdose": True})
    with clock.frozen_at(T0 + timedelta(hours=2)):
        other.check_in(days_used=3)
    headers = case.headers()
    everything = all_alerts(client, headers)
    assert [(a["kind"], a["case_id"]) for a in everything] == [
        ("safety", case.id),
        ("relapse_reported", other.id),
        ("relapse_reported", case.id),
    ]  # the critical one first, then newest first
    assert [a["kind"] for a in all_alerts(client, headers, case_id=case.id)] == [
        "safety",
        "relapse_reported",
    ]
    assert [a["case_id"] for a in all_alerts(client, headers, severity="critical")] == [case.id]
    assert [a["case_id"] for a in all_alerts(client, headers, kind="relapse_reported")] == [
        other.id,
        case.id,
    ]
    assert all_alerts(client, headers, kind="missed_check_in") == []
    safety = all_alerts(client, headers, kind="safety")[0]
    client.post(f"{API}/alerts/{safety['id']}/acknowledge", json={}, headers=headers)
    assert [a["id"] for a in all_alerts(client, headers, status="acknowledged")] == [safety["id"]]
    assert len(all_alerts(client, headers, status="open")) == 2

    first = client.get(f"{API}/alerts", params={"limit": 2}, headers=headers).json()
    rest = client.get(
        f"{API}/alerts", params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers
    ).json()
    assert [a["id"] for a in first["items"] + rest["items"]] == [a["id"] for a in everything]


@pytest.mark.parametrize(
    "params",
    [{"status": "closed"}, {"severity": "urgent"}, {"kind": "anything"}, {"case": "x"}],
)
def test_a_bad_alert_filter_is_422(
    case: CaseDriver, client: TestClient, params: dict[str, str]
) -> None:
    case.check_in(days_used=1)
    response = client.get(f"{API}/alerts", params=params, headers=case.headers())
    assert response.status_code == 422


def test_acknowledging_records_who_when_and_what_was_done(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    case.check_in(safety={"self_harm_thoughts": True})
    alert = case.alerts()[0]
    path = f"{API}/alerts/{alert['id']}/acknowledge"
    at = datetime(2026, 3, 5, 21, 30, tzinfo=UTC)
    with clock.frozen_at(at):
        response = client.post(
            path,
            json={"note": "Called Danny; he is safe with his sister tonight."},
            headers=make.headers(practice.lead),
        )
    assert response.status_code == 200, response.text
    done = response.json()
    assert done["status"] == "acknowledged"
    assert done["acknowledged_by"] == {"id": str(practice.lead.id), "full_name": "Jordan Ellis"}
    assert done["acknowledged_at"].startswith("2026-03-05T21:30:00")
    assert done["acknowledgement_note"] == "Called Danny; he is safe with his sister tonight."
    assert summary(client, case.headers()) == {"open": 0, "open_critical": 0}
    assert case.alerts()[0] == done

    again = client.post(path, json={"note": "Me too"}, headers=make.headers(practice.supervisor))
    assert again.status_code == 409
    assert case.alerts()[0]["acknowledged_by"]["id"] == str(practice.lead.id)


def test_acknowledging_without_a_note_is_allowed_but_not_an_unknown_field(
    case: CaseDriver, client: TestClient
) -> None:
    case.check_in(days_used=1)
    alert = case.alerts()[0]
    path = f"{API}/alerts/{alert['id']}/acknowledge"
    bad = client.post(path, json={"status": "open"}, headers=case.headers())
    assert bad.status_code == 422
    assert client.post(path, json={"note": "x" * 2_001}, headers=case.headers()).status_code == 422
    assert case.alerts()[0]["status"] == "open"
    ok = client.post(path, json={}, headers=case.headers())
    assert ok.status_code == 200
    assert ok.json()["acknowledgement_note"] is None


@pytest.mark.parametrize("body", [None, {}, {"note": None}])
def test_acknowledging_needs_no_body_at_all(
    case: CaseDriver, client: TestClient, body: dict[str, Any] | None
) -> None:
    case.check_in(days_used=1)
    alert = case.alerts()[0]
    path = f"{API}/alerts/{alert['id']}/acknowledge"
    response = (
        client.post(path, headers=case.headers())
        if body is None
        else client.post(path, json=body, headers=case.headers())
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "acknowledged"
    assert response.json()["acknowledgement_note"] is None
    assert case.alerts()[0]["status"] == "acknowledged"


@pytest.mark.parametrize(
    "content", [b"[]", b'"seen"', b'{"note": 5}', b'{"note": "ok", "x": 1}', b"{not json"]
)
def test_a_body_that_is_there_must_still_be_an_acknowledgement(
    case: CaseDriver, client: TestClient, content: bytes
) -> None:
    case.check_in(days_used=1)
    alert = case.alerts()[0]
    response = client.post(
        f"{API}/alerts/{alert['id']}/acknowledge",
        content=content,
        headers=case.headers(**{"Content-Type": "application/json"}),
    )
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/api/v1/problems/validation-error"
    assert case.alerts()[0]["status"] == "open"


def test_an_alert_out_of_reach_cannot_be_acknowledged(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    case.check_in(safety={"overdose": True})
    alert = case.alerts()[0]
    path = f"{API}/alerts/{alert['id']}/acknowledge"
    for who in (practice.outsider, practice.colleague):
        response = client.post(path, json={"note": "seen"}, headers=make.headers(who))
        assert response.status_code == 404
        assert response.json()["type"] == "/api/v1/problems/not-found"
    unknown = client.post(
        f"{API}/alerts/6f1e3c1a-0000-4000-8000-000000000000/acknowledge",
        json={},
        headers=case.headers(),
    )
    assert unknown.status_code == 404
    assert case.alerts()[0]["status"] == "open"
    assert summary(client, case.headers()) == {"open": 1, "open_critical": 1}
