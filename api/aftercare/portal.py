"""The aftercare plan as each person sees it in the portal: their own part, nothing else.

The client sees their coping strategies, warning signs, emergency contacts, the resources
chosen for them (with the next meeting times in each resource's own time zone) and the next
follow-up. A family member sees their own commitment and the resources chosen for them or
named in their own support. Neither sees the other's sections, nor the plan's notes, the
escalation agreement, medication or other participants' entries."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.models import AftercareFollowUp, AftercarePlan, FollowUpKind, FollowUpStatus
from api.aftercare.schemas import (
    NextMeeting,
    PortalAftercare,
    PortalChosenResource,
    PortalEmergencyContact,
    PortalFollowUp,
)
from api.core import clock, zones
from api.resources.models import DayOfWeek, Resource
from api.resources.service import load_active_by_ids

NEXT_MEETINGS = 3


def _plan_of(session: Session, case_id: uuid.UUID) -> AftercarePlan | None:
    return session.scalar(select(AftercarePlan).where(col(AftercarePlan.case_id) == case_id))


def _chosen(plan: AftercarePlan, participant_id: uuid.UUID | None) -> list[tuple[uuid.UUID, str]]:
    """(resource id, note) chosen for this person, in the plan's order, each once."""
    me = "client" if participant_id is None else str(participant_id)
    picked = [(r["resource_id"], r.get("note") or "") for r in plan.resources if r["for"] == me]
    if participant_id is not None:
        picked += [
            (s["resource_id"], "")
            for s in plan.family_support
            if s["participant_id"] == me and s.get("resource_id")
        ]
    seen: set[str] = set()
    unique = []
    for resource_id, note in picked:
        if resource_id not in seen:
            seen.add(resource_id)
            unique.append((uuid.UUID(resource_id), note))
    return unique


def chosen_for(
    session: Session, case_id: uuid.UUID, participant_id: uuid.UUID | None
) -> list[uuid.UUID]:
    """The directory resources chosen for the client (`participant_id` None) or a participant
    in the case's aftercare plan, in the plan's order (api/portal/resources.py lists them first)."""
    plan = _plan_of(session, case_id)
    return [] if plan is None else [resource_id for resource_id, _ in _chosen(plan, participant_id)]


def next_meetings(
    resource: Resource, now: datetime, count: int = NEXT_MEETINGS
) -> list[NextMeeting]:
    """The next `count` meetings of a weekly schedule, at their wall-clock time in the
    resource's zone (so 7 pm stays 7 pm across daylight-saving changes)."""
    tz = zones.zone(resource.time_zone)
    today = zones.local_date(now, tz)
    upcoming: list[NextMeeting] = []
    for week in range(2):
        for meeting in resource.meetings:
            day = DayOfWeek(meeting["day_of_week"]).iso_number
            on = today + timedelta(days=(day - today.isoweekday()) % 7 + 7 * week)
            starts = _at(on, meeting["start_time"], tz)
            ends = _at(on, meeting["end_time"], tz)
            if ends <= starts:
                ends += timedelta(days=1)  # a meeting that ends after midnight
            if starts > now:
                upcoming.append(
                    NextMeeting(
                        starts_at=starts,
                        ends_at=ends,
                        local_start=f"{on.isoformat()}T{meeting['start_time'][:5]}",
                        text=zones.time_text(starts, tz),
                    )
                )
    upcoming.sort(key=lambda m: m.starts_at)
    return upcoming[:count]


def _at(day: date, hh_mm: str, tz: ZoneInfo) -> datetime:
    hour, minute = (int(part) for part in hh_mm.split(":")[:2])
    return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)


def _resources(
    session: Session, organization_id: uuid.UUID, chosen: list[tuple[uuid.UUID, str]]
) -> list[PortalChosenResource]:
    notes = dict(chosen)
    now = clock.now()
    found = load_active_by_ids(session, organization_id, [resource_id for resource_id, _ in chosen])
    return [
        PortalChosenResource(
            resource_id=r.id,
            name=r.name,
            kind=r.kind,
            format=r.format,
            fellowship=r.fellowship,
            note=notes.get(r.id, ""),
            address=", ".join(p for p in (r.address_line, r.city, r.region) if p) or None,
            online_url=r.online_url,
            phone=r.phone,
            phone_extension=r.phone_extension,
            website=r.website,
            time_zone=r.time_zone,
            next_meetings=next_meetings(r, now),
            schedule_note=r.schedule_note,
        )
        for r in found
    ]


def portal_aftercare(
    session: Session,
    organization_id: uuid.UUID,
    case_id: uuid.UUID,
    participant_id: uuid.UUID | None,
) -> PortalAftercare | None:
    """My part of the plan; None until the plan exists (the expected state, not an error)."""
    plan = _plan_of(session, case_id)
    if plan is None:
        return None
    resources = _resources(session, organization_id, _chosen(plan, participant_id))
    if participant_id is not None:
        me = str(participant_id)
        mine = [s for s in plan.family_support if s["participant_id"] == me]
        commitment = "\n\n".join(s["commitment"] for s in mine if s.get("commitment")) or None
        return PortalAftercare(
            kind="participant",
            started_at=plan.started_at,
            my_commitment=commitment,
            resources=resources,
        )
    prevention = plan.relapse_prevention
    return PortalAftercare(
        kind="client",
        started_at=plan.started_at,
        coping_strategies=list(prevention.get("coping_strategies", [])),
        warning_signs=list(prevention.get("warning_signs", [])),
        emergency_contacts=[
            PortalEmergencyContact(
                name=c["name"], relationship=c.get("relationship", ""), phone=c["phone"]
            )
            for c in plan.emergency_contacts
        ],
        resources=resources,
        next_follow_up=_next_follow_up(session, plan),
    )


def _next_follow_up(session: Session, plan: AftercarePlan) -> PortalFollowUp | None:
    upcoming = session.scalar(
        select(AftercareFollowUp)
        .where(
            col(AftercareFollowUp.plan_id) == plan.id,
            col(AftercareFollowUp.status) == FollowUpStatus.open.value,
            col(AftercareFollowUp.due_at) >= clock.now(),
        )
        .order_by(col(AftercareFollowUp.due_at))
        .limit(1)
    )
    if upcoming is None:
        return None
    return PortalFollowUp(due_at=upcoming.due_at, kind=FollowUpKind(upcoming.kind))
