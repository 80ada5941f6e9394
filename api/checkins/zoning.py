"""Schedules follow their zone: when a case's or a practice's time zone changes, each
affected schedule keeps its local wall-clock anchor and is placed in the new zone."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.cases.models import Case
from api.checkins.models import CheckInSchedule
from api.core import clock


def follow_case_zone(session: Session, case_id: uuid.UUID, time_zone: str) -> None:
    """The case's effective zone is now `time_zone` (IANA): its schedules run in it."""
    _rezone(
        session,
        session.scalars(
            select(CheckInSchedule).where(col(CheckInSchedule.case_id) == case_id)
        ).all(),
        time_zone,
    )


def follow_practice_zone(session: Session, organization_id: uuid.UUID, time_zone: str) -> None:
    """The practice's zone is now `time_zone`: the schedules of its cases without a client
    override run in it."""
    _rezone(
        session,
        session.scalars(
            select(CheckInSchedule)
            .join(Case, col(Case.id) == col(CheckInSchedule.case_id))
            .where(
                col(CheckInSchedule.organization_id) == organization_id,
                col(Case.time_zone).is_(None),
            )
        ).all(),
        time_zone,
    )


def _rezone(session: Session, schedules: Sequence[CheckInSchedule], time_zone: str) -> None:
    now = clock.now()
    for schedule in schedules:
        if schedule.time_zone != time_zone:
            schedule.rezone(time_zone)
            schedule.updated_at = now
    session.flush()
