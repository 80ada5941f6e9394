"""Benchmark of GET /reports/summary on PostgreSQL (issue 13: ≤ 150 ms median of 20).

Creates its own database (default `cairn_reports_bench`, dropped and recreated), migrates
it, bulk-loads one practice with 10,000 cases and 200,000 check-ins over two years (plus
plans, referrals, schedules, alerts, tasks and goals), then asks for a 12-month summary
through the HTTP API 20 times as a supervisor and prints the median latency.

    make bench-reports
    .venv/bin/python scripts/bench_reports.py [--url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, make_url, select, text, true
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import Alert
from api.auth.service import staff_session
from api.cases.models import Case, CaseTeamMember
from api.checkins.models import CheckIn, CheckInSchedule
from api.checkins.schedules import refresh_on_schedule
from api.consents.models import Consent
from api.core.config import Settings
from api.core.db import create_db_engine
from api.core.migrations import upgrade_to_head
from api.core.security import hash_password
from api.goals.models import Goal
from api.main import create_app
from api.organizations.models import Organization
from api.plans.models import InterventionPlan
from api.referrals.models import Referral
from api.tasks.models import Task
from api.treatment_centers.models import TreatmentCenter
from api.users.models import User

CASES = 10_000
CHECK_INS = 200_000
RUNS = 20
MODELS = ["johnson", "love_first", "arise", "craft", "systemic_family", "other"]
STATUSES = [
    "intake",
    "planning",
    "scheduled",
    "intervention_held",
    "in_treatment",
    "aftercare",
    "closed",
]
BATCH = 5_000


def _batches(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), BATCH):
        session.execute(insert(table), rows[i : i + BATCH])


def load(session: Session, now: datetime) -> User:
    rnd = random.Random(13)  # noqa: S311  (repeatable test data, not secrets)
    org = Organization(
        id=uuid.uuid4(), name="Bench Practice", created_at=now, time_zone="America/Chicago"
    )
    session.add(org)
    session.flush()
    staff = []
    for n, role in enumerate(["supervisor"] + ["interventionist"] * 20):
        user = User(
            organization_id=org.id,
            email=f"{role}{n}@bench.example",
            full_name=f"{role.title()} {n}",
            role=role,
            is_active=True,
            password_hash=hash_password("bench-password-not-secret"),
            created_at=now,
            updated_at=now,
        )
        session.add(user)
        staff.append(user)
    center = TreatmentCenter(
        organization_id=org.id, name="Bench Recovery", created_at=now, updated_at=now
    )
    session.add(center)
    session.flush()
    supervisor, workers = staff[0], staff[1:]

    cases, team, plans, consents, referrals, schedules, alerts, tasks, goals = (
        [] for _ in range(9)
    )
    for n in range(CASES):
        created = now - timedelta(days=rnd.uniform(0, 730))
        case_id = uuid.uuid4()
        model = rnd.choice(MODELS)
        cases.append(
            {
                "id": case_id,
                "organization_id": org.id,
                "reference": f"C-B-{n:06d}",
                "client_first_name": f"Client{n}",
                "client_last_name": "Bench",
                "substances": [],
                "risk_flags": [],
                "intervention_model": model,
                "status": rnd.choice(STATUSES),
                "created_at": created,
                "updated_at": created,
                "version": 1,
                "search_key": f"client{n} bench",
            }
        )
        team.append(
            {
                "case_id": case_id,
                "user_id": rnd.choice(workers).id,
                "role": "lead",
                "added_at": created,
            }
        )
        held = created + timedelta(days=rnd.uniform(5, 60))
        if rnd.random() < 0.6 and held < now:
            plans.append(
                {
                    "id": uuid.uuid4(),
                    "case_id": case_id,
                    "organization_id": org.id,
                    "model": model,
                    "status": "delivered",
                    "held_at": held,
                    "result": "accepted",
                    "speaking_order": [],
                    "contributions": [],
                    "treatment_options": [],
                    "contingencies": [],
                    "rehearsals": [],
                    "sections": [],
                    "created_at": created,
                    "updated_at": held,
                    "version": 1,
                }
            )
            if rnd.random() < 0.6:
                consent_id = uuid.uuid4()
                consents.append(
                    {
                        "id": consent_id,
                        "case_id": case_id,
                        "organization_id": org.id,
                        "patient_name": "Client",
                        "disclosing_party": "Bench",
                        "recipient_treatment_center_id": center.id,
                        "purpose": "Referral",
                        "information_description": "Minimum",
                        "signed_by": "Client",
                        "signer_relationship": "self",
                        "signed_at": created,
                        "signature_method": "electronic",
                        "created_by_id": supervisor.id,
                        "created_at": created,
                        "expires_at": now + timedelta(days=365),
                    }
                )
                admitted = held + timedelta(days=rnd.uniform(0, 10))
                discharged = admitted + timedelta(days=rnd.uniform(20, 90))
                done = discharged < now
                referrals.append(
                    {
                        "id": uuid.uuid4(),
                        "case_id": case_id,
                        "organization_id": org.id,
                        "treatment_center_id": center.id,
                        "consent_id": consent_id,
                        "level_of_care": "3.5",
                        "summary": "Bench",
                        "status": "discharged" if done else "admitted",
                        "admitted_at": admitted if admitted < now else None,
                        "discharged_at": discharged if done else None,
                        "discharge_reason": rnd.choice(["completed", "left_against_advice"])
                        if done
                        else None,
                        "created_by_id": supervisor.id,
                        "created_at": held,
                        "updated_at": held,
                        "version": 1,
                    }
                )
        due = now + timedelta(days=3)
        schedules.append(
            {
                "id": uuid.uuid4(),
                "case_id": case_id,
                "organization_id": org.id,
                "cadence_days": 7,
                "grace_hours": 24,
                "active": rnd.random() < 0.7,
                "time_zone": "America/Chicago",
                "next_due_local": due.replace(tzinfo=None),
                "next_due_at": due,
                "overdue_after": due,
                "created_at": created,
                "updated_at": created + timedelta(days=90),
                "version": 1,
            }
        )
        if rnd.random() < 0.2:
            alerts.append(
                {
                    "id": uuid.uuid4(),
                    "case_id": case_id,
                    "organization_id": org.id,
                    "kind": "safety",
                    "severity": rnd.choice(["low", "moderate", "high", "critical"]),
                    "status": rnd.choice(["open", "acknowledged"]),
                    "title": "Bench alert",
                    "created_at": created,
                    "updated_at": created,
                }
            )
        for _ in range(2):
            tasks.append(
                {
                    "id": uuid.uuid4(),
                    "case_id": case_id,
                    "organization_id": org.id,
                    "title": "Bench task",
                    "phase": "aftercare",
                    "due_at": created + timedelta(days=rnd.uniform(0, 120)),
                    "status": rnd.choice(["open", "done"]),
                    "from_template": False,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
        goals.append(
            {
                "id": uuid.uuid4(),
                "case_id": case_id,
                "organization_id": org.id,
                "title": "Bench goal",
                "category": "abstinence",
                "metric": "days",
                "unit": "days",
                "target_value": 30,
                "direction": "at_least",
                "start_date": created.date(),
                "due_date": (created + timedelta(days=90)).date(),
                "lifecycle_status": "active",
                "achievement_status": rnd.choice(["achieved", "in_progress", "not_achieved"]),
                "created_at": created,
                "updated_at": created,
                "version": 1,
            }
        )
    for table, rows in [
        (Case.__table__, cases),
        (CaseTeamMember.__table__, team),
        (InterventionPlan.__table__, plans),
        (Consent.__table__, consents),
        (Referral.__table__, referrals),
        (CheckInSchedule.__table__, schedules),
        (Alert.__table__, alerts),
        (Task.__table__, tasks),
        (Goal.__table__, goals),
    ]:
        _batches(session, table, rows)
    case_ids = [(c["id"], c["created_at"]) for c in cases]
    check_ins = []
    for _ in range(CHECK_INS):
        case_id, created = rnd.choice(case_ids)
        submitted = created + (now - created) * rnd.random()
        check_ins.append(
            {
                "id": uuid.uuid4(),
                "case_id": case_id,
                "organization_id": org.id,
                "submitted_by_kind": "portal",
                "submitted_by_id": uuid.uuid4(),
                "submitted_at": submitted,
                "period_days": 7,
                "substances_used": [],
                "goal_updates": [],
                "safety_overdose": False,
                "safety_self_harm_thoughts": False,
                "safety_violence": False,
                "risk_level": "low",
            }
        )
    _batches(session, CheckIn.__table__, check_ins)
    # As the product would have marked them when they were sent (api/checkins/schedules.py).
    refresh_on_schedule(session, true())
    session.commit()
    return supervisor


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="cairn_reports_bench")
    parser.add_argument(
        "--reuse", action="store_true", help="time the database an earlier run loaded"
    )
    args = parser.parse_args()
    if not args.reuse:
        admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{args.database}"'))
        admin.dispose()
    url = make_url(args.url).set(database=args.database).render_as_string(hide_password=False)
    settings = Settings(
        env="test",
        database_url=url,
        secret_key="bench-secret-" + "x" * 40,
        spa_dist=Path("/nonexistent"),
        run_worker_in_process=False,
        log_level="WARNING",
    )
    engine = create_db_engine(settings)
    upgrade_to_head(engine)
    now = datetime.now(UTC)
    started = time.perf_counter()
    with Session(engine) as session:
        if args.reuse:
            found = session.scalar(select(User).where(col(User.role) == "supervisor"))
            assert found is not None, "nothing loaded yet: run without --reuse first"
            supervisor = found
        else:
            supervisor = load(session, now)
        token = staff_session(session, settings, supervisor).access_token
        session.commit()
    if not args.reuse:
        vacuum = create_engine(url, isolation_level="AUTOCOMMIT")
        with vacuum.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))  # as autovacuum would after a bulk load
            # and write the load out now, not while the summaries are being timed
            connection.execute(text("CHECKPOINT"))
        vacuum.dispose()
        print(
            f"loaded {CASES} cases and {CHECK_INS} check-ins in {time.perf_counter() - started:.1f} s"
        )
    app = create_app(settings, engine=engine)
    params = {"from": (now - timedelta(days=365)).date().isoformat(), "to": now.date().isoformat()}
    timings = []
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {token}"}
        assert (
            client.get("/api/v1/reports/summary", params=params, headers=headers).status_code == 200
        )
        for _ in range(RUNS):
            t0 = time.perf_counter()
            response = client.get("/api/v1/reports/summary", params=params, headers=headers)
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text
    baseline = []
    with TestClient(app) as client:
        for _ in range(RUNS):
            t0 = time.perf_counter()
            client.get("/api/v1/auth/me", headers=headers)
            baseline.append((time.perf_counter() - t0) * 1000)
    body = response.json()
    print(
        f"summary over {body['cases_by_status']['total']} cases: median {statistics.median(timings):.1f} ms, "
        f"min {min(timings):.1f} ms, max {max(timings):.1f} ms over {RUNS} runs (target ≤ 150 ms)"
    )
    print(
        f"baseline GET /auth/me on this machine now: median {statistics.median(baseline):.1f} ms "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    engine.dispose()


if __name__ == "__main__":
    main()
