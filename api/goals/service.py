"""Goals and their measurements; the achievement status follows api/goals/rules.py."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.service import load_in_case
from api.core import audit, clock, zones
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import FieldError, UnprocessableContent
from api.core.schemas import changes_of
from api.goals.models import (
    CLIENT_CHECK_IN_ITEMS,
    FAMILY_CHECK_IN_ITEMS,
    AchievementStatus,
    Direction,
    Goal,
    GoalMeasurement,
    LifecycleStatus,
)
from api.goals.rules import Target, derive_achievement
from api.goals.schemas import (
    TARGET_FIELDS,
    GoalCreate,
    GoalProgress,
    GoalRead,
    GoalUpdate,
    MeasurementRead,
)
from api.organizations.service import time_zone_of_case
from api.participants.service import names_of, resolve_subject

REQUIRED = (
    "title",
    "category",
    "metric",
    "start_date",
    "lifecycle_status",
)
SERIES_LIMIT = 1_000


def load_goal(session: Session, staff: Staff, goal_id: uuid.UUID) -> tuple[Goal, Case]:
    return load_in_case(session, staff, Goal, goal_id, "goal")


def add_goal(session: Session, staff: Staff, case: Case, data: GoalCreate) -> Goal:
    now = clock.now()
    values = data.model_dump(exclude={"subject"})
    goal = Goal(
        case_id=case.id,
        organization_id=case.organization_id,
        subject_participant_id=resolve_subject(session, case, data.subject, "subject"),
        # "Today" is the client's day, not the UTC one (evening in the Americas is tomorrow).
        **{
            **values,
            "start_date": data.start_date
            or zones.local_date(now, time_zone_of_case(session, case)),
        },
        created_at=now,
        updated_at=now,
    )
    _check_dates(goal)
    _check_target(goal)
    _check_item(goal)
    session.add(goal)
    session.flush()
    audit.record(session, staff.ctx, AuditAction.create, "goal", goal.id, case_id=case.id)
    return goal


def _check_dates(goal: Goal) -> None:
    if goal.due_date is not None and goal.due_date < goal.start_date:
        raise UnprocessableContent(
            "The due date is before the start date.",
            errors=[
                FieldError(loc=["body", "due_date"], msg="before start_date", type="value_error")
            ],
        )


def target_of(goal: Goal) -> Target:
    return Target(
        value=goal.target_value,
        direction=Direction(goal.direction) if goal.direction else None,
        low=goal.target_low,
        high=goal.target_high,
    )


def _check_target(goal: Goal) -> None:
    """The shape rules the schema publishes (api/goals/schemas.py TARGET_RULES), and the one
    it cannot: a range's low end is not above its high end. 422 naming the field."""
    problems: list[tuple[str, str]] = []
    if goal.target_value is not None and goal.direction is None:
        problems.append(("direction", "required with target_value"))
    if goal.target_value is None and goal.direction is not None:
        problems.append(("direction", "only with target_value"))
    if goal.target_value is not None and (
        goal.target_low is not None or goal.target_high is not None
    ):
        problems.append(("target_value", "a goal has a target value or a range, not both"))
    if (
        goal.target_low is not None
        and goal.target_high is not None
        and goal.target_low > goal.target_high
    ):
        problems.append(("target_low", "above target_high"))
    if problems:
        raise UnprocessableContent(
            "The goal's target is not a threshold, a range or a qualitative target.",
            errors=[
                FieldError(loc=["body", name], msg=msg, type="value_error")
                for name, msg in problems
            ],
        )


def _check_item(goal: Goal) -> None:
    """A goal is measured only by an answer its subject's check-in asks."""
    if goal.check_in_item is None:
        return
    asked = FAMILY_CHECK_IN_ITEMS if goal.subject_participant_id else CLIENT_CHECK_IN_ITEMS
    if goal.check_in_item not in asked:
        whose = "a family member's" if goal.subject_participant_id else "the client's"
        raise UnprocessableContent(
            f"{whose.capitalize()} check-in does not ask `{goal.check_in_item}`.",
            errors=[
                FieldError(
                    loc=["body", "check_in_item"],
                    msg=f"one of {', '.join(sorted(asked))}",
                    type="enum",
                )
            ],
        )


def _reshaped(goal: Goal, changes: dict[str, Any]) -> dict[str, Any]:
    """The numeric target after a change, by the rules in GoalUpdate's docstring."""
    if not any(name in changes for name in TARGET_FIELDS):
        return changes
    ranged = changes.get("target_low") is not None or changes.get("target_high") is not None
    if ranged or ("target_value" in changes and changes["target_value"] is None):
        return {**dict.fromkeys(TARGET_FIELDS), **changes}
    kept = {"target_value": goal.target_value, "direction": goal.direction}
    return {**dict.fromkeys(TARGET_FIELDS), **kept, **changes}


