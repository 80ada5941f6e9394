"""Check-ins: what they record, the risk level, alerts, goal measurements, the schedule."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.escalation import next_step_text
from api.alerts.models import AlertKind, Severity
from api.alerts.service import raise_alert
from api.cases.models import Case
from api.checkins.bam import ClientAnswers, composites
from api.checkins.models import CheckIn, CheckInSchedule, RiskLevel
from api.checkins.rules import risk_level
from api.checkins.schedules import refresh_on_schedule
from api.checkins.schemas import (
    DAY_COUNT_ITEMS,
    Adherence,
    AdherenceReport,
    BamComposites,
    CheckInAnswers,
    CheckInRead,
)
from api.core import audit, clock
from api.core.audit import AuditAction, AuditContext
from api.core.pagination import keyset_page, split_page
from api.core.problems import FieldError, UnprocessableContent
from api.core.references import GOAL, Ref, require_references
from api.goals.models import CheckInItem, Goal, LifecycleStatus
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
    """Records the check-in, its goal measurements and alerts, and advances the schedule.

    422 when the client leaves out `days_used`, when a day count is above `period_days` or
    `heavy_drinking_days` above `days_used` (each error names its field), when a goal
    update is for a goal of another case, or for a goal that one of the answers measures.
    Each active goal of the respondent with a `check_in_item` records that answer's value."""
    _counts_fit_the_window(answers)
    if respondent_participant_id is None and answers.days_used is None:
        raise UnprocessableContent(
            "A client check-in says how many days substances were used (0 if none).",
            errors=[
                FieldError(loc=["body", "days_used"], msg="required for the client", type="missing")
            ],
        )
    goals = _goals_for_updates(session, case, answers)
    linked = _goals_measured_by_answers(session, case, respondent_participant_id)
    _not_measured_twice(answers, linked)
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
            family_conflict=answers.family_conflict,
        ).value,
    )
    session.add(check_in)
    session.flush()
    refresh_on_schedule(session, col(CheckIn.id) == check_in.id)
    for update in answers.goal_updates:
        record_measurement(
            session,
            goals[update.goal_id],
            update.value,
            measured_at=now,
            check_in_id=check_in.id,
            note=update.note,
        )
    for goal in linked:
        value = answer_value(answers, CheckInItem(str(goal.check_in_item)))
        if value is not None:
            record_measurement(session, goal, value, measured_at=now, check_in_id=check_in.id)
    _raise_alerts(session, case, check_in)
    _advance_schedule(session, case, respondent_participant_id, now)
    audit.record(session, ctx, AuditAction.create, "check_in", check_in.id, case_id=case.id)
    return check_in


def _counts_fit_the_window(answers: CheckInAnswers) -> None:
    errors = [
        FieldError(
            loc=["body", field],
            msg=f"cannot be more than period_days ({answers.period_days})",
            type="less_than_equal",
        )
        for field in DAY_COUNT_ITEMS
        if (getattr(answers, field) or 0) > answers.period_days
    ]
    heavy = answers.heavy_drinking_days
    if heavy and heavy > (answers.days_used or 0) and heavy <= answers.period_days:
        errors.append(
            FieldError(
                loc=["body", "heavy_drinking_days"],
                msg="cannot be more than days_used",
                type="less_than_equal",
            )
        )
    if errors:
        raise UnprocessableContent(
            "Day counts are days within the recall window (period_days).", errors=errors
        )


def answer_value(answers: CheckInAnswers, item: CheckInItem) -> float | None:
    """The number a check-in gives for `item`; None when it was not answered."""
    if item is CheckInItem.days_abstinent:
        used = answers.days_used
        return None if used is None else float(answers.period_days - used)
    value = getattr(answers, item.value)
    return None if value is None else float(value)


def _goals_measured_by_answers(
    session: Session, case: Case, respondent_participant_id: uuid.UUID | None
) -> list[Goal]:
    """The respondent's active goals that take their value from a check-in answer."""
    subject = col(Goal.subject_participant_id)
    return list(
        session.scalars(
            select(Goal).where(
                col(Goal.case_id) == case.id,
                subject == respondent_participant_id
                if respondent_participant_id
                else subject.is_(None),
                col(Goal.check_in_item).is_not(None),
                col(Goal.lifecycle_status) == LifecycleStatus.active.value,
            )
        )
    )


