"""Demo goals, check-in schedules and months of weekly check-ins with believable trends.

Early weeks show some use and high craving; most clients improve with a slip
or two. Alerts older than a week have been acknowledged by the lead; a few
recent ones are still open, so the inbox has something in it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import Alert, AlertStatus
from api.alerts.service import acknowledge
from api.auth.dependencies import Staff
from api.cases.models import Case, CaseStatus
from api.checkins.models import CheckInSchedule
from api.checkins.schedules import add_schedule, update_schedule
from api.checkins.schemas import (
    CheckInAnswers,
    GoalUpdateIn,
    Safety,
    ScheduleCreate,
    ScheduleUpdate,
)
from api.checkins.service import submit_check_in
from api.core import clock
from api.goals.models import CheckInItem, Direction, GoalCategory, LifecycleStatus
from api.goals.schemas import GoalCreate
from api.goals.service import add_goal
from api.participants.models import Participant

FOLLOWED = {CaseStatus.in_treatment, CaseStatus.aftercare, CaseStatus.closed}


def seed_accountability(
    session: Session,
    rng: random.Random,
    lead: Staff,
    case: Case,
    timeline: Mapping[CaseStatus, datetime],
) -> None:
    """Goals, schedules and the weekly check-ins of the last weeks up to now (or up to when
    the case closed), begun no earlier than the admission."""
    if CaseStatus(case.status) not in FOLLOWED:
        return
    admitted = timeline[CaseStatus.in_treatment]
    until = timeline.get(CaseStatus.closed, clock.now())
    weeks = max(1, min(rng.randint(8, 22), (until - admitted).days // 7))
    start = max(
        until - timedelta(weeks=weeks, days=rng.randint(0, 3)), admitted + timedelta(days=1)
    )
    family = session.scalar(
        select(Participant)
        .where(col(Participant.case_id) == case.id)
        .order_by(col(Participant.created_at))
    )
    with clock.frozen_at(start):
        add_goal(
            session,
            lead,
            case,
            GoalCreate(
                subject="client",
                title="Stay sober",
                category=GoalCategory.abstinence,
                metric="days without use in the week",
                unit="days",
                target_value=7,
                direction=Direction.at_least,
                baseline_value=1,
                check_in_item=CheckInItem.days_abstinent,
            ),
        )
        add_goal(
            session,
            lead,
            case,
            GoalCreate(
                subject="client",
                title="Go to mutual-help meetings",
                category=GoalCategory.recovery_activities,
                metric="days with a support meeting per week",
                unit="days",
                target_value=3,
                direction=Direction.at_least,
                baseline_value=0,
                # Measured by the check-in's own question; it is not asked twice.
                check_in_item=CheckInItem.meetings_attended,
                # A first milestone eight weeks in: the reports' "goals achieved / goals due".
                due_date=(start + timedelta(weeks=8)).date(),
            ),
        )
        # A range and a qualitative target, as FHIR Goals carry them (docs/interoperability.md).
        add_goal(
            session,
            lead,
            case,
            GoalCreate(
                subject="client",
                title="Sleep enough",
                category=GoalCategory.health,
                metric="hours of sleep a night",
                unit="hours",
                target_low=7,
                target_high=9,
                lifecycle_status=LifecycleStatus.planned,
            ),
        )
        add_schedule(
            session, lead, case, ScheduleCreate(respondent="client", cadence_days=7, grace_hours=48)
        )
        family_goal = None
        if family is not None:
            family_goal = add_goal(
                session,
                lead,
                case,
                GoalCreate(
                    subject=family.id,
                    title="Go to Al-Anon",
                    category=GoalCategory.family,
                    metric="Al-Anon meetings per week",
                    unit="meetings",
                    target_value=1,
                    direction=Direction.at_least,
                    baseline_value=0,
                ),
            )
            add_goal(
                session,
                lead,
                case,
                GoalCreate(
                    subject=family.id,
                    title="Calm evenings at home",
                    category=GoalCategory.family,
                    metric="how evenings at home feel",
                    target_text="Evenings at home pass without arguments",
                    lifecycle_status=LifecycleStatus.accepted,
                ),
            )
            add_schedule(
                session,
                lead,
                case,
                ScheduleCreate(respondent=family.id, cadence_days=7, grace_hours=72),
            )
    slip_week = rng.randint(3, max(4, weeks - 2))
    for week in range(1, weeks + 1):
        progress = week / weeks
        moment = start + timedelta(weeks=week, hours=rng.randint(-20, 20))
        if moment >= until or rng.random() < 0.08:  # the odd missed week
            continue
        used = max(0, round(3 * (1 - progress) ** 2 + rng.uniform(-0.6, 0.4)))
        if week == slip_week:
            used = rng.randint(1, 2)
        attended = min(5, max(0, round(4 * progress + rng.uniform(-1, 1))))
        with clock.frozen_at(moment):
            submit_check_in(
                session,
                lead.ctx,
                case,
                None,
                CheckInAnswers(
                    days_used=used,
                    substances_used=[case.primary_substance or "alcohol"] if used else [],
                    craving=_scale(3.6 - 3 * progress, rng),
                    mood=_scale(1 + 2.5 * progress, rng),
                    sleep_quality=_scale(1.2 + 2 * progress, rng),
                    risky_situations=_scale(2.8 - 2.4 * progress, rng),
                    confidence=_scale(1 + 2.6 * progress, rng),
                    meetings_attended=attended,
                    sober_support_contact=rng.random() < 0.4 + 0.5 * progress,
                    family_conflict=_scale(2.6 - 2.2 * progress, rng),
                    work_school_days=min(5, max(0, round(5 * progress + rng.uniform(-1, 1)))),
                ),
            )
            if family is not None and family_goal is not None and rng.random() < 0.85:
                submit_check_in(
                    session,
                    lead.ctx,
                    case,
                    family.id,
                    CheckInAnswers(
                        commitments_kept=rng.random() < 0.6 + 0.35 * progress,
                        wellbeing=_scale(1 + 2.4 * progress, rng),
                        goal_updates=[
                            GoalUpdateIn(
                                goal_id=family_goal.id,
                                value=1 if rng.random() < 0.3 + 0.6 * progress else 0,
                            )
                        ],
                    ),
                )
    _settle_alerts(session, lead, case)
    if case.status == CaseStatus.closed.value:
        # Switched off when the case closed: the reports count a schedule's expected check-ins
        # up to its last change.
        for schedule in session.scalars(
            select(CheckInSchedule).where(col(CheckInSchedule.case_id) == case.id)
        ).all():
            with clock.frozen_at(until):
                update_schedule(session, lead, schedule, ScheduleUpdate(active=False))


def _scale(mean: float, rng: random.Random) -> int:
    return min(4, max(0, round(mean + rng.uniform(-0.7, 0.7))))


def _settle_alerts(session: Session, lead: Staff, case: Case) -> None:
    week_ago = clock.now() - timedelta(days=7)
    for alert in session.scalars(
        select(Alert).where(
            col(Alert.case_id) == case.id, col(Alert.status) == AlertStatus.open.value
        )
    ):
        if alert.created_at < week_ago:
            with clock.frozen_at(alert.created_at + timedelta(hours=3)):
                acknowledge(
                    session,
                    lead,
                    alert,
                    "Called the client; talked it through and agreed next steps.",
                )


def seed_open_safety_alert(session: Session, lead: Staff, case: Case) -> None:
    """One recent critical check-in, so the dashboard's critical banner can be seen."""
    with clock.frozen_at(clock.now() - timedelta(hours=5)):
        submit_check_in(
            session,
            lead.ctx,
            case,
            None,
            CheckInAnswers(
                days_used=1,
                substances_used=[case.primary_substance or "alcohol"],
                craving=4,
                mood=0,
                sleep_quality=1,
                risky_situations=3,
                confidence=1,
                meetings_attended=0,
                family_conflict=3,
                work_school_days=0,
                safety=Safety(self_harm_thoughts=True),
                note="Rough week after losing the job.",
            ),
        )
