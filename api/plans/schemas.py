from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from api.cases.models import CaseStatus
from api.cases.schemas import ActorRef
from api.core.pagination import Page
from api.core.schemas import InputModel, PastTimestamp, Timestamp
from api.plans.models import DeliveryResult, LevelOfCare, PlanStatus

TemplateModel = Literal["johnson", "love_first", "arise", "craft", "systemic_family"]
PlanModel = Literal["johnson", "love_first", "arise", "craft", "systemic_family", "other"]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
SectionKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,59}$")]


def _unique(values: list[Any]) -> list[Any]:
    if len(set(values)) != len(values):
        raise ValueError("each entry may appear only once")
    return values


class Contribution(InputModel):
    participant_id: uuid.UUID
    contribution: Annotated[str, StringConstraints(max_length=5_000)] = ""
    letter_ready: StrictBool = False


class TreatmentOption(InputModel):
    treatment_center_id: uuid.UUID | None = None
    name: Text200
    level_of_care: LevelOfCare
    bed_hold_until: Timestamp | None = None
    is_primary: StrictBool = False


def _one_primary(options: list[TreatmentOption]) -> list[TreatmentOption]:
    if sum(option.is_primary for option in options) > 1:
        raise ValueError("at most one treatment option is the primary one")
    return options


class Contingency(InputModel):
    scenario: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    response: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)
    ]


class Rehearsal(InputModel):
    scheduled_at: Timestamp
    completed: StrictBool = False


class SectionIn(InputModel):
    key: SectionKey
    title: Text200
    content: LongText = ""


class SectionRead(BaseModel):
    key: str
    title: str
    guidance: str | None
    content: str


class PlanCreate(InputModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"template": "arise"}]})

    template: TemplateModel | None = Field(
        default=None,
        description="Fill the plan's sections, contingencies and action items from this model.",
    )


class PlanUpdate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "scheduled_at": "2026-12-05T17:00:00Z",
                    "location": "The Okafor family home, living room",
                    "logistics": "Grace collects Danny from work at 16:30. Bags packed in her car.",
                }
            ]
        }
    )

    model: PlanModel | None = None
    scheduled_at: Timestamp | None = None
    location: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    logistics: LongText | None = None
    speaking_order: (
        Annotated[list[uuid.UUID], Field(max_length=50), AfterValidator(_unique)] | None
    ) = None
    contributions: Annotated[list[Contribution], Field(max_length=50)] | None = None
    treatment_options: (
        Annotated[list[TreatmentOption], Field(max_length=10), AfterValidator(_one_primary)] | None
    ) = None
    contingencies: Annotated[list[Contingency], Field(max_length=30)] | None = None
    rehearsals: Annotated[list[Rehearsal], Field(max_length=20)] | None = None
    sections: Annotated[list[SectionIn], Field(max_length=40)] | None = None
    notes: LongText | None = None


class PlanReturn(InputModel):
    """A return for changes: the plan goes back to draft with the reviewer's comment."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"comment": "Add a second treatment option in case the bed falls through."}
            ]
        }
    )

    comment: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4_000)
    ]


class PlanDelivery(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "held_at": "2026-12-05T17:00:00Z",
                    "result": "accepted",
                    "notes": "Left for treatment at 18:10.",
                }
            ]
        }
    )

    held_at: PastTimestamp
    result: DeliveryResult
    notes: LongText | None = None


class ContributionRead(BaseModel):
    participant_id: uuid.UUID
    contribution: str
    letter_ready: bool


class TreatmentOptionRead(BaseModel):
    treatment_center_id: uuid.UUID | None
    name: str
    level_of_care: LevelOfCare
    bed_hold_until: datetime | None
    is_primary: bool


class ContingencyRead(BaseModel):
    scenario: str
    response: str


class RehearsalRead(BaseModel):
    scheduled_at: datetime
    completed: bool


class PlanRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    model: PlanModel
    status: PlanStatus
    version: int
    scheduled_at: datetime | None
    location: str | None
    logistics: str | None
    speaking_order: list[uuid.UUID]
    contributions: list[ContributionRead]
    treatment_options: list[TreatmentOptionRead]
    contingencies: list[ContingencyRead]
    rehearsals: list[RehearsalRead]
    sections: list[SectionRead]
    notes: str | None
    submitted_at: datetime | None
    submitted_by: ActorRef | None
    approved_at: datetime | None
    approved_by: ActorRef | None
    returned_at: datetime | None = Field(
        default=None, description="When a reviewer last returned the plan for changes."
    )
    returned_by: ActorRef | None = None
    return_comment: str | None = Field(
        default=None, description="What the reviewer asked to change (the last return)."
    )
    held_at: datetime | None
    result: DeliveryResult | None
    result_notes: str | None
    next_step_suggestion: str | None = Field(
        description="After a declined or walked-out intervention: what the model suggests next."
    )
    created_at: datetime
    updated_at: datetime


class PlanRevisionRead(BaseModel):
    id: uuid.UUID
    version: int
    change: str
    at: datetime
    author: ActorRef | None
    comment: str | None = Field(
        default=None, description="The reviewer's comment, on a return for changes."
    )
    snapshot: dict[str, Any]


PlanRevisionPage = Page[PlanRevisionRead]


class TemplateSectionRead(BaseModel):
    key: str
    title: str
    guidance: str


class TemplateActionItemRead(BaseModel):
    title: str
    description: str
    phase: str
    due_in_days: int | None


class PlanTemplateRead(BaseModel):
    model: TemplateModel
    name: str
    summary: str
    recommended_team_size: tuple[int, int] | None
    sections: list[TemplateSectionRead]
    action_items: list[TemplateActionItemRead]
    contingencies: list[ContingencyRead]


class PlanTemplateList(BaseModel):
    items: list[PlanTemplateRead]


class PlanReviewItem(BaseModel):
    """A plan waiting for a supervisor's review."""

    case_id: uuid.UUID
    case_reference: str
    client_name: str
    case_status: CaseStatus
    model: PlanModel
    plan_version: int
    scheduled_at: datetime | None
    submitted_at: datetime | None
    submitted_by: ActorRef | None


class PlanReviewPage(Page[PlanReviewItem]):
    total: int = Field(description="Plans waiting in all, for the navigation's count.")


class PlanReviewCount(BaseModel):
    total: int = Field(description="Plans waiting for review on cases the caller may see.")
