from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import clock
from api.organizations.models import Organization


def get_or_create(session: Session, name: str) -> tuple[Organization, bool]:
    name = name.strip()
    if not name:
        raise ValueError("organisation name must not be empty")
    existing = session.scalar(select(Organization).where(col(Organization.name) == name))
    if existing is not None:
        return existing, False
    organization = Organization(name=name, created_at=clock.now())
    session.add(organization)
    session.flush()
    return organization, True
