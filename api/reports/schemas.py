"""Response shapes of the reports: every figure carries what it is counted over."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class Ratio(BaseModel):
    """`numerator` / `denominator`; `rate` is null when the denominator is 0."""

    numerator: int
    denominator: int
    rate: float | None

    @classmethod
    def of(cls, numerator: int, denominator: int) -> Ratio:
        rate = round(numerator / denominator, 4) if denominator else None
        return cls(numerator=numerator, denominator=denominator, rate=rate)


class ReportWindow(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_date: date = Field(alias="from", description="First day, in the practice's zone.")
    to_date: date = Field(alias="to", description="Last day (inclusive), in the practice's zone.")
    time_zone: str = Field(description="IANA zone the days are read in.")
    starts_at: datetime = Field(description="Start of `from` there, in UTC.")
    ends_at: datetime = Field(description="End of `to` there (exclusive), in UTC.")


class ReportFilters(BaseModel):
    lead_id: uuid.UUID | None
    model: str | None


class StatusCount(BaseModel):
    status: str
    count: int


class CasesByStatus(BaseModel):
    """Current status of the cases in scope opened before the window's end."""

    total: int
    items: list[StatusCount]


class SeverityCount(BaseModel):
    severity: str
    count: int


class OpenAlerts(BaseModel):
    """Alerts open now on the cases in scope."""

    total: int
    items: list[SeverityCount]


class CheckInAdherence(BaseModel):
    """Check-ins received in the window from someone on a schedule (sent after it began) /
    slots expected from the schedules' cadence while they were active in the window
    (clients and family members apart). A check-in no schedule asked for counts in the
    monthly series, not here."""

    client: Ratio
    family: Ratio


class ModelEntry(BaseModel):
    model: str
    invitational: bool
    entered: Ratio
    published_rate: float | None
    published_source: str | None
    published_note: str


class MedianDays(BaseModel):
    median_days: float | None
    count: int


class FollowUpPoint(BaseModel):
    days: int
    completion: Ratio | None


class FollowUpCompletion(BaseModel):
    available: bool
    unavailable_reason: str | None
    points: list[FollowUpPoint]


class AttentionAlert(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    title: str
    created_at: datetime


class AttentionTask(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    title: str
    due_at: datetime


class Attention(BaseModel):
    """The ten oldest open critical alerts and the ten most overdue open tasks."""

    critical_alerts: list[AttentionAlert]
    overdue_tasks: list[AttentionTask]


class SeriesPoint(BaseModel):
    month: str = Field(description="Calendar month in the practice's zone, `YYYY-MM`.")
    first_day: date = Field(description="The month's first day inside the window.")
    last_day: date = Field(description="The month's last day inside the window.")
    partial: bool = Field(
        description="The window covers only part of this month (its first or last month), "
        "so its counts are not comparable with a whole month's."
    )
    new_cases: int
    interventions_held: int
    admissions: int
    check_ins: int
    discharges: int
    completed_discharges: int


class ReportSummary(BaseModel):
    window: ReportWindow
    filters: ReportFilters
    generated_at: datetime
    cases_by_status: CasesByStatus
    new_cases: int = Field(description="Cases opened in the window.")
    open_alerts: OpenAlerts
    overdue_tasks: Ratio = Field(description="Open tasks past due / open tasks with a due time.")
    overdue_follow_ups: Ratio | None = Field(
        description="Open aftercare follow-ups past due / open follow-ups; null when unavailable."
    )
    overdue_follow_ups_unavailable_reason: str | None
    check_in_adherence: CheckInAdherence
    treatment_entry: Ratio
    treatment_entry_by_model: list[ModelEntry]
    days_intake_to_intervention: MedianDays
    days_intervention_to_admission: MedianDays
    treatment_completion: Ratio
    follow_up_completion: FollowUpCompletion
    goals_achieved: Ratio
    attention: Attention
    series: list[SeriesPoint]
