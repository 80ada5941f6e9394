"""Participants: the people around the client who take part in the intervention."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import literal, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.models import AftercarePlan
from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.service import load_in_case
from api.checkins.models import CheckIn, CheckInSchedule
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.contact import require_number_for_extension
from api.core.db import lookup
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict
from api.core.references import PARTICIPANT, Ref, require_references
from api.core.schemas import changes_of
from api.goals.models import Goal
from api.participants.models import Participant
from api.participants.schemas import ParticipantCreate, ParticipantUpdate
from api.plans.models import InterventionPlan
from api.sync.models import SyncResource
from api.sync.service import record_deleted
from api.tasks.models import Task, TaskStatus

REQUIRED = ("full_name", "relationship", "role", "readiness")


def load_participant(session: Session, staff: Staff, participant_id: uuid.UUID) -> Participant:
    return load_in_case(session, staff, Participant, participant_id, "participant")[0]


def resolve_subject(
    session: Session, case: Case, subject: str | uuid.UUID, field: str, *, where: str = "body"
) -> uuid.UUID | None:
    """`client` → None; a participant id → that id, if the participant is of this case
    (else 422 naming `[where, field]`)."""
    if subject == "client":
        return None
    participant_id = subject if isinstance(subject, uuid.UUID) else uuid.UUID(subject)
    require_references(
        session,
        organization_id=case.organization_id,
        case_id=case.id,
        refs=[Ref(PARTICIPANT, participant_id, (where, field))],
        detail=f"The {field} must be the client or a participant of this case.",
    )
    return participant_id


def names_of(session: Session, participant_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    return lookup(session, col(Participant.id), col(Participant.full_name), participant_ids)


def add_participant(
    session: Session, staff: Staff, case: Case, data: ParticipantCreate
) -> Participant:
    now = clock.now()
    values = data.model_dump()
    if values["email"]:
        values["email"] = str(values["email"]).lower()
    require_number_for_extension(
        values["phone"], values["phone_extension"], ["body", "phone_extension"]
    )
    participant = Participant(
        case_id=case.id,
        organization_id=case.organization_id,
        created_at=now,
        updated_at=now,
        **values,
    )
    session.add(participant)
    session.flush()
    audit.record(
        session, staff.ctx, AuditAction.create, "participant", participant.id, case_id=case.id
    )
    return participant


def list_participants(
    session: Session,
    staff: Staff,
    case: Case,
    *,
    updated_since: datetime | None = None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Participant], str | None]:
    statement = select(Participant).where(col(Participant.case_id) == case.id)
    if updated_since is not None:
        statement = statement.where(col(Participant.updated_at) >= updated_since)
    statement = keyset_page(
        statement,
        [col(Participant.created_at), col(Participant.id)],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    participants, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda p: (p.created_at, p.id)
    )
    audit.record_many(
        session,
        staff.ctx,
        AuditAction.read,
        "participant",
        [(p.id, case.id) for p in participants],
    )
    return participants, next_cursor


def read_participant(session: Session, staff: Staff, participant: Participant) -> Participant:
    audit.record(
        session,
        staff.ctx,
        AuditAction.read,
        "participant",
        participant.id,
        case_id=participant.case_id,
    )
    return participant


def update_participant(
    session: Session, staff: Staff, participant: Participant, data: ParticipantUpdate
) -> Participant:
    changes = changes_of(data, required=REQUIRED)
    if changes.get("email"):
        changes["email"] = str(changes["email"]).lower()
    require_number_for_extension(
        changes.get("phone", participant.phone),
        changes.get("phone_extension", participant.phone_extension),
        ["body", "phone_extension"],
    )
    changed = {f: v for f, v in changes.items() if getattr(participant, f) != v}
    if not changed:
        return participant
    for field, value in changed.items():
        setattr(participant, field, value)
    participant.updated_at = clock.now()
    session.flush()
    audit.record(
        session,
        staff.ctx,
        AuditAction.update,
        "participant",
        participant.id,
        case_id=participant.case_id,
    )
    return participant


def remove_participant(session: Session, staff: Staff, participant: Participant) -> None:
    """Refused while the plan or an open task still counts on this person."""
    plan = session.scalar(
        select(InterventionPlan).where(col(InterventionPlan.case_id) == participant.case_id)
    )
    if plan is not None and plan.mentions_participant(participant.id):
        raise Conflict(
            "This person is in the plan's speaking order or contributions. "
            "Take them out of the plan first."
        )
    aftercare = session.scalar(
        select(AftercarePlan).where(col(AftercarePlan.case_id) == participant.case_id)
    )
    if aftercare is not None and aftercare.mentions_participant(participant.id):
        raise Conflict(
            "This person is named in the aftercare plan (their support, a contact, a resource "
            "or the escalation agreement). Take them out of the aftercare plan first."
        )
    open_task = session.scalar(
        select(col(Task.id)).where(
            col(Task.assignee_participant_id) == participant.id,
            col(Task.status) == TaskStatus.open.value,
        )
    )
    if open_task is not None:
        raise Conflict("This person has open tasks. Reassign or close them first.")
    _forget_for_sync(session, participant)
    audit.record(
        session,
        staff.ctx,
        AuditAction.delete,
        "participant",
        participant.id,
        case_id=participant.case_id,
    )
    session.delete(participant)
    session.flush()


def _forget_for_sync(session: Session, participant: Participant) -> None:
    """Deleting a participant deletes their goals, check-ins and schedule with them (the
    foreign keys cascade): syncing devices learn of each. Their closed tasks lose the
    assignee, a change those devices must see too."""
    where = {"case_id": participant.case_id, "organization_id": participant.organization_id}
    record_deleted(session, SyncResource.participant, [participant.id], **where)
    rows = session.execute(
        select(col(Goal.id), literal(SyncResource.goal.value))
        .where(col(Goal.subject_participant_id) == participant.id)
        .union_all(
            select(col(CheckIn.id), literal(SyncResource.check_in.value)).where(
                col(CheckIn.respondent_participant_id) == participant.id
            ),
            select(col(CheckInSchedule.id), literal(SyncResource.check_in_schedule.value)).where(
                col(CheckInSchedule.respondent_participant_id) == participant.id
            ),
        )
    ).all()
    for kind in (SyncResource.goal, SyncResource.check_in, SyncResource.check_in_schedule):
        record_deleted(session, kind, [row[0] for row in rows if row[1] == kind.value], **where)
    session.execute(
        update(Task)
        .where(col(Task.assignee_participant_id) == participant.id)
        .values(
            assignee_participant_id=None,
            updated_at=clock.now(),
            version=col(Task.version) + 1,
        )
        .execution_options(synchronize_session=False)
    )
