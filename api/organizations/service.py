from __future__ import annotations

import uuid
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.checkins.zoning import follow_practice_zone
from api.core import audit, clock, zones
from api.core.audit import AuditAction
from api.core.problems import Conflict
from api.core.schemas import changes_of
from api.organizations.models import Organization
from api.organizations.schemas import OrganizationUpdate

if TYPE_CHECKING:
    from api.auth.dependencies import Staff
    from api.cases.models import Case


def get_or_create(session: Session, name: str) -> tuple[Organization, bool]:
    name = name.strip()
    if not name:
        raise ValueError("organization name must not be empty")
    existing = session.scalar(select(Organization).where(col(Organization.name) == name))
    if existing is not None:
        return existing, False
    organization = Organization(name=name, created_at=clock.now())
    session.add(organization)
    session.flush()
    return organization, True


def time_zone_of(session: Session, organization_id: uuid.UUID) -> ZoneInfo:
    """The practice's time zone."""
    name = session.scalar(
        select(col(Organization.time_zone)).where(col(Organization.id) == organization_id)
    )
    return zones.zone(name or zones.DEFAULT_TIME_ZONE)


def time_zone_of_case(session: Session, case: Case) -> ZoneInfo:
    """The zone a case's dates are meant in: the client's own when set, else the practice's."""
    if case.time_zone:
        return zones.zone(case.time_zone)
    return time_zone_of(session, case.organization_id)


def get_own(session: Session, staff: Staff) -> Organization:
    """The caller's own practice (the only one a token can reach)."""
    organization = session.get(Organization, staff.organization_id)
    assert organization is not None  # a token's organisation exists
    return organization


def update_organization(
    session: Session, admin: Staff, organization: Organization, data: OrganizationUpdate
) -> Organization:
    """Renames the practice or moves it to another IANA zone (audited).

    A zone change re-places the check-in schedules of cases without a client zone, keeping
    their local wall-clock time. Errors: Conflict when another practice has the name."""
    changes = changes_of(data, required=("name", "time_zone", "require_mfa"))
    changed = {f: v for f, v in changes.items() if getattr(organization, f) != v}
    if not changed:
        return organization
    if "name" in changed and session.scalar(
        select(col(Organization.id)).where(
            col(Organization.name) == changed["name"], col(Organization.id) != organization.id
        )
    ):
        raise Conflict("Another practice already uses this name.")
    for field, value in changed.items():
        setattr(organization, field, value)
    session.flush()
    if "time_zone" in changed:
        follow_practice_zone(session, organization.id, organization.time_zone)
    audit.record(session, admin.ctx, AuditAction.update, "organization", organization.id)
    return organization
