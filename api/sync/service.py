"""Removals for syncing devices: written where rows leave a view, read by the sync lists.

A device lists with `updated_since=T` and learns two things: the rows changed since T
(`items`) and the ids that left its view since T (`removed_ids`): rows deleted, and rows
of cases the caller can no longer see. Deletes and team changes write a `SyncRemoval`;
each list calls one helper here, which costs one statement whatever the page holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, exists, or_, select, union
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseTeamMember
from api.cases.service import visible_to
from api.core import clock
from api.core.db import affected_rows
from api.core.problems import ResyncRequired
from api.sync.models import SyncRemoval, SyncResource
from api.sync.schemas import MAX_REMOVED_IDS, RETENTION


def record_deleted(
    session: Session,
    resource: SyncResource,
    ids: Iterable[uuid.UUID],
    *,
    case_id: uuid.UUID,
    organization_id: uuid.UUID,
) -> None:
    """Tombstones for rows of one case that are about to be deleted (they leave every view)."""
    now = clock.now()
    session.add_all(
        SyncRemoval(
            organization_id=organization_id,
            resource_type=resource.value,
            resource_id=row_id,
            case_id=case_id,
            removed_at=now,
        )
        for row_id in ids
    )


def record_access_lost(
    session: Session, organization_id: uuid.UUID, user_id: uuid.UUID, case_ids: Iterable[uuid.UUID]
) -> None:
    """`user_id` may no longer see these cases. Whether they really left the user's view
    (a supervisor still sees every case) is decided when the user syncs."""
    now = clock.now()
    session.add_all(
        SyncRemoval(
            organization_id=organization_id,
            resource_type=SyncResource.case.value,
            resource_id=case_id,
            case_id=case_id,
            user_id=user_id,
            removed_at=now,
        )
        for case_id in case_ids
    )


def record_cases_off_team(session: Session, organization_id: uuid.UUID, user_id: uuid.UUID) -> None:
    """The user now sees only the cases whose team they are on (their role changed to
    interventionist): every other case of the organisation left their view."""
    on_team = exists().where(
        col(CaseTeamMember.case_id) == col(Case.id), col(CaseTeamMember.user_id) == user_id
    )
    others = session.scalars(
        select(col(Case.id)).where(col(Case.organization_id) == organization_id, ~on_team)
    ).all()
    record_access_lost(session, organization_id, user_id, others)


def check_window(since: datetime) -> None:
    """410 resync-required when `since` is older than the removals kept (RETENTION)."""
    if since < clock.now() - RETENTION:
        raise ResyncRequired(
            f"Removals are kept {RETENTION.days} days; list again without updated_since."
        )


def _bounded(session: Session, statement: Select[Any]) -> list[uuid.UUID]:
    ids = list(session.scalars(statement.limit(MAX_REMOVED_IDS + 1)).all())
    if len(ids) > MAX_REMOVED_IDS:
        raise ResyncRequired(
            f"More than {MAX_REMOVED_IDS} rows left your view since updated_since; "
            "list again without updated_since."
        )
    return ids


def removed_in_case(
    session: Session, case: Case, resource: SyncResource, since: datetime | None
) -> list[uuid.UUID]:
    """Rows of `resource` deleted from a case's list since `since` (none without `since`).
    The caller sees the case (it was loaded for them), so nothing else left that list."""
    if since is None:
        return []
    check_window(since)
    return _bounded(
        session,
        select(col(SyncRemoval.resource_id))
        .where(
            col(SyncRemoval.case_id) == case.id,
            col(SyncRemoval.resource_type) == resource.value,
            col(SyncRemoval.user_id).is_(None),
            col(SyncRemoval.removed_at) >= since,
        )
        .distinct(),
    )


def removed_across_cases(
    session: Session,
    staff: Staff,
    resource: SyncResource,
    since: datetime | None,
    *,
    rows: Any = None,
) -> list[uuid.UUID]:
    """What left a list that spans the caller's cases (the caseload, the work queue, alerts);
    none without `since`.

    Cases lost since `since` (taken off the team, or deleted) count only while the caller
    still cannot see them: regained access is not a removal. For other resources, the ids
    are the rows deleted from a case the caller sees or lost, plus every current row of a
    lost case; `rows` is that resource's table model (with `id` and `case_id`).
    """
    if since is None:
        return []
    check_window(since)
    lost_row = aliased(SyncRemoval)
    lost = select(col(lost_row.case_id)).where(
        col(lost_row.organization_id) == staff.organization_id,
        col(lost_row.resource_type) == SyncResource.case.value,
        col(lost_row.removed_at) >= since,
        or_(col(lost_row.user_id) == staff.id, col(lost_row.user_id).is_(None)),
        ~exists(select(col(Case.id)).where(col(Case.id) == lost_row.case_id, *visible_to(staff))),
    )
    if resource is SyncResource.case:
        return _bounded(session, lost.distinct())
    assert rows is not None, "name the table whose rows of lost cases are removed"
    deleted_row = aliased(SyncRemoval)
    deleted = select(col(deleted_row.resource_id)).where(
        col(deleted_row.organization_id) == staff.organization_id,
        col(deleted_row.resource_type) == resource.value,
        col(deleted_row.user_id).is_(None),
        col(deleted_row.removed_at) >= since,
        or_(
            exists(
                select(col(Case.id)).where(col(Case.id) == deleted_row.case_id, *visible_to(staff))
            ),
            col(deleted_row.case_id).in_(lost),
        ),
    )
    of_lost_cases = select(rows.id).where(rows.case_id.in_(lost))
    union_all = union(deleted, of_lost_cases).subquery()
    return _bounded(session, select(union_all.c[0]))


def purge_old_removals(session: Session, now: datetime) -> int:
    """A job: forget removals older than RETENTION (an older `updated_since` answers 410)."""
    result = session.execute(
        delete(SyncRemoval).where(col(SyncRemoval.removed_at) < now - RETENTION)
    )
    return affected_rows(result)
