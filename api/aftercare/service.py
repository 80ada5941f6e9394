"""The aftercare plan: one per case, opened when the case reaches aftercare (or earlier by
hand with PUT), revised on every save. DESIGN.md §4 Aftercare."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import col

from api.aftercare import follow_ups
from api.aftercare.directory import ResourceRef, require_resources, resource_names
from api.aftercare.models import AftercarePlan, AftercareRevision
from api.aftercare.schemas import AftercareRead, AftercareRevisionRead, AftercareUpdate
from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.schemas import ActorRef
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.db import lookup
from api.core.pagination import keyset_page, split_page
from api.core.problems import NotFound
from api.core.references import PARTICIPANT, TREATMENT_CENTER, Ref, require_references
from api.users.models import User

SECTIONS = (
    "relapse_prevention",
    "emergency_contacts",
    "resources",
    "sober_living",
    "outpatient",
    "medication",
    "family_support",
    "escalation_agreement",
    "notes",
)
EMPTY_RELAPSE_PREVENTION: dict[str, list[str]] = {
    "triggers": [],
    "warning_signs": [],
    "high_risk_situations": [],
    "coping_strategies": [],
}


def find_plan(session: Session, case: Case) -> AftercarePlan | None:
    return session.scalar(select(AftercarePlan).where(col(AftercarePlan.case_id) == case.id))


def load_plan(session: Session, case: Case) -> AftercarePlan:
    plan = find_plan(session, case)
    if plan is None:
        raise NotFound(
            "This case has no aftercare plan yet. It opens when the case reaches aftercare, "
            "or save one (PUT) to start it earlier."
        )
    return plan


def open_plan(
    session: Session, case: Case, *, actor_id: uuid.UUID | None, change: str
) -> tuple[AftercarePlan, bool]:
    """The case's plan, opened now with the default follow-ups if it has none (idempotent:
    the second call returns the first plan). Returns (plan, opened)."""
    existing = find_plan(session, case)
    if existing is not None:
        return existing, False
    now = clock.now()
    plan = AftercarePlan(
        case_id=case.id,
        organization_id=case.organization_id,
        started_at=now,
        relapse_prevention=dict(EMPTY_RELAPSE_PREVENTION),
        created_at=now,
        updated_at=now,
    )
    session.add(plan)
    session.flush()
    follow_ups.default_follow_ups(session, case, plan, fallback_user_id=actor_id)
    _record_revision(session, actor_id, plan, change)
    return plan, True


def case_reached_aftercare(session: Session, case: Case, actor_id: uuid.UUID | None) -> None:
    """Called by every move of a case into `aftercare` (by hand, or a completed discharge).
    The move itself is audited by the request that made it; the plan's first revision says
    how it was opened."""
    open_plan(session, case, actor_id=actor_id, change="opened: aftercare began")


def save_plan(
    session: Session, staff: Staff, case: Case, plan: AftercarePlan | None, data: AftercareUpdate
) -> tuple[AftercarePlan, bool]:
    """PUT: every section as sent (follow-ups only when sent). Opens the plan when there is
    none (then with the default follow-ups unless the body lists its own). Returns
    (plan, created). 422 for a participant, center, colleague or resource id that is not of
    this case or practice, each error naming its field."""
    _check_references(session, case, data)
    created = plan is None
    if plan is None:
        # With the default follow-ups; a body that lists its own replaces them below.
        plan, _ = open_plan(session, case, actor_id=staff.id, change="created")
    dumped = data.model_dump(mode="json", by_alias=True)
    wanted: dict[str, Any] = {section: dumped[section] for section in SECTIONS}
    changed = {f: v for f, v in wanted.items() if getattr(plan, f) != v}
    for field, value in changed.items():
        setattr(plan, field, value)
    follow_ups_changed = False
    if data.follow_ups is not None:
        follow_ups_changed = follow_ups.sync(session, staff, case, plan, data.follow_ups)
    if changed or follow_ups_changed:
        plan.updated_at = clock.now()
        # The follow-ups are part of what the ETag covers: the row is written (and its
        # version moves) even when only they changed.
        flag_modified(plan, "updated_at")
        session.flush()
        _record_revision(session, staff.id, plan, "updated")
    action = AuditAction.create if created else AuditAction.update
    audit.record(session, staff.ctx, action, "aftercare_plan", plan.id, case_id=case.id)
    return plan, created


def _check_references(session: Session, case: Case, data: AftercareUpdate) -> None:
    refs: list[Ref] = []
    resources: list[ResourceRef] = []
    for i, contact in enumerate(data.emergency_contacts):
        refs.append(
            Ref(
                PARTICIPANT,
                contact.participant_id,
                ("body", "emergency_contacts", i, "participant_id"),
            )
        )
    for i, chosen in enumerate(data.resources):
        resources.append((chosen.resource_id, ("body", "resources", i, "resource_id")))
        if chosen.for_ != "client":
            assert isinstance(chosen.for_, uuid.UUID)
            refs.append(Ref(PARTICIPANT, chosen.for_, ("body", "resources", i, "for")))
    for i, support in enumerate(data.family_support):
        refs.append(
            Ref(
                PARTICIPANT, support.participant_id, ("body", "family_support", i, "participant_id")
            )
        )
        resources.append((support.resource_id, ("body", "family_support", i, "resource_id")))
    if data.sober_living is not None:
        resources.append((data.sober_living.resource_id, ("body", "sober_living", "resource_id")))
    if data.outpatient is not None:
        refs.append(
            Ref(
                TREATMENT_CENTER,
                data.outpatient.treatment_center_id,
                ("body", "outpatient", "treatment_center_id"),
            )
        )
    agreement = data.escalation_agreement
    if agreement is not None:
        refs.append(
            Ref(
                TREATMENT_CENTER,
                agreement.treatment_center_id,
                ("body", "escalation_agreement", "treatment_center_id"),
            )
        )
        for i, person in enumerate(agreement.agreed_by):
            if isinstance(person, uuid.UUID):
                refs.append(
                    Ref(PARTICIPANT, person, ("body", "escalation_agreement", "agreed_by", i))
                )
    require_references(
        session,
        organization_id=case.organization_id,
        case_id=case.id,
        refs=refs,
        detail="The plan names people or centers that are not of this case or practice.",
    )
    require_resources(session, case.organization_id, resources)


def escalation_missing(plan: AftercarePlan) -> list[str]:
    """What the escalation agreement lacks before it can be carried out."""
    agreement = plan.escalation_agreement
    if not agreement:
        return ["an escalation agreement"]
    missing = []
    if not agreement.get("relapse_definition"):
        missing.append("what counts as a relapse (relapse_definition)")
    if not agreement.get("next_level_of_care"):
        missing.append("the next level of care (next_level_of_care)")
    if not agreement.get("treatment_center_id"):
        missing.append("the treatment center (treatment_center_id)")
    return missing


def _record_revision(
    session: Session, author_id: uuid.UUID | None, plan: AftercarePlan, change: str
) -> None:
    session.add(
        AftercareRevision(
            plan_id=plan.id,
            version=plan.version,
            change=change[:60],
            author_id=author_id,
            at=clock.now(),
            snapshot=to_read(session, plan).model_dump(mode="json", by_alias=True),
        )
    )
    session.flush()


def record_revision(session: Session, staff: Staff, plan: AftercarePlan, change: str) -> None:
    _record_revision(session, staff.id, plan, change)


def touch(session: Session, staff: Staff, plan: AftercarePlan, change: str) -> None:
    """A change to a part of the plan kept outside its row (a follow-up): the plan's version
    moves, so an editor holding the old ETag cannot write the old follow-ups back."""
    plan.updated_at = clock.now()
    flag_modified(plan, "updated_at")
    session.flush()
    _record_revision(session, staff.id, plan, change)


def to_read(session: Session, plan: AftercarePlan) -> AftercareRead:
    resource_ids = {uuid.UUID(r["resource_id"]) for r in plan.resources}
    names = resource_names(session, resource_ids)
    return AftercareRead.model_validate(
        {
            **plan.model_dump(exclude={"organization_id"}),
            "relapse_prevention": {**EMPTY_RELAPSE_PREVENTION, **plan.relapse_prevention},
            "resources": [
                {**r, "resource_name": names.get(uuid.UUID(r["resource_id"]), "")}
                for r in plan.resources
            ],
            "escalation_missing": escalation_missing(plan),
            "follow_ups": follow_ups.to_reads(session, follow_ups.list_for(session, plan)),
        }
    )


def read_plan(session: Session, staff: Staff, case: Case, plan: AftercarePlan) -> AftercareRead:
    audit.record(session, staff.ctx, AuditAction.read, "aftercare_plan", plan.id, case_id=case.id)
    return to_read(session, plan)


def list_revisions(
    session: Session,
    staff: Staff,
    case: Case,
    plan: AftercarePlan,
    *,
    limit: int,
    cursor: str | None,
) -> tuple[list[AftercareRevisionRead], str | None]:
    statement = select(AftercareRevision).where(col(AftercareRevision.plan_id) == plan.id)
    statement = keyset_page(
        statement,
        [col(AftercareRevision.version), col(AftercareRevision.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    revisions, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda r: (r.version, r.id)
    )
    authors = lookup(
        session, col(User.id), col(User.full_name), {r.author_id for r in revisions if r.author_id}
    )
    audit.record(
        session, staff.ctx, AuditAction.read, "aftercare_revisions", plan.id, case_id=case.id
    )
    return [
        AftercareRevisionRead(
            id=r.id,
            version=r.version,
            change=r.change,
            at=r.at,
            author=ActorRef(id=r.author_id, full_name=authors[r.author_id])
            if r.author_id in authors
            else None,
            snapshot=r.snapshot,
        )
        for r in revisions
    ], next_cursor
