from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.core.schemas import InputModel, Kept, Timestamp, given_when_absent
from api.sync.schemas import SyncPage
from api.tasks.models import TaskPhase, TaskStatus

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=5_000)]


class Assignee(InputModel):
    """Exactly one of a staff member or a participant of the same case."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                given_when_absent("user_id", "participant_id"),
                {
                    "if": {"properties": {"user_id": {"type": "string"}}, "required": ["user_id"]},
                    "then": {"properties": {"participant_id": {"type": "null"}}},
                },
            ]
        }
    )

    user_id: uuid.UUID | None = None
    participant_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Assignee:
        if (self.user_id is None) == (self.participant_id is None):
            raise ValueError("give exactly one of user_id or participant_id")
        return self


class TaskCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Confirm the bed hold with Hazelden",
                    "phase": "preparation",
                    "assignee": {"user_id": "2f0c7b1e-2d1a-4f57-9a53-6f1d2f3b9e10"},
                    "due_at": "2026-12-03T17:00:00Z",
                }
            ]
        }
    )

    title: Title
    description: Description | None = None
    phase: TaskPhase
    assignee: Assignee | None = None
    due_at: Timestamp | None = None


class TaskUpdate(InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "done"}]})

    title: Kept[Title] = None
    description: Description | None = None
    phase: Kept[TaskPhase] = None
    assignee: Assignee | None = None
    due_at: Timestamp | None = None
    status: Kept[TaskStatus] = None


class AssigneeRead(BaseModel):
    user_id: uuid.UUID | None
    participant_id: uuid.UUID | None
    name: str


class TaskRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    title: str
    description: str | None
    phase: TaskPhase
    assignee: AssigneeRead | None
    due_at: datetime | None
    status: TaskStatus
    overdue: bool
    completed_at: datetime | None
    from_template: bool
    due_set_by_hand: bool = Field(
        default=False,
        description="Its due date was changed by hand, so rescheduling the intervention leaves it.",
    )
    created_at: datetime
    updated_at: datetime
    version: int


TaskPage = SyncPage[TaskRead]


class PhaseSummary(BaseModel):
    phase: TaskPhase
    open_count: int
    over: bool = Field(description="The case has moved past this phase (its status says so).")


class PhaseSummaryList(BaseModel):
    items: list[PhaseSummary]


class PhaseClose(InputModel):
    """Close every open task of a phase that is over."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"phase": "preparation"}]})

    phase: TaskPhase
    status: Literal[TaskStatus.done, TaskStatus.cancelled] = TaskStatus.done


class PhaseCloseResult(BaseModel):
    phase: TaskPhase
    closed: int
    items: list[TaskRead]
