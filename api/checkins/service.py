"""Check-ins: what they record, the risk level, alerts, goal measurements, the schedule."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.cases.models import Case
from api.checkins.models import CheckIn, CheckInSchedule, RiskLevel
from api.checkins.rules import risk_level
from api.checkins.schemas import Adherence, AdherenceReport, CheckInAnswers, CheckInRead
from api.core import audit, clock
from api.core.audit import AuditAction, AuditContext
from api.core.pagination import keyset_page, split_page
from api.core.problems import FieldError, UnprocessableContent
from api.goals.models import Goal
from api.goals.service import record_measurement
from api.participants.service import names_of

SAFETY_WORDS = {
    "safety_overdose": "an overdose",
    "safety_self_harm_thoughts": "thoughts of self-harm",
    "safety_violence": "violence",
}


def submit_check_in(
    session: Session,
    ctx: AuditContext,
    case: Case,
    respondent_participant_id: uuid.UUID | None,
    answers: CheckInAnswers,
) -> CheckIn:
    """Records the check-in, its goal measurements and alerts, and advances the schedule."""
    if respondent_participant_id is None and answers.days_used is None:
        raise UnprocessableContent(
            "A client check-in says how many days substances were used (0 if none).",
            errors=[
                FieldError(loc=["body", "days_used"], msg="required for the client", type="missing")
            ],
        )
    goals = _goals_for_updates(session, case, answers)
    assert ctx.actor_id is not None, "a check-in is always submitted by a signed-in principal"
    now = clock.now()
    safety = answers.safety
    check_in = CheckIn(
        case_id=case.id,
        organization_id=case.organization_id,
        respondent_participant_id=respondent_participant_id,
        submitted_by_kind=ctx.actor_type,
        submitted_by_id=ctx.actor_id,
        submitted_at=now,
        **answers.model_dump(exclude={"safety", "goal_updates"}),
        goal_updates=[u.model_dump(mode="json") for u in answers.goal_updates],
        safety_overdose=safety.overdose,
        safety_self_harm_thoughts=safety.self_harm_thoughts,
        safety_violence=safety.violence,
        risk_level=risk_level(
            any_safety=safety.overdose or safety.self_harm_thoughts or safety.violence,
            days_used=answers.days_used,
            craving=answers.craving,
            risky_situations=answers.risky_situations,
        ).value,
    )
    session.add(check_in)
    session.flush()
    for update in answers.goal_updates:
        record_measurement(
            session,
            goals[update.goal_id],
            update.value,
            measured_at=now,
            check_in_id=check_in.id,
            note=update.note,
        )
    _raise_alerts(session, case, check_in)
    _advance_schedule(session, case, respondent_participant_id, now)
    audit.record(session, ctx, AuditAction.create, "check_in", check_in.id, case_id=case.id)
    return check_in


def _goals_for_updates(
    session: Session, case: Case, answers: CheckInAnswers
) -> dict[uuid.UUID, Goal]:
    wanted = {u.goal_id for u in answers.goal_updates}
    if not wanted:
        return {}
    goals = {
        g.id: g
        for g in session.scalars(
            select(Goal).where(col(Goal.case_id) == case.id, col(Goal.id).in_(wanted))
        )
    }
    errors = [
        FieldError(
            loc=["body", "goal_updates", i, "goal_id"],
            msg="not a goal of this case",
            type="value_error",
        )
        for i, u in enumerate(answers.goal_updates)
        if u.goal_id not in goals
    ]
    if errors:
        raise UnprocessableContent(
            "Goal updates may only measure goals of this case.", errors=errors
        )
    return goals


def _raise_alerts(session: Session, case: Case, check_in: CheckIn) -> None:
    reported = [words for field, words in SAFETY_WORDS.items() if getattr(check_in, field)]
    if reported:
        raise_alert(
            session,
            case,
            AlertKind.safety,
            Severity.critical,
            f"Safety: {', '.join(reported)} reported in a check-in",
            detail="Reach the respondent now. If life is in danger call 911; the 988 lifeline is there 24/7.",
            check_in_id=check_in.id,
            dedupe_key=f"safety:{check_in.id}",
        )
    if check_in.days_used:
        substances = ", ".join(check_in.substances_used) or "substances"
        raise_alert(
            session,
            case,
            AlertKind.relapse_reported,
            Severity.high,
            f"Use reported: {check_in.days_used} of {check_in.period_days} days ({substances})",
            check_in_id=check_in.id,
            dedupe_key=f"relapse:{check_in.id}",
        )


def _advance_schedule(
    session: Session, case: Case, respondent_participant_id: uuid.UUID | None, now: datetime
) -> None:
    schedule = session.scalar(
        select(CheckInSchedule).where(
            col(CheckInSchedule.case_id) == case.id,
            col(CheckInSchedule.respondent_participant_id) == respondent_participant_id
            if respondent_participant_id
            else col(CheckInSchedule.respondent_participant_id).is_(None),
            col(CheckInSchedule.active).is_(True),
        )
    )
    if schedule is not None:
        schedule.set_next_due(now + timedelta(days=schedule.cadence_days))
        schedule.updated_at = now
        session.flush()


def list_check_ins(
    session: Session,
    case: Case,
    *,
    respondent_participant_id: uuid.UUID | str | None,
    since: datetime | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[CheckIn], str | None]:
    """Newest first. `respondent_participant_id`: "any", None (the client) or a participant."""
    statement = select(CheckIn).where(col(CheckIn.case_id) == case.id)
    if respondent_participant_id is None:
        statement = statement.where(col(CheckIn.respondent_participant_id).is_(None))
    elif respondent_participant_id != "any":
        statement = statement.where(
            col(CheckIn.respondent_participant_id) == respondent_participant_id
        )
    if since is not None:
        statement = statement.where(col(CheckIn.submitted_at) >= since)
    statement = keyset_page(
        statement,
        [col(CheckIn.submitted_at), col(CheckIn.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    return split_page(session.scalars(statement).all(), limit, lambda c: (c.submitted_at, c.id))


def to_reads(session: Session, case: Case, check_ins: Sequence[CheckIn]) -> list[CheckInRead]:
    names = names_of(
        session, {c.respondent_participant_id for c in check_ins if c.respondent_participant_id}
    )
    client = case.client_called
    return [
        CheckInRead.model_validate(
            {
                **c.model_dump(),
                "respondent": c.respondent_participant_id or "client",
                "respondent_name": names.get(c.respondent_participant_id, "")
                if c.respondent_participant_id
                else client,
                "safety": {
                    "overdose": c.safety_overdose,
                    "self_harm_thoughts": c.safety_self_harm_thoughts,
                    "violence": c.safety_violence,
                },
                "risk_level": RiskLevel(c.risk_level),
            }
        )
        for c in check_ins
    ]


def adherence(session: Session, case: Case, *, weeks: int) -> AdherenceReport:
    """Per schedule: check-ins expected in the window (by cadence, from when the schedule
    began) against check-ins received from that respondent."""
    now = clock.now()
    since = now - timedelta(weeks=weeks)
    schedules = session.scalars(
        select(CheckInSchedule)
        .where(col(CheckInSchedule.case_id) == case.id)
        .order_by(col(CheckInSchedule.created_at))
    ).all()
    counts = {
        row[0]: int(row[1])
        for row in session.execute(
            select(col(CheckIn.respondent_participant_id), func.count())
            .where(col(CheckIn.case_id) == case.id, col(CheckIn.submitted_at) >= since)
            .group_by(col(CheckIn.respondent_participant_id))
        ).all()
    }
    names = names_of(
        session, {s.respondent_participant_id for s in schedules if s.respondent_participant_id}
    )
    client = case.client_called
    items = []
    for schedule in schedules:
        start = max(since, schedule.created_at)
        expected = max(0, int((now - start) / timedelta(days=schedule.cadence_days)))
        person = schedule.respondent_participant_id
        items.append(
            Adherence(
                schedule_id=schedule.id,
                respondent=person or "client",
                respondent_name=names.get(person, "") if person else client,
                expected=expected,
                received=counts.get(person, 0),
            )
        )
    return AdherenceReport(since=since, items=items)
