from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from api.core.pagination import Page
from api.core.schemas import InputModel, Timestamp
from api.tasks.models import TaskPhase, TaskStatus

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(max_length=5_000)]


class Assignee(InputModel):
    """Exactly one of a staff member or a participant of the same case."""

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

    title: Title | None = None
    description: Description | None = None
    phase: TaskPhase | None = None
    assignee: Assignee | None = None
    due_at: Timestamp | None = None
    status: TaskStatus | None = None


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
    created_at: datetime
    updated_at: datetime
    version: int


TaskPage = Page[TaskRead]
