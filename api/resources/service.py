"""The practice's directory of continued support: rules and queries (DESIGN.md §4 Resources)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.contact import require_number_for_extension
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, NotFound
from api.core.schemas import changes_of
from api.core.search import matches
from api.interop.geo import Near, nearest
from api.interop.listing import as_stored as listing_as_stored
from api.interop.listing import require_free_external_id, require_pairs
from api.organizations.models import Organization
from api.resources.models import Audience, DayOfWeek, Resource, ResourceFormat, ResourceKind
from api.resources.schemas import ResourceCreate, ResourceRead, ResourceUpdate

REQUIRED = ("name", "kind", "audience", "format")

InUse = Callable[[Session, Resource], bool]
"""Whether something (an aftercare plan) uses the resource, so it may not be deleted."""

_in_use_checks: list[InUse] = []


def register_in_use_check(check: InUse) -> None:
    """Let another domain (aftercare) say a resource is in use; `delete_resource` asks them all."""
    _in_use_checks.append(check)


def load_resource(session: Session, organization_id: uuid.UUID, resource_id: uuid.UUID) -> Resource:
    """The resource of this organisation, or NotFound (404) — another practice's id included."""
    resource = session.get(Resource, resource_id)
    if resource is None or resource.organization_id != organization_id:
        raise NotFound("No resource with that id in your directory.")
    return resource


