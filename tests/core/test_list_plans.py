"""Every list's queries use an index on PostgreSQL (issue 15: each page flat in table size).

Two practices of 3,000 cases each (alerts, tasks, referrals, check-ins, audit events,
resources) are loaded in one rolled-back transaction and ANALYZEd. Each list endpoint is
called for real, as an admin and as an interventionist; every SELECT it sent is EXPLAINed
with its own parameters (sequential scans priced out, as the planner would at a
hundred times the rows), and a sequential scan of a tenant table (one with an
`organization_id` or `case_id` column) of 1,000 rows or more fails the test: its cost would
grow with the table, not with the page. So fail a walk of a whole index (no condition),
and a sort of more than a few pages of rows (an order no index serves).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, event, insert, text
from sqlalchemy.orm import Session, sessionmaker

from api.alerts.models import Alert
from api.cases.models import Case, CaseTeamMember
from api.checkins.models import CheckIn
from api.consents.models import Consent
from api.core.audit import AuditEvent
from api.core.config import Settings
from api.core.db import metadata
from api.core.security import issue_access_token
from api.partner.models import PartnerApiClient
from api.referrals.models import Referral
from api.resources.models import Resource
from api.tasks.models import Task
from api.treatment_centers.models import TreatmentCenter
from api.users.models import Role, User
from tests.factories import Factory

pytestmark = pytest.mark.postgres_only

CASES_PER_PRACTICE = 3_000
BIG_ENOUGH = 1_000  # rows: below this a table is a lookup table, not a tenant's data
SORTED_AT_MOST = 500  # rows into a sort: a page and its neighbours, not a practice
TENANT_TABLES = {
    table.name
    for table in metadata.sorted_tables
    if "organization_id" in table.c or "case_id" in table.c
}


@dataclass
class Loaded:
    http: TestClient
    connection: Connection
    admin: dict[str, str]
    lead: dict[str, str]
    partner: dict[str, str]
    case_id: uuid.UUID
    deep_cursor: str


def _practice(
    connection: Connection, make: Factory, name: str, now: datetime, rnd: random.Random
) -> tuple[User, User, TreatmentCenter, list[uuid.UUID]]:
    org = make.organization(name)
    admin = make.user(org, Role.admin)
    leads = [make.user(org, Role.interventionist) for _ in range(5)]
    center = TreatmentCenter(organization_id=org.id, name=f"{name} Recovery", created_at=now)
    center.updated_at = now
    make.session.add(center)
    make.session.flush()
    case_ids = [uuid.uuid4() for _ in range(CASES_PER_PRACTICE)]
    created = [now - timedelta(minutes=n) for n in range(CASES_PER_PRACTICE)]
    connection.execute(
        insert(Case),
        [
            {
                "id": case_id,
                "organization_id": org.id,
                "reference": f"C-{name[:3]}-{n:05d}",
                "client_first_name": f"Client{n}",
                "client_last_name": "Plan",
                "substances": [],
                "risk_flags": [],
                "status": "intake",
                "created_at": at,
                "updated_at": at,
                "version": 1,
                "search_key": f"client{n} plan",
            }
            for n, (case_id, at) in enumerate(zip(case_ids, created, strict=True))
        ],
    )
    connection.execute(
        insert(CaseTeamMember),
        [
            {"case_id": c, "user_id": leads[n % 5].id, "role": "lead", "added_at": now}
            for n, c in enumerate(case_ids)
        ],
    )
    per_case = list(zip(case_ids, created, strict=True))
    connection.execute(
        insert(Alert),
        [
            {
                "id": uuid.uuid4(),
                "case_id": c,
                "organization_id": org.id,
                "kind": "safety",
                "severity": rnd.choice(["low", "moderate", "high", "critical"]),
                "status": rnd.choice(["open", "acknowledged"]),
                "title": "Plan alert",
                "created_at": at,
                "updated_at": at,
            }
            for c, at in per_case
        ],
    )
    connection.execute(
        insert(Task),
        [
            {
                "id": uuid.uuid4(),
                "case_id": c,
                "organization_id": org.id,
                "title": "Plan task",
                "phase": "aftercare",
                "due_at": at + timedelta(days=k),
                "status": rnd.choice(["open", "done"]),
                "from_template": False,
                "created_at": at,
                "updated_at": at,
                "version": 1,
            }
            for c, at in per_case
            for k in range(2)
        ],
    )
    consents = {c: uuid.uuid4() for c in case_ids}
    connection.execute(
        insert(Consent),
        [
            {
                "id": consents[c],
                "case_id": c,
                "organization_id": org.id,
                "patient_name": "Client",
                "disclosing_party": name,
                "recipient_treatment_center_id": center.id,
                "purpose": "Referral",
                "information_description": "Minimum",
                "signed_by": "Client",
                "signer_relationship": "self",
                "signed_at": at,
                "signature_method": "electronic",
                "created_by_id": admin.id,
                "created_at": at,
                "expires_at": now + timedelta(days=365),
            }
            for c, at in per_case
        ],
    )
    connection.execute(
        insert(Referral),
        [
            {
                "id": uuid.uuid4(),
                "case_id": c,
                "organization_id": org.id,
                "treatment_center_id": center.id,
                "consent_id": consents[c],
                "level_of_care": "3.5",
                "summary": "Plan",
                "status": rnd.choice(["sent", "admitted", "discharged", "draft"]),
                "created_by_id": admin.id,
                "created_at": at,
                "updated_at": at,
                "version": 1,
            }
            for c, at in per_case
        ],
    )
    connection.execute(
        insert(CheckIn),
        [
            {
                "id": uuid.uuid4(),
                "case_id": c,
                "organization_id": org.id,
                "submitted_by_kind": "portal",
                "submitted_by_id": admin.id,
                "submitted_at": at + timedelta(hours=k),
                "period_days": 7,
                "substances_used": [],
                "goal_updates": [],
                "safety_overdose": False,
                "safety_self_harm_thoughts": False,
                "safety_violence": False,
                "risk_level": "low",
            }
            for c, at in per_case
            for k in range(3)
        ],
    )
    connection.execute(
        insert(AuditEvent),
        [
            {
                "id": uuid.uuid4(),
                "at": at,
                "actor_type": "staff",
                "actor_id": admin.id,
                "organization_id": org.id,
                "action": "read",
                "resource_type": "case",
                "resource_id": str(c),
                "case_id": c,
            }
            for c, at in per_case
        ],
    )
    connection.execute(
        insert(Resource),
        [
            {
                "id": uuid.uuid4(),
                "organization_id": org.id,
                "name": f"Meeting {n}",
                "kind": "mutual_help",
                "audience": "both",
                "format": "online",
                "online_url": "https://meetings.example/plan",
                "time_zone": "America/Chicago",
                "meetings": [],
                "languages": ["en"],
                "is_active": True,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "search_key": f"meeting {n}",
            }
            for n in range(CASES_PER_PRACTICE)
        ],
    )
    return admin, leads[0], center, case_ids


@pytest.fixture(scope="module")
def loaded(app: FastAPI, engine: Engine, settings: Settings) -> Iterator[Loaded]:
    with engine.connect() as connection:
        outer = connection.begin()
        factory: Callable[[], Session] = sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        now = datetime.now(UTC)
        rnd = random.Random(15)
        with factory() as session:
            make = Factory(session, settings)
            admin, lead, center, case_ids = _practice(connection, make, "Ours", now, rnd)
            _practice(connection, make, "Theirs", now, rnd)
            client = PartnerApiClient(
                organization_id=admin.organization_id,
                treatment_center_id=center.id,
                client_id="tc_plans",
                secret_hash="0" * 64,
                webhook_secret_sealed="unused",
                created_by_id=admin.id,
                created_at=now,
            )
            session.add(client)
            session.flush()
            partner_token, _ = issue_access_token(
                settings,
                subject=str(client.id),
                kind="partner",
                organization_id=str(admin.organization_id),
            )
            headers = make.headers(admin), make.headers(lead)
            session.commit()
        connection.execute(text("ANALYZE"))
        app.state.session_factory = factory
        with TestClient(app) as http:
            deep = None
            for _ in range(10):  # 500 cases down
                page = http.get("/api/v1/cases", params={"cursor": deep}, headers=headers[0])
                deep = page.json()["next_cursor"]
            assert deep is not None
            yield Loaded(
                http=http,
                connection=connection,
                admin=headers[0],
                lead=headers[1],
                partner={"Authorization": f"Bearer {partner_token}"},
                case_id=case_ids[0],
                deep_cursor=deep,
            )
        outer.rollback()


def _sent_while(engine: Engine, call: Callable[[], Any]) -> list[tuple[str, Any]]:
    sent: list[tuple[str, Any]] = []

    def capture(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        response = call()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert response.status_code == 200, response.text
    return sent


def _big_tables(connection: Connection) -> set[str]:
    rows = connection.execute(
        text("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= :n"),
        {"n": BIG_ENOUGH},
    )
    return {row[0] for row in rows} & TENANT_TABLES


LISTS = [
    ("cases", "/api/v1/cases", {}),
    ("cases, a deep page", "/api/v1/cases", {"cursor": "deep"}),
    ("case detail", "/api/v1/cases/{case_id}", {}),
    ("alerts", "/api/v1/alerts", {}),
    ("open alerts", "/api/v1/alerts", {"status": "open"}),
    ("alerts summary", "/api/v1/alerts/summary", {}),
    ("tasks", "/api/v1/tasks", {}),
    ("a case's tasks", "/api/v1/cases/{case_id}/tasks", {}),
    ("check-ins", "/api/v1/cases/{case_id}/check-ins", {}),
    ("referrals", "/api/v1/referrals", {}),
    ("sent referrals", "/api/v1/referrals", {"status": "sent"}),
    ("a case's referrals", "/api/v1/cases/{case_id}/referrals", {}),
    ("resources", "/api/v1/resources", {}),
]


@pytest.mark.parametrize("who", ["admin", "lead"])
@pytest.mark.parametrize(("name", "path", "params"), LISTS, ids=[n for n, _, _ in LISTS])
def test_a_list_reads_no_tenant_table_end_to_end(
    loaded: Loaded, engine: Engine, who: str, name: str, path: str, params: dict[str, str]
) -> None:
    headers = loaded.admin if who == "admin" else loaded.lead
    if params.get("cursor") == "deep":
        params = {**params, "cursor": loaded.deep_cursor}
    url = path.format(case_id=loaded.case_id)
    sent = _sent_while(engine, lambda: loaded.http.get(url, params=params, headers=headers))
    _assert_no_sequential_scan(loaded.connection, sent)


def test_the_audit_logs_and_partner_referrals_read_no_tenant_table_end_to_end(
    loaded: Loaded, engine: Engine
) -> None:
    for url, headers in [
        ("/api/v1/audit-events", loaded.admin),
        (f"/api/v1/audit-events?case_id={loaded.case_id}", loaded.admin),
        ("/api/v1/audit-events?case_reference=C-Our-00000", loaded.admin),
        (f"/api/v1/cases/{loaded.case_id}/access-log", loaded.admin),
        ("/api/v1/partner/referrals", loaded.partner),
    ]:
        sent = _sent_while(engine, lambda u=url, h=headers: loaded.http.get(u, headers=h))
        _assert_no_sequential_scan(loaded.connection, sent)


def _assert_no_sequential_scan(connection: Connection, sent: list[tuple[str, Any]]) -> None:
    big = _big_tables(connection)
    # With sequential scans priced out, the planner still takes one only where no index
    # serves the query: at these sizes it may rightly prefer one, at 100k it must not.
    connection.execute(text("SET LOCAL enable_seqscan = off"))
    assert {"cases", "alerts", "tasks", "referrals", "check_ins", "audit_events"} <= big
    for statement, parameters in sent:
        explained = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
        plan = explained.scalar_one()[0]["Plan"]
        whole = [problem for node in _nodes(plan) if (problem := _reads_everything(node, big))]
        assert not whole, f"{whole}:\n{statement}\n{plan}"


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def _reads_everything(node: dict[str, Any], big: set[str]) -> str | None:
    """Why this plan node's cost grows with a tenant table rather than with the page."""
    kind, table = node["Node Type"], node.get("Relation Name")
    if table in big and kind == "Seq Scan":
        return f"a sequential scan of {table}"
    if table in big and kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node:
        return f"a whole-index walk of {table} ({node['Index Name']})"
    if kind == "Sort" and node["Plans"][0]["Plan Rows"] > SORTED_AT_MOST:
        return f"a sort of ~{node['Plans'][0]['Plan Rows']} rows (the order has no index)"
    return None
