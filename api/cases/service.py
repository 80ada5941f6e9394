"""Cases: the one place a case is loaded for a principal, and the case record itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol, TypeVar

from sqlalchemy import Row, String, cast, exists, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import (
    Case,
    CaseEvent,
    CaseOutcome,
    CaseReferenceCounter,
    CaseStatus,
    CaseTeamMember,
    InterventionModel,
    RiskFlag,
    TeamRole,
)
from api.cases.schemas import CaseCreate, CaseRead, CaseUpdate, ClientRead, TeamMemberRead
from api.cases.search import case_matches
from api.cases.status import allowed_transitions
from api.checkins.zoning import follow_case_zone
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.contact import require_number_for_extension
from api.core.pagination import keyset_page, split_page
from api.core.problems import NotFound
from api.organizations.service import time_zone_of, time_zone_of_case
from api.participants.models import PortalStatus
from api.plans.models import InterventionPlan, PlanStatus
from api.portal.models import PortalAccount, PortalAccountStatus
from api.users.models import User

CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "email",
    "phone",
    "phone_extension",
)


def _on_team(user_id: uuid.UUID) -> Any:
    return exists().where(
        col(CaseTeamMember.case_id) == col(Case.id), col(CaseTeamMember.user_id) == user_id
    )


def visible_to(staff: Staff) -> list[Any]:
    """Conditions on `Case` for the cases `staff` may see: admins and supervisors
    see every case of their organisation, an interventionist those whose team
    they are on. Every query that reaches cases applies these."""
    conditions: list[Any] = [col(Case.organization_id) == staff.organization_id]
    if not staff.sees_every_case:
        conditions.append(_on_team(staff.id))
    return conditions


def visible_through(staff: Staff, case_id: Any, organization_id: Any) -> list[Any]:
    """`visible_to` for a table that carries its case's id and organisation: the same cases,
    with no join to `cases` (an admin's count of alerts would otherwise read every case)."""
    conditions: list[Any] = [organization_id == staff.organization_id]
    if not staff.sees_every_case:
        conditions.append(
            exists().where(
                col(CaseTeamMember.case_id) == case_id, col(CaseTeamMember.user_id) == staff.id
            )
        )
    return conditions


def load_case(session: Session, staff: Staff, case_id: uuid.UUID) -> Case:
    """The case if `staff` may see it; 404 otherwise (existence never leaks).

    Admins and supervisors see every case of their organisation; an
    interventionist sees the cases whose team they are on. Every nested
    resource of a case is reached through this function.
    """
    case = session.scalar(select(Case).where(col(Case.id) == case_id, *visible_to(staff)))
    if case is None:
        raise NotFound("No case with that id is visible to you.")
    return case


class CaseScoped(Protocol):
    """Anything that belongs to one case of one organization."""

    case_id: uuid.UUID
    organization_id: uuid.UUID


Scoped = TypeVar("Scoped", bound=CaseScoped)


def load_in_case(
    session: Session, staff: Staff, model: type[Scoped], object_id: uuid.UUID, noun: str
) -> tuple[Scoped, Case]:
    """A case's nested object and its case, if that case is visible to `staff`.

    The answer is the same 404 whether the object does not exist or its case is
    out of reach, so existence never leaks.
    """
    found = session.get(model, object_id)
    if found is not None and found.organization_id == staff.organization_id:
        try:
            return found, load_case(session, staff, found.case_id)
        except NotFound:
            pass
    raise NotFound(f"No {noun} with that id is visible to you.")


def next_reference(session: Session, organization_id: uuid.UUID, year: int) -> str:
    key = (organization_id, year)
    counter = session.get(CaseReferenceCounter, key, with_for_update=True)
    if counter is None:
        try:
            with session.begin_nested():
                session.add(CaseReferenceCounter(organization_id=organization_id, year=year))
        except IntegrityError:
            pass  # another request created this year's counter first
        counter = session.get(
            CaseReferenceCounter, key, with_for_update=True, populate_existing=True
        )
    assert counter is not None
    counter.last_number += 1
    session.flush()
    return f"C-{year}-{counter.last_number:04d}"


def add_event(
    session: Session,
    case: Case,
    actor_id: uuid.UUID | None,
    kind: str,
    **fields: Any,
) -> None:
    session.add(CaseEvent(case_id=case.id, at=clock.now(), actor_id=actor_id, kind=kind, **fields))


def open_case(session: Session, staff: Staff, data: CaseCreate) -> Case:
    now = clock.now()
    case = Case(
        organization_id=staff.organization_id,
        reference=next_reference(session, staff.organization_id, now.year),
        **{f"client_{name}": getattr(data.client, name) for name in CLIENT_FIELDS},
        primary_substance=data.primary_substance,
        substances=list(data.substances),
        risk_flags=[flag.value for flag in data.risk_flags],
        intervention_model=data.intervention_model.value if data.intervention_model else None,
        summary=data.summary,
        time_zone=data.time_zone,
        status=CaseStatus.intake.value,
        created_by_id=staff.id,
        created_at=now,
        updated_at=now,
    )
    if case.client_email:
        case.client_email = case.client_email.lower()
    require_number_for_extension(
        case.client_phone, case.client_phone_extension, ["body", "client", "phone_extension"]
    )
    session.add(case)
    session.flush()
    session.add(
        CaseTeamMember(case_id=case.id, user_id=staff.id, role=TeamRole.lead.value, added_at=now)
    )
    add_event(session, case, staff.id, "case_opened", to_status=CaseStatus.intake.value)
    session.flush()
    audit.record(session, staff.ctx, AuditAction.create, "case", case.id, case_id=case.id)
    return case


def update_case(session: Session, staff: Staff, case: Case, data: CaseUpdate) -> Case:
    changes = data.model_dump(exclude_unset=True)
    client = changes.pop("client", None) or {}
    wanted: dict[str, Any] = {f"client_{k}": v for k, v in client.items()}
    for field, value in changes.items():
        if field in ("substances", "risk_flags"):
            value = [str(v) for v in value or []]
        elif field == "intervention_model" and value is not None:
            value = str(value)
        wanted[field] = value
    if wanted.get("client_email"):
        wanted["client_email"] = str(wanted["client_email"]).lower()
    require_number_for_extension(
        wanted.get("client_phone", case.client_phone),
        wanted.get("client_phone_extension", case.client_phone_extension),
        ["body", "client", "phone_extension"],
    )
    changed = [f for f, v in wanted.items() if getattr(case, f) != v]
    if not changed:
        return case
    for field in changed:
        setattr(case, field, wanted[field])
    case.updated_at = clock.now()
    session.flush()
    if "time_zone" in changed:
        follow_case_zone(session, case.id, time_zone_of_case(session, case).key)
    fields = [f.replace("client_", "client.", 1) for f in changed]
    add_event(session, case, staff.id, "case_updated", details={"fields": fields})
    audit.record(session, staff.ctx, AuditAction.update, "case", case.id, case_id=case.id)
    return case


# A case as a plain row: the case table's columns, by name (see `list_cases`).
CaseRow = Row[*tuple[Any, ...]]
_CASE_COLUMNS = tuple(inspect(Case).columns)


@dataclass(frozen=True)
class CaseFilters:
    status: list[CaseStatus] | None = None
    assigned_to: uuid.UUID | Literal["me"] | None = None
    q: str | None = None
    risk_flag: RiskFlag | None = None
    updated_since: datetime | None = None
    plan_status: PlanStatus | None = None


def list_cases(
    session: Session, staff: Staff, filters: CaseFilters, *, limit: int, cursor: str | None
) -> tuple[list[CaseRow], str | None]:
    """A page of the caseload as plain rows (the case table's columns by name): a list
    copies them straight into `CaseRead`, so ORM entities would only cost time."""
    statement = select(*_CASE_COLUMNS).where(*visible_to(staff))
    if filters.status:
        statement = statement.where(col(Case.status).in_([s.value for s in filters.status]))
    if filters.assigned_to is not None:
        member = staff.id if filters.assigned_to == "me" else filters.assigned_to
        assert isinstance(member, uuid.UUID)
        statement = statement.where(_on_team(member))
    if filters.q:
        statement = statement.where(case_matches(filters.q))
    if filters.risk_flag is not None:
        # Flags are a closed vocabulary, so the quoted value matches exactly.
        statement = statement.where(
            cast(col(Case.risk_flags), String).like(f'%"{filters.risk_flag.value}"%')
        )
    if filters.updated_since is not None:
        statement = statement.where(col(Case.updated_at) >= filters.updated_since)
    if filters.plan_status is not None:
        statement = statement.where(
            exists().where(
                col(InterventionPlan.case_id) == col(Case.id),
                col(InterventionPlan.status) == filters.plan_status.value,
            )
        )
    statement = keyset_page(
        statement, [col(Case.updated_at), col(Case.id)], descending=True, limit=limit, cursor=cursor
    )
    cases, next_cursor = split_page(
        session.execute(statement).all(), limit, lambda c: (c.updated_at, c.id)
    )
    audit.record_many(session, staff.ctx, AuditAction.read, "case", [(c.id, c.id) for c in cases])
    return cases, next_cursor


@dataclass(frozen=True)
class CaseLabel:
    """How a case is named in lists of other things (alerts, referrals)."""

    reference: str
    client_name: str


def labels_of(session: Session, case_ids: set[uuid.UUID]) -> dict[uuid.UUID, CaseLabel]:
    """Reference and client name of each case, in one query."""
    if not case_ids:
        return {}
    rows = session.execute(
        select(
            col(Case.id),
            col(Case.reference),
            col(Case.client_first_name),
            col(Case.client_last_name),
        ).where(col(Case.id).in_(case_ids))
    ).all()
    return {row[0]: CaseLabel(row[1], f"{row[2]} {row[3]}".strip()) for row in rows}


def teams_of(session: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[TeamMemberRead]]:
    """The teams of many cases in one query."""
    teams: dict[uuid.UUID, list[TeamMemberRead]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return teams
    rows = session.execute(
        select(
            col(CaseTeamMember.case_id),
            col(CaseTeamMember.user_id),
            col(User.full_name),
            col(CaseTeamMember.role),
        )
        .join(User, col(User.id) == col(CaseTeamMember.user_id))
        .where(col(CaseTeamMember.case_id).in_(case_ids))
        .order_by(col(CaseTeamMember.added_at), col(User.full_name))
    ).all()
    for case_id, user_id, full_name, role in rows:
        teams[case_id].append(
            TeamMemberRead(user_id=user_id, full_name=full_name, role=TeamRole(role))
        )
    return teams


def client_portal_statuses(
    session: Session, case_ids: list[uuid.UUID]
) -> dict[uuid.UUID, PortalStatus]:
    """Whether each case's client was invited to the portal or has signed up (one query)."""
    statuses = dict.fromkeys(case_ids, PortalStatus.none)
    if not case_ids:
        return statuses
    rows = session.execute(
        select(col(PortalAccount.case_id), col(PortalAccount.status)).where(
            col(PortalAccount.case_id).in_(case_ids), col(PortalAccount.participant_id).is_(None)
        )
    ).all()
    for case_id, status in rows:
        if status == PortalAccountStatus.active.value:
            statuses[case_id] = PortalStatus.active
        elif status == PortalAccountStatus.invited.value:
            statuses[case_id] = PortalStatus.invited
    return statuses


def to_read(
    case: Case | CaseRow,
    team: list[TeamMemberRead],
    client_portal: PortalStatus,
    *,
    practice_zone: str,
) -> CaseRead:
    """`practice_zone`: the practice's IANA zone, which a case without its own follows."""
    return CaseRead(
        id=case.id,
        reference=case.reference,
        client=ClientRead(**{name: getattr(case, f"client_{name}") for name in CLIENT_FIELDS}),
        primary_substance=case.primary_substance,
        substances=case.substances,
        risk_flags=[RiskFlag(f) for f in case.risk_flags],
        intervention_model=(
            InterventionModel(case.intervention_model) if case.intervention_model else None
        ),
        status=CaseStatus(case.status),
        outcome=CaseOutcome(case.outcome) if case.outcome else None,
        summary=case.summary,
        time_zone=case.time_zone,
        effective_time_zone=case.time_zone or practice_zone,
        team=team,
        client_portal_status=client_portal,
        allowed_transitions=allowed_transitions(CaseStatus(case.status)),
        created_at=case.created_at,
        updated_at=case.updated_at,
        version=case.version,
    )


def read_case(session: Session, staff: Staff, case: Case, *, audited: bool = True) -> CaseRead:
    if audited:
        audit.record(session, staff.ctx, AuditAction.read, "case", case.id, case_id=case.id)
    return to_read(
        case,
        teams_of(session, [case.id])[case.id],
        client_portal_statuses(session, [case.id])[case.id],
        practice_zone=time_zone_of(session, case.organization_id).key,
    )
