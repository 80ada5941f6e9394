from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from api.alerts.models import AlertKind, AlertStatus, Severity
from api.cases.schemas import ActorRef
from api.core.schemas import InputModel
from api.sync.schemas import SyncPage


class AlertRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    client_name: str
    kind: AlertKind
    severity: Severity
    status: AlertStatus
    title: str
    detail: str | None
    check_in_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    acknowledged_by: ActorRef | None
    acknowledged_at: datetime | None
    acknowledgement_note: str | None


AlertPage = SyncPage[AlertRead]


class Acknowledgement(InputModel):
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000)] | None = None


class AlertSummary(BaseModel):
    """Counts for the navigation badge: open alerts on the cases I may see."""

    open: int
    open_critical: int