def _sorted_meetings(meetings: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Stored shape: `{"day_of_week", "start_time", "end_time"}`, Monday first, then by start."""
    stored = [
        {
            "day_of_week": str(m["day_of_week"]),
            "start_time": m["start_time"],
            "end_time": m["end_time"],
        }
        for m in meetings
    ]
    stored.sort(key=lambda m: (DayOfWeek(m["day_of_week"]).iso_number, m["start_time"]))
    return stored


def as_stored(values: dict[str, Any]) -> dict[str, Any]:
    stored = listing_as_stored(values)
    for field in ("kind", "audience", "format", "cost"):
        if stored.get(field) is not None:
            stored[field] = str(stored[field])
    for field in ("website", "online_url"):
        if stored.get(field) is not None:
            stored[field] = str(stored[field])
    if "meetings" in stored:
        stored["meetings"] = _sorted_meetings(stored["meetings"] or [])
    if "languages" in stored and stored["languages"] is None:
        stored["languages"] = []
    return stored


def add_resource(session: Session, editor: Staff, data: ResourceCreate) -> Resource:
    """Create a resource in the editor's directory; the zone defaults to the practice's."""
    now = clock.now()
    values = as_stored(data.model_dump())
    for phone in ("phone", "intake_phone", "hotline_phone"):
        require_number_for_extension(
            values[phone], values[f"{phone}_extension"], ["body", f"{phone}_extension"]
        )
    if values["time_zone"] is None:
        organization = session.get(Organization, editor.organization_id)
        assert organization is not None
        values["time_zone"] = organization.time_zone
    require_pairs(values)
    require_free_external_id(
        session, Resource, editor.organization_id, values["external_source"], values["external_id"]
    )
    resource = Resource(
        organization_id=editor.organization_id, created_at=now, updated_at=now, **values
    )
    session.add(resource)
    session.flush()
    audit.record(session, editor.ctx, AuditAction.create, "resource", resource.id)
    return resource


def update_resource(
    session: Session, editor: Staff, resource: Resource, data: ResourceUpdate
) -> Resource:
    """Apply the fields a PATCH sent; 422 when a required field is emptied."""
    changes = as_stored(changes_of(data, required=(*REQUIRED, "time_zone", "is_active")))
    for phone in ("phone", "intake_phone", "hotline_phone"):
        require_number_for_extension(
            changes.get(phone, getattr(resource, phone)),
            changes.get(f"{phone}_extension", getattr(resource, f"{phone}_extension")),
            ["body", f"{phone}_extension"],
        )
    require_pairs(changes, resource)
    require_free_external_id(
        session,
        Resource,
        resource.organization_id,
        changes.get("external_source", resource.external_source),
        changes.get("external_id", resource.external_id),
        resource.id,
    )
    changed = {f: v for f, v in changes.items() if getattr(resource, f) != v}
    if not changed:
        return resource
    for field, value in changed.items():
        setattr(resource, field, value)
    resource.updated_at = clock.now()
    session.flush()
    audit.record(session, editor.ctx, AuditAction.update, "resource", resource.id)
    return resource


def delete_resource(session: Session, editor: Staff, resource: Resource) -> None:
    """Remove a resource nothing uses; 409 when an aftercare plan uses it (deactivate it then)."""
    if any(check(session, resource) for check in _in_use_checks):
        raise Conflict(
            "An aftercare plan uses this resource, so it cannot be deleted. "
            "Set is_active to false to take it out of the directory instead."
        )
    audit.record(session, editor.ctx, AuditAction.delete, "resource", resource.id)
    session.delete(resource)
    session.flush()


@dataclass(frozen=True)
class ResourceFilters:
    kind: ResourceKind | None = None
    audience: Audience | None = None
    format: ResourceFormat | None = None
    day_of_week: DayOfWeek | None = None
    is_active: bool | None = None
    q: str | None = None


def _filtered(statement: Any, filters: ResourceFilters) -> Any:
    if filters.kind is not None:
        statement = statement.where(col(Resource.kind) == filters.kind.value)
    if filters.audience is not None:
        # A resource for both serves the client and the family alike.
        wanted = {filters.audience.value, Audience.both.value}
        statement = statement.where(col(Resource.audience).in_(wanted))
    if filters.format is not None:
        statement = statement.where(col(Resource.format) == filters.format.value)
    if filters.day_of_week is not None:
        # Day names are a closed vocabulary, quoted only as day_of_week values in `meetings`.
        statement = statement.where(
            cast(col(Resource.meetings), String).like(f'%"{filters.day_of_week.value}"%')
        )
    if filters.is_active is not None:
        statement = statement.where(col(Resource.is_active) == filters.is_active)
    if filters.q:
        statement = statement.where(matches(col(Resource.search_key), filters.q))
    return statement


def list_resources(
    session: Session,
    staff: Staff,
    filters: ResourceFilters,
    *,
    limit: int,
    cursor: str | None,
    near: Near | None = None,
) -> tuple[list[Resource], str | None, dict[uuid.UUID, float]]:
    """One page of the directory by name (keyset on name, id): one query however deep; with
    `near`, the nearest `limit` within its radius and their distances (api/interop/geo.py)."""
    statement = select(Resource).where(col(Resource.organization_id) == staff.organization_id)
    if near is not None:
        resources, distances = nearest(
            session, Resource, _filtered(statement, filters), near, limit
        )
        return resources, None, distances
    statement = keyset_page(
        _filtered(statement, filters),
        [col(Resource.name), col(Resource.id)],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    page, next_cursor = split_page(
        session.scalars(statement).all(), limit, lambda r: (r.name, r.id)
    )
    return page, next_cursor, {}


def active_resources(
    session: Session, organization_id: uuid.UUID, audiences: set[str]
) -> list[Resource]:
    """The organisation's active resources for these audiences, by name (the portal's list)."""
    return list(
        session.scalars(
            select(Resource)
            .where(
                col(Resource.organization_id) == organization_id,
                col(Resource.is_active).is_(True),
                col(Resource.audience).in_(audiences),
            )
            .order_by(col(Resource.name), col(Resource.id))
        )
    )


def to_read(resource: Resource, distance_km: float | None = None) -> ResourceRead:
    return ResourceRead.model_validate({**resource.model_dump(), "distance_km": distance_km})


def to_reads(
    resources: Sequence[Resource], distances: dict[uuid.UUID, float] | None = None
) -> list[ResourceRead]:
    distances = distances or {}
    return [to_read(r, distances.get(r.id)) for r in resources]


def load_active_by_ids(
    session: Session, organization_id: uuid.UUID, resource_ids: Sequence[uuid.UUID]
) -> list[Resource]:
    """These resources, if active and of this organisation, in the order of `resource_ids`."""
    if not resource_ids:
        return []
    found = {
        r.id: r
        for r in session.scalars(
            select(Resource).where(
                col(Resource.organization_id) == organization_id,
                col(Resource.is_active).is_(True),
                col(Resource.id).in_(set(resource_ids)),
            )
        )
    }
    return [found[i] for i in dict.fromkeys(resource_ids) if i in found]
