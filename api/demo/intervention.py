"""Demo participants, plans and tasks, matched to how far each case has come."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseStatus
from api.core import clock
from api.participants.models import ParticipantRole, Readiness, Relationship
from api.participants.schemas import ParticipantCreate
from api.participants.service import add_participant
from api.plans import lifecycle
from api.plans.models import DeliveryResult
from api.plans.schemas import (
    Contribution,
    PlanCreate,
    PlanDelivery,
    PlanUpdate,
    Rehearsal,
    TreatmentOption,
)
from api.plans.service import create_plan, update_plan
from api.tasks.models import Task, TaskPhase, TaskStatus

CIRCLE = [
    ("{first_parent}", Relationship.parent, ParticipantRole.team_leader),
    ("{spouse}", Relationship.spouse, ParticipantRole.speaker),
    ("{sibling}", Relationship.sibling, ParticipantRole.speaker),
    ("{friend}", Relationship.friend, ParticipantRole.supporter),
    ("{boss}", Relationship.employer, ParticipantRole.observer),
]
FIRST_NAMES = ["Ruth", "Maria", "David", "Anne", "Paul", "Joyce", "Kenji", "Lena", "Omar", "Beth"]
LETTER = (
    "{client}, I love you and I am writing this because I am frightened. Last month you "
    "missed {event}, and when I called you could not remember what we had talked about. I "
    "remember who you are without {substance}, and I want that person back. Today we are "
    "asking you to accept the help that is ready for you right now."
)
EVENTS = [
    "your daughter's recital",
    "Sunday dinner",
    "your brother's birthday",
    "the school meeting",
]
BOTTOM_LINES = [
    "I will no longer give you money or pay your phone bill.",
    "You cannot stay at the house unless you are in treatment.",
    "I will not cover for you at work again.",
    "I will not bring the children to visit while you are using.",
]
CENTERS = [
    ("Hazelden Betty Ford, Center City", "3.7"),
    ("Caron Pennsylvania", "3.5"),
    ("Seabrook", "3.5"),
]


def seed_intervention(
    session: Session,
    rng: random.Random,
    lead: Staff,
    approver: Staff,
    case: Case,
    timeline: Mapping[CaseStatus, datetime],
) -> None:
    """The family circle and the intervention plan, each step dated by the case's `timeline`
    (when it moved into each status): the plan made when planning began, approved when the
    case was scheduled, and delivered when the intervention was held, which is before any
    admission. Called after the case has walked its timeline, so the plan's steps do not move
    the case again."""
    status = CaseStatus(case.status)
    if status is CaseStatus.intake and rng.random() < 0.5:
        return
    now = clock.now()
    with clock.frozen_at(min(case.created_at + timedelta(days=1), now - timedelta(hours=2))):
        participants = _add_circle(
            session, rng, lead, case, 2 if status is CaseStatus.intake else rng.randint(3, 5)
        )
    if status is CaseStatus.intake:
        return
    planning = timeline[CaseStatus.planning]
    scheduled = timeline.get(CaseStatus.scheduled)
    held_on = timeline.get(CaseStatus.intervention_held)
    held = held_on is not None
    scheduled_at = (
        held_on - timedelta(hours=2)
        if held_on is not None
        else now + timedelta(days=rng.randint(2, 9), hours=17)
    )
    speakers = [p for p in participants if p[1] is not ParticipantRole.observer]
    center, level = rng.choice(CENTERS)
    with clock.frozen_at(planning + timedelta(hours=1)):
        plan = create_plan(session, lead, case, PlanCreate(template=case.intervention_model))
        plan = update_plan(
            session,
            lead,
            case,
            plan,
            PlanUpdate(
                scheduled_at=scheduled_at,
                location=f"The {case.client_last_name} family home",
                logistics="The team meets 45 minutes early to rehearse once more. Bags packed; transport arranged.",
                speaking_order=[p[0] for p in speakers],
                contributions=[
                    Contribution(
                        participant_id=p[0],
                        contribution="Reads their letter",
                        letter_ready=held or rng.random() < 0.6,
                    )
                    for p in speakers
                ],
                treatment_options=[
                    TreatmentOption(name=center, level_of_care=level, is_primary=True)
                ],
                rehearsals=[
                    Rehearsal(scheduled_at=scheduled_at - timedelta(days=2), completed=held)
                ],
            ),
        )
    if scheduled is None:  # still planning
        if rng.random() < 0.5:
            with clock.frozen_at(min(planning + timedelta(days=2), now - timedelta(hours=1))):
                lifecycle.submit(session, lead, case, plan)
        return
    with clock.frozen_at(scheduled - timedelta(days=1)):
        lifecycle.submit(session, lead, case, plan)
    with clock.frozen_at(scheduled - timedelta(hours=1)):
        lifecycle.approve(session, approver, case, plan)
    if held_on is not None:
        result = (
            DeliveryResult.accepted
            if status is not CaseStatus.intervention_held
            else DeliveryResult.declined
        )
        with clock.frozen_at(held_on):
            lifecycle.deliver(
                session,
                lead,
                case,
                plan,
                PlanDelivery(held_at=scheduled_at, result=result, notes="Every letter was read."),
            )
            _complete_tasks(
                session, case, rng, phases=(TaskPhase.preparation, TaskPhase.intervention)
            )
    else:
        _complete_tasks(session, case, rng, phases=(TaskPhase.preparation,), share=0.5)
    _assign_open_tasks(session, case, lead)


def _add_circle(
    session: Session, rng: random.Random, lead: Staff, case: Case, size: int
) -> list[tuple[str, ParticipantRole]]:
    names = rng.sample(FIRST_NAMES, k=size)
    added = []
    for order, ((_, relationship, role), first) in enumerate(
        zip(CIRCLE, names, strict=False), start=1
    ):
        last = case.client_last_name if relationship is not Relationship.friend else "Whitfield"
        participant = add_participant(
            session,
            lead,
            case,
            ParticipantCreate(
                full_name=f"{first} {last}",
                relationship=relationship,
                role=role,
                phone=f"+1 555 02{rng.randint(10, 99)} {rng.randint(1000, 9999)}",
                readiness=rng.choice(
                    [Readiness.committed, Readiness.committed, Readiness.contacted]
                ),
                letter=LETTER.format(
                    client=case.client_called,
                    event=rng.choice(EVENTS),
                    substance=case.primary_substance or "using",
                )
                if role is not ParticipantRole.observer
                else None,
                bottom_line=rng.choice(BOTTOM_LINES)
                if role is not ParticipantRole.observer
                else None,
                speaking_order=order,
            ),
        )
        added.append((str(participant.id), role))
    return added


def _case_tasks(session: Session, case: Case) -> list[Task]:
    return list(session.scalars(select(Task).where(col(Task.case_id) == case.id)))


def _complete_tasks(
    session: Session,
    case: Case,
    rng: random.Random,
    *,
    phases: tuple[TaskPhase, ...],
    share: float = 1.0,
) -> None:
    for task in _case_tasks(session, case):
        if task.phase in phases and rng.random() < share:
            # Done by its due date, or by now if it falls due later.
            now = clock.now()
            done_at = min(task.due_at, now) if task.due_at is not None else now
            task.status, task.completed_at = TaskStatus.done.value, done_at
    session.flush()


def _assign_open_tasks(session: Session, case: Case, lead: Staff) -> None:
    for task in _case_tasks(session, case)[:4]:
        if task.status == TaskStatus.open.value:
            task.assignee_user_id = lead.id
    session.flush()
