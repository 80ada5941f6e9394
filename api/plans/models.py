from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, version_column


class PlanStatus(StrEnum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    delivered = "delivered"


class DeliveryResult(StrEnum):
    accepted = "accepted"
    accepted_later = "accepted_later"
    declined = "declined"
    walked_out = "walked_out"


class LevelOfCare(StrEnum):
    """ASAM levels of care, with the withdrawal-management levels and the opioid treatment program.

    Source: The ASAM Criteria, 3rd edition (Mee-Lee D, ed., American Society of Addiction
    Medicine, 2013), as summarised for the Medicaid Innovation Accelerator Program
    ("ASAM Dimensions and Levels of Care", https://cod.pressbooks.pub/addictionscounseling/?p=5):
    levels 0.5 to 4, and the five adult withdrawal-management levels (1-WM, 2-WM, 3.2-WM, 3.7-WM,
    4-WM; "there are 5 levels of withdrawal management in the adult criteria", D. Mee-Lee,
    Tips and Topics, Oct 2013), plus OTP (opioid treatment program, ASAM Level 1 OTS).

    Why the 3rd edition's codes: the 4th edition (2023) regroups the continuum (it folds
    withdrawal management into the levels and renumbers outpatient care), but we could not
    check its level list against a source we can cite, and the SAMHSA treatment locator,
    state Medicaid waivers and most EHRs still speak the 3rd edition's codes. So Cairn keeps
    these codes; a 4th-edition crosswalk is a later, additive change.

    `1.0` and `4.0` are accepted for `1` and `4` (normalised on input, see `_missing_`).
    """

    early_intervention = "0.5"
    outpatient = "1"
    intensive_outpatient = "2.1"
    partial_hospitalization = "2.5"
    low_intensity_residential = "3.1"
    population_specific_residential = "3.3"
    high_intensity_residential = "3.5"
    medically_monitored_inpatient = "3.7"
    medically_managed_inpatient = "4"
    ambulatory_withdrawal_management = "1-WM"
    ambulatory_withdrawal_management_extended = "2-WM"
    residential_withdrawal_management = "3.2-WM"
    inpatient_withdrawal_management = "3.7-WM"
    intensive_inpatient_withdrawal_management = "4-WM"
    opioid_treatment_program = "OTP"

    @classmethod
    def _missing_(cls, value: object) -> LevelOfCare | None:
        """`1.0` → `1`, `4.0` → `4`; also `1.0-WM`, `4.0-WM` and `otp` in any case."""
        if not isinstance(value, str):
            return None
        text = value.strip().upper()
        for spelled, code in (("1.0", "1"), ("4.0", "4")):
            if text == spelled or text.startswith(f"{spelled}-"):
                text = code + text[len(spelled) :]
        for member in cls:
            if member.value.upper() == text:
                return member
        return None


_version = version_column()


class InterventionPlan(SQLModel, table=True):
    """The structured intervention plan of a case (one per case).

    The list-shaped parts (speaking order, contributions, treatment options,
    contingencies, rehearsals, sections) are JSON documents: they are always
    read and saved with the plan, and every save is kept as a revision.
    """

    __tablename__ = "intervention_plans"
    # The supervisors' review queue: plans of one organization in one status, oldest first.
    __table_args__ = (
        Index("ix_intervention_plans_org_status", "organization_id", "status", "submitted_at"),
    )
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", unique=True, ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organizations.id")
    model: str = Field(max_length=20)
    status: str = Field(default=PlanStatus.draft.value, max_length=20)
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    location: str | None = Field(default=None, max_length=300)
    logistics: str | None = Field(default=None, sa_type=Text)
    speaking_order: list[str] = Field(default_factory=list, sa_type=JSON)
    contributions: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    treatment_options: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    contingencies: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    rehearsals: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    sections: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    notes: str | None = Field(default=None, sa_type=Text)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitted_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # The last return for changes: kept after the plan is resubmitted, so the lead can see
    # what the reviewer asked for; every return is also on the revisions with its comment.
    returned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    returned_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    return_comment: str | None = Field(default=None, sa_type=Text)
    held_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    result: str | None = Field(default=None, max_length=20)
    result_notes: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, sa_column=_version)

    def mentions_participant(self, participant_id: uuid.UUID) -> bool:
        key = str(participant_id)
        return key in self.speaking_order or any(
            c.get("participant_id") == key for c in self.contributions
        )


class PlanRevision(SQLModel, table=True):
    """Every saved version of a plan: who, when, what kind of change, and a snapshot."""

    __tablename__ = "plan_revisions"
    __table_args__ = (Index("ix_plan_revisions_plan_version", "plan_id", "version"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    plan_id: uuid.UUID = Field(foreign_key="intervention_plans.id", ondelete="CASCADE")
    version: int
    change: str = Field(max_length=30)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    at: datetime = Field(sa_type=UTCDateTime)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    # What the reviewer wrote when returning the plan for changes.
    comment: str | None = Field(default=None, sa_type=Text)
