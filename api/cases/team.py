"""The case team: who works the case, and in what role."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseTeamMember, TeamRole
from api.cases.schemas import TeamMemberRead, TeamUpdate
from api.cases.service import add_event, teams_of
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.problems import FieldError, Forbidden, UnprocessableContent
from api.core.references import STAFF, Ref, require_references
from api.sync.service import record_access_lost


def read_team(session: Session, staff: Staff, case: Case) -> list[TeamMemberRead]:
    audit.record(session, staff.ctx, AuditAction.read, "case_team", case.id, case_id=case.id)
    return teams_of(session, [case.id])[case.id]


def may_manage_team(session: Session, staff: Staff, case: Case) -> bool:
    if staff.sees_every_case:
        return True
    role = session.scalar(
        select(col(CaseTeamMember.role)).where(
            col(CaseTeamMember.case_id) == case.id, col(CaseTeamMember.user_id) == staff.id
        )
    )
    return role == TeamRole.lead.value


def replace_team(
    session: Session, staff: Staff, case: Case, data: TeamUpdate
) -> list[TeamMemberRead]:
    if not may_manage_team(session, staff, case):
        raise Forbidden("Only the case lead, a supervisor or an admin may change the team.")
    errors: list[FieldError] = []
    ids = [m.user_id for m in data.members]
    leads = [m for m in data.members if m.role is TeamRole.lead]
    if len(leads) != 1:
        errors.append(
            FieldError(
                loc=["body", "members"], msg="exactly one lead is required", type="value_error"
            )
        )
    if len(set(ids)) != len(ids):
        errors.append(
            FieldError(loc=["body", "members"], msg="each person appears once", type="value_error")
        )
    if errors:
        raise UnprocessableContent("The team is not valid.", errors=errors)
    require_references(
        session,
        organization_id=staff.organization_id,
        refs=[
            Ref(STAFF, member.user_id, ("body", "members", index, "user_id"))
            for index, member in enumerate(data.members)
        ],
        detail="The team is not valid.",
    )

    now = clock.now()
    before = session.scalars(
        select(col(CaseTeamMember.user_id)).where(col(CaseTeamMember.case_id) == case.id)
    ).all()
    # Whoever left the team may have lost the case: their devices learn it on the next sync.
    for user_id in set(before) - set(ids):
        record_access_lost(session, case.organization_id, user_id, [case.id])
    session.execute(delete(CaseTeamMember).where(col(CaseTeamMember.case_id) == case.id))
    for member in data.members:
        session.add(
            CaseTeamMember(
                case_id=case.id, user_id=member.user_id, role=member.role.value, added_at=now
            )
        )
    case.updated_at = now
    session.flush()
    add_event(
        session,
        case,
        staff.id,
        "team_changed",
        details={
            "members": [{"user_id": str(m.user_id), "role": m.role.value} for m in data.members]
        },
    )
    audit.record(session, staff.ctx, AuditAction.update, "case_team", case.id, case_id=case.id)
    return teams_of(session, [case.id])[case.id]
