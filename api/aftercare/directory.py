"""The practice's resource directory as the aftercare plan sees it: which ids may be chosen,
the names shown beside them, and the rule that a resource a plan uses is never deleted."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.models import AftercarePlan
from api.core.db import lookup
from api.core.references import Kind, Ref, require_references
from api.resources.models import Resource
from api.resources.service import register_in_use_check

# Any resource of the practice's directory, active or not: a plan saved before a resource
# was deactivated must still save.
RESOURCE = Kind(Resource, "organization", "not in your directory")

ResourceRef = tuple[uuid.UUID | None, tuple[str | int, ...]]


def require_resources(
    session: Session, organization_id: uuid.UUID, refs: list[ResourceRef]
) -> None:
    """422 naming each resource id that is not in this practice's directory."""
    require_references(
        session,
        organization_id=organization_id,
        refs=[Ref(RESOURCE, resource_id, loc) for resource_id, loc in refs],
        detail="The plan names resources that are not in your directory.",
    )


def resource_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    return lookup(session, col(Resource.id), col(Resource.name), ids)


def resource_ids_of(plan: AftercarePlan) -> set[str]:
    """Every resource the plan names: chosen, sober living, and the family's own."""
    ids = {r["resource_id"] for r in plan.resources}
    ids |= {s["resource_id"] for s in plan.family_support if s.get("resource_id")}
    if plan.sober_living and plan.sober_living.get("resource_id"):
        ids.add(plan.sober_living["resource_id"])
    return ids


def _used_by_a_plan(session: Session, resource: Resource) -> bool:
    plans = session.scalars(
        select(AftercarePlan).where(col(AftercarePlan.organization_id) == resource.organization_id)
    )
    return any(str(resource.id) in resource_ids_of(plan) for plan in plans)


register_in_use_check(_used_by_a_plan)