def _not_measured_twice(answers: CheckInAnswers, linked: Sequence[Goal]) -> None:
    items = {goal.id: goal.check_in_item for goal in linked}
    errors = [
        FieldError(
            loc=["body", "goal_updates", i, "goal_id"],
            msg=f"this goal takes its value from the answer `{items[u.goal_id]}`",
            type="value_error",
        )
        for i, u in enumerate(answers.goal_updates)
        if u.goal_id in items
    ]
    if errors:
        raise UnprocessableContent(
            "A goal measured by a check-in answer is not updated separately.", errors=errors
        )


def _goals_for_updates(
    session: Session, case: Case, answers: CheckInAnswers
) -> dict[uuid.UUID, Goal]:
    wanted = {u.goal_id for u in answers.goal_updates}
    if not wanted:
        return {}
    require_references(
        session,
        organization_id=case.organization_id,
        case_id=case.id,
        refs=[
            Ref(GOAL, u.goal_id, ("body", "goal_updates", i, "goal_id"))
            for i, u in enumerate(answers.goal_updates)
        ],
        detail="Goal updates may only measure goals of this case.",
    )
    return {
        g.id: g
        for g in session.scalars(
            select(Goal).where(col(Goal.case_id) == case.id, col(Goal.id).in_(wanted))
        )
    }


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
        # "Use reported: 2 of 7 days (alcohol, cannabis)"; no substance named, no list.
        named = ", ".join(check_in.substances_used)
        days = "day" if check_in.period_days == 1 else "days"
        used = f"{check_in.days_used} of {check_in.period_days} {days}" + (
            f" ({named})" if named else ""
        )
        # In aftercare, a relapse: the alert names the step agreed in advance.
        next_step = next_step_text(session, case)
        raise_alert(
            session,
            case,
            AlertKind.relapse_reported,
            Severity.high,
            f"Relapse in aftercare: use on {used}" if next_step else f"Use reported: {used}",
            detail=next_step,
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
        schedule.answer(now)
        schedule.updated_at = now
        session.flush()


def list_check_ins(
    session: Session,
    case: Case,
    *,
    respondent_participant_id: uuid.UUID | str | None,
    since: datetime | None,
    updated_since: datetime | None = None,
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
    if updated_since is not None:  # a check-in never changes once submitted
        statement = statement.where(col(CheckIn.submitted_at) >= updated_since)
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
                "bam": None if c.respondent_participant_id else bam_of(c),
            }
        )
        for c in check_ins
    ]


def bam_of(check_in: CheckIn) -> BamComposites:
    """The BAM composites of a client check-in, computed from its stored answers."""
    scores = composites(
        ClientAnswers(
            period_days=check_in.period_days,
            days_used=check_in.days_used,
            heavy_drinking_days=check_in.heavy_drinking_days,
            craving=check_in.craving,
            mood=check_in.mood,
            sleep_quality=check_in.sleep_quality,
            risky_situations=check_in.risky_situations,
            family_conflict=check_in.family_conflict,
            confidence=check_in.confidence,
            meetings_attended=check_in.meetings_attended,
            work_school_days=check_in.work_school_days,
        )
    )
    return BamComposites(
        use=scores.use,
        risk=scores.risk,
        protective=scores.protective,
        items_scored=scores.items_scored,
    )


def adherence(session: Session, case: Case, *, weeks: int) -> AdherenceReport:
    """Per schedule: check-ins expected in the window (by cadence, from when the schedule
    began) against check-ins received from that respondent since the schedule began."""
    now = clock.now()
    since = now - timedelta(weeks=weeks)
    schedules = session.scalars(
        select(CheckInSchedule)
        .where(col(CheckInSchedule.case_id) == case.id)
        .order_by(col(CheckInSchedule.created_at))
    ).all()
    # Received counts only what arrived while the schedule existed: check-ins sent before
    # it began would otherwise read as "3 of 0".
    counts = {
        row[0]: int(row[1])
        for row in session.execute(
            select(col(CheckInSchedule.id), func.count(col(CheckIn.id)))
            .join(
                CheckIn,
                and_(
                    col(CheckIn.case_id) == col(CheckInSchedule.case_id),
                    col(CheckIn.respondent_participant_id).is_not_distinct_from(
                        col(CheckInSchedule.respondent_participant_id)
                    ),
                    col(CheckIn.submitted_at) >= col(CheckInSchedule.created_at),
                    col(CheckIn.submitted_at) >= since,
                ),
            )
            .where(col(CheckInSchedule.case_id) == case.id)
            .group_by(col(CheckInSchedule.id))
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
                received=counts.get(schedule.id, 0),
            )
        )
    return AdherenceReport(since=since, items=items)
