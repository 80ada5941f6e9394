"""Alerts: raised by check-ins and jobs, seen on the cases a professional may see."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case as when
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import (
    SEVERITY_RANK,
    Alert,
    AlertKind,
    AlertStatus,
    Severity,
    severity_rank,
)
from api.alerts.schemas import AlertRead, AlertSummary
from api.auth.dependencies import Staff
from api.cases.models import Case
from api.cases.schemas import ActorRef
from api.cases.service import labels_of, load_in_case, visible_through, visible_to
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.db import lookup
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict
from api.users.models import User
from api.webhooks.outbox import announce_to_organization

SEVERITY_ORDER = [Severity.critical, Severity.high, Severity.moderate, Severity.low]


def raise_alert(
    session: Session,
    case: Case,
    kind: AlertKind,
    severity: Severity,
    title: str,
    *,
    detail: str | None = None,
    check_in_id: uuid.UUID | None = None,
    dedupe_key: str | None = None,
) -> Alert | None:
    """Records an alert; with a `dedupe_key` already used, records nothing and returns None."""
    now = clock.now()
    alert = Alert(
        case_id=case.id,
        organization_id=case.organization_id,
        kind=kind.value,
        severity=severity.value,
        title=title[:200],
        detail=detail,
        check_in_id=check_in_id,
        dedupe_key=dedupe_key,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(alert)
    except IntegrityError:
        return None
    announce_to_organization(
        session,
        case.organization_id,
        "alert.created",
        {
            "alert_id": str(alert.id),
            "case_id": str(case.id),
            "kind": kind.value,
            "severity": severity.value,
        },
    )
    return alert


@dataclass(frozen=True)
class AlertFilters:
    status: AlertStatus | None = None
    case_id: uuid.UUID | None = None
    severity: Severity | None = None
    kind: AlertKind | None = None
    updated_since: datetime | None = None


def list_alerts(
    session: Session, staff: Staff, filters: AlertFilters, *, limit: int, cursor: str | None
) -> tuple[list[Alert], str | None]:
    """Most severe first (critical, high, moderate, low), newest first within a severity,
    on the cases `staff` may see: a critical alert never sits below high ones."""
    statement = (
        select(Alert)
        .join(Case, col(Case.id) == col(Alert.case_id))
        # The alert's own organisation too, so its indexes serve the filter and the order.
        .where(col(Alert.organization_id) == staff.organization_id, *visible_to(staff))
    )
    if filters.status is not None:
        statement = statement.where(col(Alert.status) == filters.status.value)
    if filters.case_id is not None:
        statement = statement.where(col(Alert.case_id) == filters.case_id)
    if filters.severity is not None:
        statement = statement.where(col(Alert.severity) == filters.severity.value)
    if filters.kind is not None:
        statement = statement.where(col(Alert.kind) == filters.kind.value)
    if filters.updated_since is not None:
        statement = statement.where(col(Alert.updated_at) >= filters.updated_since)
    statement = keyset_page(
        statement,
        [severity_rank(), col(Alert.created_at), col(Alert.id)],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    alerts, next_cursor = split_page(
        session.scalars(statement).all(),
        limit,
        lambda a: (SEVERITY_RANK[Severity(a.severity)], a.created_at, a.id),
    )
    audit.record_many(
        session, staff.ctx, AuditAction.read, "alert", [(a.id, a.case_id) for a in alerts]
    )
    return alerts, next_cursor


def summary(session: Session, staff: Staff) -> AlertSummary:
    row = session.execute(
        select(
            func.count(),
            func.coalesce(
                func.sum(when((col(Alert.severity) == Severity.critical.value, 1), else_=0)), 0
            ),
        )
        .select_from(Alert)
        .where(
            col(Alert.status) == AlertStatus.open.value,
            *visible_through(staff, col(Alert.case_id), col(Alert.organization_id)),
        )
    ).one()
    return AlertSummary(open=int(row[0]), open_critical=int(row[1]))


def load_alert(session: Session, staff: Staff, alert_id: uuid.UUID) -> Alert:
    return load_in_case(session, staff, Alert, alert_id, "alert")[0]


def acknowledge(session: Session, staff: Staff, alert: Alert, note: str | None) -> Alert:
    if alert.status == AlertStatus.acknowledged.value:
        raise Conflict("This alert was already acknowledged.")
    alert.status = AlertStatus.acknowledged.value
    now = clock.now()
    alert.acknowledged_by_id, alert.acknowledged_at, alert.updated_at = staff.id, now, now
    alert.acknowledgement_note = note
    session.flush()
    audit.record(session, staff.ctx, AuditAction.update, "alert", alert.id, case_id=alert.case_id)
    return alert


def to_reads(session: Session, alerts: Sequence[Alert]) -> list[AlertRead]:
    case_ids = {a.case_id for a in alerts}
    user_ids = {a.acknowledged_by_id for a in alerts if a.acknowledged_by_id}
    cases = labels_of(session, case_ids)
    names = lookup(session, col(User.id), col(User.full_name), user_ids)
    return [
        AlertRead(
            id=a.id,
            case_id=a.case_id,
            case_reference=cases[a.case_id].reference,
            client_name=cases[a.case_id].client_name,
            kind=AlertKind(a.kind),
            severity=Severity(a.severity),
            status=AlertStatus(a.status),
            title=a.title,
            detail=a.detail,
            check_in_id=a.check_in_id,
            created_at=a.created_at,
            updated_at=a.updated_at,
            acknowledged_by=(
                ActorRef(id=a.acknowledged_by_id, full_name=names.get(a.acknowledged_by_id, ""))
                if a.acknowledged_by_id
                else None
            ),
            acknowledged_at=a.acknowledged_at,
            acknowledgement_note=a.acknowledgement_note,
        )
        for a in alerts
    ]
