"""The window and the cases a report covers, shared by the summary and the CSV exports."""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseTeamMember, InterventionModel, TeamRole
from api.cases.service import visible_to
from api.core import clock
from api.core.problems import FieldError, Forbidden, NotFound, UnprocessableContent
from api.organizations.service import time_zone_of
from api.users.models import User

MAX_YEARS = 5
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


class Month(NamedTuple):
    """A calendar month of a report window, in the practice's zone."""

    label: str  # YYYY-MM
    starts_at: datetime  # UTC; the window's start for its first month
    first_day: date  # inside the window
    last_day: date
    partial: bool  # the window cuts it


@dataclass(frozen=True)
class Window:
    """Whole local days `from_date`..`to_date` (inclusive) in `tz`, as UTC [starts_at, ends_at)."""

    from_date: date
    to_date: date
    tz: ZoneInfo
    starts_at: datetime
    ends_at: datetime

    def months(self) -> list[Month]:
        """Each calendar month the window touches, in order, with the part of it inside."""
        found: list[Month] = []
        year, month = self.from_date.year, self.from_date.month
        while (year, month) <= (self.to_date.year, self.to_date.month):
            first = date(year, month, 1)
            last = date(year, month, calendar.monthrange(year, month)[1])
            found.append(
                Month(
                    label=f"{year:04d}-{month:02d}",
                    starts_at=max(_local_midnight(first, self.tz), self.starts_at),
                    first_day=max(first, self.from_date),
                    last_day=min(last, self.to_date),
                    partial=first < self.from_date or last > self.to_date,
                )
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


@dataclass(frozen=True)
class Scope:
    """The cases a report covers: what `staff` may see, narrowed by lead and model."""

    staff: Staff
    lead_id: uuid.UUID | None
    model: str | None

    @property
    def organization_id(self) -> uuid.UUID:
        return self.staff.organization_id

    def case_conditions(self) -> list[Any]:
        conditions = visible_to(self.staff)
        if self.lead_id is not None:
            conditions.append(
                exists().where(
                    col(CaseTeamMember.case_id) == col(Case.id),
                    col(CaseTeamMember.user_id) == self.lead_id,
                    col(CaseTeamMember.role) == TeamRole.lead.value,
                )
            )
        if self.model == InterventionModel.other.value:
            # A case with no model yet is reported under "other" (treatment entry by model),
            # so filtering on "other" takes it too.
            conditions.append(
                or_(
                    col(Case.intervention_model) == self.model,
                    col(Case.intervention_model).is_(None),
                )
            )
        elif self.model is not None:
            conditions.append(col(Case.intervention_model) == self.model)
        return conditions

    @property
    def whole_organization(self) -> bool:
        return self.staff.sees_every_case and self.lead_id is None and self.model is None

    def covers(self, case_id_column: Any, organization_column: Any) -> Any:
        """The condition on another table's rows (by its case and organisation columns)."""
        if self.whole_organization:
            return organization_column == self.organization_id
        cases = select(col(Case.id)).where(*self.case_conditions())
        return (organization_column == self.organization_id) & case_id_column.in_(cases)


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def window_for(
    session: Session, organization_id: uuid.UUID, from_date: date | None, to_date: date | None
) -> Window:
    """The report window: by default the last 12 months up to today in the practice's zone;
    an end date after today is read as today.

    Errors: 422 (`validation-error`, field `from`) when `from` is after `to` or after
    today, or the window spans more than 5 years."""
    for name, day in (("from", from_date), ("to", to_date)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise UnprocessableContent(
                f"The {'start' if name == 'from' else 'end'} date must fall between "
                f"{EARLIEST} and {LATEST}.",
                errors=[FieldError(loc=["query", name], msg="out of range", type="value_error")],
            )
    tz = time_zone_of(session, organization_id)
    today = clock.now().astimezone(tz).date()
    if from_date is not None and from_date > today:
        raise UnprocessableContent(
            f"The start date is after today ({today} in the practice's time zone).",
            errors=[FieldError(loc=["query", "from"], msg="after today", type="value_error")],
        )
    # Nothing has happened after today: a later end date reports up to today, so no
    # month of the future is drawn as a month of zeros.
    to_date = min(to_date, today) if to_date is not None else today
    from_date = from_date or _years_before(to_date, 1) + timedelta(days=1)
    if from_date > to_date:
        raise UnprocessableContent(
            "The start date is after the end date.",
            errors=[
                FieldError(loc=["query", "from"], msg="after the end date", type="value_error")
            ],
        )
    if from_date <= _years_before(to_date, MAX_YEARS):
        raise UnprocessableContent(
            f"A report covers at most {MAX_YEARS} years.",
            errors=[
                FieldError(
                    loc=["query", "from"],
                    msg=f"window longer than {MAX_YEARS} years",
                    type="value_error",
                )
            ],
        )
    return Window(
        from_date,
        to_date,
        tz,
        _local_midnight(from_date, tz),
        _local_midnight(to_date + timedelta(days=1), tz),
    )


def scope_for(
    session: Session, staff: Staff, lead_id: uuid.UUID | None, model: str | None
) -> Scope:
    """Errors: 404 when `lead_id` is no user of the caller's organisation; 403 when an
    interventionist asks for another lead's cases (they see only their own team's)."""
    if lead_id is not None:
        lead = session.get(User, lead_id)
        if lead is None or lead.organization_id != staff.organization_id:
            raise NotFound("No user with that id in your organization.")
        if not staff.sees_every_case and lead_id != staff.id:
            raise Forbidden("Interventionists see reports over their own cases only.")
    return Scope(staff, lead_id, model)
