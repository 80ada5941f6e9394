"""Aftercare follow-up figures (DESIGN.md §4 Aftercare: follow-ups at 7, 30, 90, 180 and 365
days from the start of aftercare). docs/reports.md defines them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.models import AftercareFollowUp, AftercarePlan, FollowUpStatus
from api.reports.schemas import FollowUpCompletion, FollowUpPoint, Ratio
from api.reports.scope import Scope, Window
from api.reports.sql import count_where, days_between, whole, within

FOLLOW_UP_DAYS = (30, 90, 180, 365)


def overdue(session: Session, scope: Scope, now: datetime) -> tuple[Ratio | None, str | None]:
    """Open follow-ups past due / open follow-ups, on the cases in scope."""
    row = session.execute(
        select(count_where(col(AftercareFollowUp.due_at) < now), func.count()).where(
            scope.covers(col(AftercareFollowUp.case_id), col(AftercareFollowUp.organization_id)),
            col(AftercareFollowUp.status) == FollowUpStatus.open.value,
        )
    ).one()
    return Ratio.of(int(row[0]), int(row[1])), None


def completion(session: Session, scope: Scope, window: Window, now: datetime) -> FollowUpCompletion:
    """Per standard point (its due time N days after the start of aftercare, to the nearest
    day): follow-ups done / follow-ups that fell due in the window, up to now."""
    point = whole(days_between(col(AftercarePlan.started_at), col(AftercareFollowUp.due_at)) + 0.5)
    rows = session.execute(
        select(
            point,
            count_where(col(AftercareFollowUp.status) == FollowUpStatus.done.value),
            func.count(),
        )
        .join(AftercarePlan, col(AftercarePlan.id) == col(AftercareFollowUp.plan_id))
        .where(
            scope.covers(col(AftercareFollowUp.case_id), col(AftercareFollowUp.organization_id)),
            within(col(AftercareFollowUp.due_at), window.starts_at, min(window.ends_at, now)),
            point.in_(FOLLOW_UP_DAYS),
            # Cancelled when the case closed: the practice no longer owed it.
            col(AftercareFollowUp.status) != FollowUpStatus.cancelled.value,
        )
        .group_by(point)
    ).all()
    counts = {int(days): (int(done), int(due)) for days, done, due in rows}
    return FollowUpCompletion(
        available=True,
        unavailable_reason=None,
        points=[
            FollowUpPoint(days=days, completion=Ratio.of(*counts.get(days, (0, 0))))
            for days in FOLLOW_UP_DAYS
        ],
    )
