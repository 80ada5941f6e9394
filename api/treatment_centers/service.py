"""The organization's directory of treatment centers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.contact import require_number_for_extension
from api.core.pagination import keyset_page, split_page
from api.core.problems import NotFound
from api.core.schemas import changes_of
from api.core.search import matches
from api.interop.geo import Near, nearest
from api.interop.listing import OpioidMedication, require_free_external_id, require_pairs
from api.interop.listing import as_stored as listing_as_stored
from api.partner.models import PartnerApiClient
from api.plans.models import LevelOfCare
from api.treatment_centers.models import Service, TreatmentCenter
from api.treatment_centers.schemas import (
    TreatmentCenterCreate,
    TreatmentCenterRead,
    TreatmentCenterUpdate,
)


def load_center(
    session: Session, organization_id: uuid.UUID, center_id: uuid.UUID
) -> TreatmentCenter:
    center = session.get(TreatmentCenter, center_id)
    if center is None or center.organization_id != organization_id:
        raise NotFound("No treatment center with that id in your directory.")
    return center


def as_stored(values: dict[str, Any]) -> dict[str, Any]:
    stored = listing_as_stored(values)
    for field in ("levels_of_care", "services", "populations", "insurance_accepted"):
        if field in stored and stored[field] is not None:
            stored[field] = [str(v) for v in stored[field]]
    if stored.get("website") is not None:
        stored["website"] = str(stored["website"])
    return stored


def add_center(session: Session, admin: Staff, data: TreatmentCenterCreate) -> TreatmentCenter:
    now = clock.now()
    values = as_stored(data.model_dump())
    for phone in ("phone", "intake_phone", "hotline_phone"):
        require_number_for_extension(
            values[phone], values[f"{phone}_extension"], ["body", f"{phone}_extension"]
        )
    require_pairs(values)
    require_free_external_id(
        session,
        TreatmentCenter,
        admin.organization_id,
        values["external_source"],
        values["external_id"],
    )
    center = TreatmentCenter(
        organization_id=admin.organization_id, created_at=now, updated_at=now, **values
    )
    if center.beds_available is not None:
        center.beds_updated_at = now
    session.add(center)
    session.flush()
    audit.record(session, admin.ctx, AuditAction.create, "treatment_center", center.id)
    return center


def update_center(
    session: Session, admin: Staff, center: TreatmentCenter, data: TreatmentCenterUpdate
) -> TreatmentCenter:
    changes = as_stored(changes_of(data, required=("name",)))
    for field in ("levels_of_care", "services", "populations", "insurance_accepted"):
        if field in changes and changes[field] is None:
            changes[field] = []
    for phone in ("phone", "intake_phone", "hotline_phone"):
        require_number_for_extension(
            changes.get(phone, getattr(center, phone)),
            changes.get(f"{phone}_extension", getattr(center, f"{phone}_extension")),
            ["body", f"{phone}_extension"],
        )
    require_pairs(changes, center)
    require_free_external_id(
        session,
        TreatmentCenter,
        center.organization_id,
        changes.get("external_source", center.external_source),
        changes.get("external_id", center.external_id),
        center.id,
    )
    changed = {f: v for f, v in changes.items() if getattr(center, f) != v}
    if not changed:
        return center
    for field, value in changed.items():
        setattr(center, field, value)
    now = clock.now()
    if "beds_available" in changed:
        center.beds_updated_at = now
    center.updated_at = now
    session.flush()
    audit.record(session, admin.ctx, AuditAction.update, "treatment_center", center.id)
    return center


@dataclass(frozen=True)
class CenterFilters:
    level_of_care: LevelOfCare | None = None
    service: Service | None = None
    has_beds: bool | None = None
    q: str | None = None
    medication: OpioidMedication | None = None


def list_centers(
    session: Session,
    staff: Staff,
    filters: CenterFilters,
    *,
    limit: int,
    cursor: str | None,
    near: Near | None = None,
) -> tuple[list[TreatmentCenter], str | None, dict[uuid.UUID, float]]:
    """One page by name (keyset), or with `near` the nearest `limit` within its radius and
    each one's distance (api/interop/geo.py: one bounded page, no cursor)."""
    statement = select(TreatmentCenter).where(
        col(TreatmentCenter.organization_id) == staff.organization_id
    )
    # Both vocabularies are closed, so the quoted value matches exactly.
    if filters.level_of_care is not None:
        statement = statement.where(
            cast(col(TreatmentCenter.levels_of_care), String).like(
                f'%"{filters.level_of_care.value}"%'
            )
        )
    if filters.service is not None:
        statement = statement.where(
            cast(col(TreatmentCenter.services), String).like(f'%"{filters.service.value}"%')
        )
    if filters.has_beds is True:
        statement = statement.where(col(TreatmentCenter.beds_available) > 0)
    elif filters.has_beds is False:
        statement = statement.where(func.coalesce(col(TreatmentCenter.beds_available), 0) == 0)
    if filters.q:
        statement = statement.where(matches(col(TreatmentCenter.search_key), filters.q))
    if filters.medication is not None:
        statement = statement.where(
            cast(col(TreatmentCenter.opioid_medications), String).like(
                f'%"{filters.medication.value}"%'
            )
        )
    if near is not None:
        centers, distances = nearest(session, TreatmentCenter, statement, near, limit)
        return centers, None, distances
    statement = keyset_page(
        statement,
        [col(TreatmentCenter.name), col(TreatmentCenter.id)],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    page, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda c: (c.name, c.id)
    )
    return page, next_cursor, {}


def partners_among(session: Session, center_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """The centers of these that have an active partner API client, in one query."""
    if not center_ids:
        return set()
    return set(
        session.scalars(
            select(col(PartnerApiClient.treatment_center_id)).where(
                col(PartnerApiClient.treatment_center_id).in_(center_ids),
                col(PartnerApiClient.revoked_at).is_(None),
            )
        )
    )


def to_reads(
    session: Session,
    centers: Sequence[TreatmentCenter],
    distances: dict[uuid.UUID, float] | None = None,
) -> list[TreatmentCenterRead]:
    partners = partners_among(session, {c.id for c in centers})
    distances = distances or {}
    return [
        TreatmentCenterRead.model_validate(
            {**c.model_dump(), "is_partner": c.id in partners, "distance_km": distances.get(c.id)}
        )
        for c in centers
    ]


def is_partner(session: Session, center_id: uuid.UUID) -> bool:
    return center_id in partners_among(session, {center_id})
