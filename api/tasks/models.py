from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, Index, Text, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Field, SQLModel, col

from api.core.types import UTCDateTime, version_column


class TaskPhase(StrEnum):
    preparation = "preparation"
    intervention = "intervention"
    treatment = "treatment"
    aftercare = "aftercare"
    follow_up = "follow_up"


class TaskStatus(StrEnum):
    open = "open"
    done = "done"
    cancelled = "cancelled"


_version = version_column()


class Task(SQLModel, table=True):
    """One item of the action plan, assigned to a staff member or a participant."""

    __tablename__ = "tasks"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    __table_args__ = (
        Index("ix_tasks_case_created", "case_id", "created_at", "id"),
        Index("ix_tasks_assignee_user_status", "assignee_user_id", "status", "due_at"),
        Index("ix_tasks_org_updated", "organization_id", "updated_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    title: str = Field(max_length=200)
    description: str | None = Field(default=None, sa_type=Text)
    phase: str = Field(max_length=20)
    assignee_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    assignee_participant_id: uuid.UUID | None = Field(
        default=None, foreign_key="participants.id", ondelete="SET NULL"
    )
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: str = Field(default=TaskStatus.open.value, max_length=20)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    from_template: bool = False
    # Where a template task sits around the intervention: its day in the template and the
    # template's intervention day (DESIGN.md §4 plan: template tasks follow `scheduled_at`).
    template_day: int | None = None
    template_anchor_day: int | None = None
    # Someone set this task's due date by hand: rescheduling the intervention leaves it alone.
    due_set_by_hand: bool = False
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)


class _NoDueDate(FunctionElement[datetime]):
    """The time a task without a due date sorts at (9999-12-31, UTC), written into the SQL
    as each database stores times: the work queue's query must spell its order exactly as
    the index below does for PostgreSQL to use it. A FunctionElement (not a bare
    ColumnElement) so that statements using it keep a compiled-statement cache key."""

    type = UTCDateTime()
    inherit_cache = True


@compiles(_NoDueDate, "postgresql")
def _no_due_date_postgresql(_element: _NoDueDate, _compiler: SQLCompiler, **_kw: Any) -> str:
    return "'9999-12-31 00:00:00+00'::timestamptz"


@compiles(_NoDueDate)
def _no_due_date(_element: _NoDueDate, _compiler: SQLCompiler, **_kw: Any) -> str:
    return "'9999-12-31 00:00:00.000000'"  # SQLite: UTC text, as UTCDateTime stores it


def due_order() -> ColumnElement[datetime]:
    """The work queue's order: soonest due first, tasks without a due date last."""
    return func.coalesce(col(Task.due_at), _NoDueDate())


# The work queue's order within a practice: a page reads its rows however many tasks.
Index("ix_tasks_org_due", col(Task.organization_id), due_order(), col(Task.id))
