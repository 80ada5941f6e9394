"""Check-in schedules, and the job that notices a missed check-in."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, exists, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.auth.dependencies import Staff
from api.cases.models import Case, CaseStatus
from api.cases.service import load_in_case
from api.checkins.models import CheckIn, CheckInSchedule
from api.checkins.schemas import ScheduleCreate, ScheduleRead, ScheduleUpdate
from api.core import audit, clock, zones
from api.core.audit import AuditAction
from api.core.problems import Conflict
from api.core.schemas import changes_of
from api.organizations.service import time_zone_of_case
from api.participants.service import names_of, resolve_subject
from api.sync.models import SyncResource
from api.sync.service import record_deleted


def refresh_on_schedule(session: Session, which: ColumnElement[bool]) -> None:
    """Sets `CheckIn.on_schedule` of the check-ins `which` selects from the schedules as they
    are now: true when one for the same case and respondent was created no later than the
    check-in was sent. Called when a check-in is recorded and when a schedule is added or
    deleted (a deleted schedule stops counting its check-ins, as its expectations go)."""
    asked_for = exists().where(
        col(CheckInSchedule.case_id) == col(CheckIn.case_id),
        col(CheckInSchedule.respondent_participant_id).is_not_distinct_from(
            col(CheckIn.respondent_participant_id)
        ),
        col(CheckInSchedule.created_at) <= col(CheckIn.submitted_at),
    )
    # Loaded check-ins keep their old value in memory; nothing reads it back in a request.
    session.execute(
        update(CheckIn).where(which).values(on_schedule=asked_for),
        execution_options={"synchronize_session": False},
    )


def load_schedule(
    session: Session, staff: Staff, schedule_id: uuid.UUID
) -> tuple[CheckInSchedule, Case]:
    return load_in_case(session, staff, CheckInSchedule, schedule_id, "check-in schedule")


def add_schedule(
    session: Session, staff: Staff, case: Case, data: ScheduleCreate
) -> CheckInSchedule:
    respondent = resolve_subject(session, case, data.respondent, "respondent")
    existing = session.scalar(
        select(col(CheckInSchedule.id)).where(
            col(CheckInSchedule.case_id) == case.id,
            col(CheckInSchedule.respondent_participant_id) == respondent
            if respondent
            else col(CheckInSchedule.respondent_participant_id).is_(None),
        )
    )
    if existing is not None:
        raise Conflict("This person already has a check-in schedule on this case; change that one.")
    now = clock.now()
    schedule = CheckInSchedule(
        case_id=case.id,
        organization_id=case.organization_id,
        respondent_participant_id=respondent,
        cadence_days=data.cadence_days,
        grace_hours=data.grace_hours,
        active=data.active,
        time_zone=time_zone_of_case(session, case).key,
        next_due_local=now.replace(tzinfo=None),
        next_due_at=now,
        overdue_after=now,
        created_at=now,
        updated_at=now,
    )
    schedule.set_next_due(data.next_due_at or now)
    if data.next_due_at is None:
        schedule.advance()  # a cadence of local days from now
    session.add(schedule)
    session.flush()
    refresh_on_schedule(session, col(CheckIn.case_id) == case.id)
    audit.record(
        session, staff.ctx, AuditAction.create, "check_in_schedule", schedule.id, case_id=case.id
    )
    return schedule


def update_schedule(
    session: Session, staff: Staff, schedule: CheckInSchedule, data: ScheduleUpdate
) -> CheckInSchedule:
    changes = changes_of(data, required=("cadence_days", "grace_hours", "active", "next_due_at"))
    changed = {f: v for f, v in changes.items() if getattr(schedule, f) != v}
    if not changed:
        return schedule
    for field, value in changed.items():
        setattr(schedule, field, value)
    if "next_due_at" in changed:
        schedule.set_next_due(changed["next_due_at"])  # a new anchor
    else:
        schedule.place()  # grace may have changed
    schedule.updated_at = clock.now()
    session.flush()
    audit.record(
        session,
        staff.ctx,
        AuditAction.update,
        "check_in_schedule",
        schedule.id,
        case_id=schedule.case_id,
    )
    return schedule


def delete_schedule(session: Session, staff: Staff, schedule: CheckInSchedule) -> None:
    record_deleted(
        session,
        SyncResource.check_in_schedule,
        [schedule.id],
        case_id=schedule.case_id,
        organization_id=schedule.organization_id,
    )
    audit.record(
        session,
        staff.ctx,
        AuditAction.delete,
        "check_in_schedule",
        schedule.id,
        case_id=schedule.case_id,
    )
    session.delete(schedule)
    session.flush()
    refresh_on_schedule(session, col(CheckIn.case_id) == schedule.case_id)


def list_schedules(
    session: Session, case: Case, *, updated_since: datetime | None = None
) -> list[CheckInSchedule]:
    statement = select(CheckInSchedule).where(col(CheckInSchedule.case_id) == case.id)
    if updated_since is not None:
        statement = statement.where(col(CheckInSchedule.updated_at) >= updated_since)
    return list(
        session.scalars(
            statement.order_by(col(CheckInSchedule.created_at), col(CheckInSchedule.id))
        )
    )


def to_reads(
    session: Session, case: Case, schedules: Sequence[CheckInSchedule]
) -> list[ScheduleRead]:
    names = names_of(
        session, {s.respondent_participant_id for s in schedules if s.respondent_participant_id}
    )
    client = case.client_called
    return [
        ScheduleRead.model_validate(
            {
                **s.model_dump(),
                "respondent": s.respondent_participant_id or "client",
                "respondent_name": names.get(s.respondent_participant_id, "")
                if s.respondent_participant_id
                else client,
            }
        )
        for s in schedules
    ]


def raise_missed_check_ins(session: Session, now: datetime) -> int:
    """A job: one `missed_check_in` alert per missed period, then the schedule moves on.

    If the worker was away for several periods, one alert names how many were
    missed. The alert's dedupe key (schedule + first missed due time) makes a
    second run, or a second worker, harmless. The schedule moves slot by slot on its
    local anchor, and the title gives the due day in the schedule's zone
    (`zones.time_text`, e.g. `Mon, Mar 8, 2027, 8:00 PM PST`).
    """
    late = session.execute(
        select(CheckInSchedule, Case)
        .join(Case, col(Case.id) == col(CheckInSchedule.case_id))
        # A closed case is no longer followed: its schedules raise nothing.
        .where(
            col(CheckInSchedule.active).is_(True),
            col(CheckInSchedule.overdue_after) < now,
            col(Case.status) != CaseStatus.closed.value,
        )
        .order_by(col(CheckInSchedule.overdue_after))
        .limit(500)
        .with_for_update(skip_locked=True, of=CheckInSchedule)
    ).all()
    raised = 0
    for schedule, case in late:
        first_missed, missed = schedule.next_due_at, 0
        while schedule.overdue_after < now:
            missed += 1
            schedule.advance()
        tz = zones.zone(schedule.time_zone)
        who = "The client" if schedule.respondent_participant_id is None else "A participant"
        title = f"{who} missed a check-in due {zones.time_text(first_missed, tz)}"
        if missed > 1:
            title = f"{who} missed {missed} check-ins since {zones.day_text(first_missed, tz)}"
        if raise_alert(
            session,
            case,
            AlertKind.missed_check_in,
            Severity.moderate,
            title,
            dedupe_key=f"missed:{schedule.id}:{first_missed.isoformat()}",
        ):
            raised += 1
        schedule.updated_at = now
    session.flush()
    return raised