def update_goal(session: Session, staff: Staff, goal: Goal, data: GoalUpdate) -> Goal:
    changes = _reshaped(goal, changes_of(data, required=REQUIRED))
    if "achievement_status" in changes:
        override = changes.pop("achievement_status")
        changes["achievement_override"] = AchievementStatus(override).value if override else None
    changed = {f: v for f, v in changes.items() if getattr(goal, f) != v}
    if not changed:
        return goal
    for field, value in changed.items():
        setattr(goal, field, value)
    _check_dates(goal)
    _check_target(goal)
    _check_item(goal)
    recompute(session, goal)
    goal.updated_at = clock.now()
    session.flush()
    audit.record(session, staff.ctx, AuditAction.update, "goal", goal.id, case_id=goal.case_id)
    return goal


def record_measurement(
    session: Session,
    goal: Goal,
    value: float,
    *,
    measured_at: datetime,
    recorded_by: uuid.UUID | None = None,
    check_in_id: uuid.UUID | None = None,
    note: str | None = None,
) -> GoalMeasurement:
    measurement = GoalMeasurement(
        goal_id=goal.id,
        value=value,
        measured_at=measured_at,
        check_in_id=check_in_id,
        recorded_by_id=recorded_by,
        note=note,
    )
    session.add(measurement)
    session.flush()
    recompute(session, goal)
    goal.updated_at = clock.now()
    session.flush()
    return measurement


def recompute(session: Session, goal: Goal) -> None:
    """latest_value and achievement_status from the two most recent measurements."""
    # No autoflush: flushing the goal's pending changes here would bump its version a
    # second time in the same change (one edit must be one version, one ETag).
    with session.no_autoflush:
        latest_two = list(
            session.scalars(
                select(col(GoalMeasurement.value))
                .where(col(GoalMeasurement.goal_id) == goal.id)
                .order_by(col(GoalMeasurement.measured_at).desc(), col(GoalMeasurement.id).desc())
                .limit(2)
            )
        )
    goal.latest_value = latest_two[0] if latest_two else None
    derived = derive_achievement(
        list(reversed(latest_two)), target_of(goal), LifecycleStatus(goal.lifecycle_status)
    )
    goal.achievement_status = goal.achievement_override or derived.value


def list_goals(
    session: Session,
    staff: Staff,
    case: Case,
    *,
    updated_since: datetime | None = None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Goal], str | None]:
    statement = select(Goal).where(col(Goal.case_id) == case.id)
    if updated_since is not None:
        statement = statement.where(col(Goal.updated_at) >= updated_since)
    statement = keyset_page(
        statement,
        [col(Goal.created_at), col(Goal.id)],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    goals, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda g: (g.created_at, g.id)
    )
    audit.record_many(
        session, staff.ctx, AuditAction.read, "goal", [(g.id, case.id) for g in goals]
    )
    return goals, next_cursor


def progress(session: Session, staff: Staff, goal: Goal) -> GoalProgress:
    measurements = session.scalars(
        select(GoalMeasurement)
        .where(col(GoalMeasurement.goal_id) == goal.id)
        .order_by(col(GoalMeasurement.measured_at), col(GoalMeasurement.id))
        .limit(SERIES_LIMIT)
    ).all()
    audit.record(
        session, staff.ctx, AuditAction.read, "goal_progress", goal.id, case_id=goal.case_id
    )
    return GoalProgress(
        goal_id=goal.id,
        unit=goal.unit,
        target_shape=target_of(goal).shape,
        target_value=goal.target_value,
        direction=Direction(goal.direction) if goal.direction else None,
        target_low=goal.target_low,
        target_high=goal.target_high,
        target_text=goal.target_text,
        baseline_value=goal.baseline_value,
        achievement_status=AchievementStatus(goal.achievement_status),
        measurements=[
            MeasurementRead(
                id=m.id,
                value=m.value,
                measured_at=m.measured_at,
                source="check_in" if m.check_in_id else "staff",
                check_in_id=m.check_in_id,
                note=m.note,
            )
            for m in measurements
        ],
    )


def to_reads(session: Session, case: Case, goals: Sequence[Goal]) -> list[GoalRead]:
    names = names_of(session, {g.subject_participant_id for g in goals if g.subject_participant_id})
    client_name = case.client_called
    return [
        GoalRead.model_validate(
            {
                **g.model_dump(
                    exclude={"organization_id", "subject_participant_id", "achievement_override"}
                ),
                "subject": g.subject_participant_id or "client",
                "subject_name": names.get(g.subject_participant_id, "")
                if g.subject_participant_id
                else client_name,
                "achievement_set_by_hand": g.achievement_override is not None,
                "target_shape": target_of(g).shape,
            }
        )
        for g in goals
    ]
