"""The portal's list of support (DESIGN.md §4 Resources): the practice's own directory first,
the resources chosen for this person at its head, then the always-available national lines
(US national services), which stay as the safety net whatever the directory holds.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from api.aftercare.portal import chosen_for
from api.auth.dependencies import Portal
from api.core import clock
from api.portal.schemas import PortalResource
from api.resources.models import Audience, Resource, ResourceKind
from api.resources.schedule import next_meeting_starts
from api.resources.service import active_resources, load_active_by_ids

NATIONAL_RESOURCES = [
    PortalResource(
        source="national",
        name="988 Suicide & Crisis Lifeline",
        kind=ResourceKind.crisis_line,
        audience="everyone",
        description="Free, confidential support 24/7 for anyone in distress, including substance-use crises.",
        contact="Call or text 988",
        phone="988",
        website="https://988lifeline.org",
        schedule_note="24/7",
    ),
    PortalResource(
        source="national",
        name="Emergency services",
        kind=ResourceKind.crisis_line,
        audience="everyone",
        description="If someone may have overdosed, is not breathing, or is in danger, call now. Use naloxone if you have it.",
        contact="Call 911",
        phone="911",
        schedule_note="24/7",
    ),
    PortalResource(
        source="national",
        name="SAMHSA National Helpline",
        kind=ResourceKind.crisis_line,
        audience="everyone",
        description="Free, confidential treatment referral and information, 24/7, in English and Spanish.",
        contact="1-800-662-4357",
        phone="1-800-662-4357",
        website="https://www.samhsa.gov/find-help/helplines/national-helpline",
        schedule_note="24/7",
        languages=["en", "es"],
    ),
    PortalResource(
        source="national",
        name="SMART Recovery",
        kind=ResourceKind.mutual_help,
        audience="client",
        description="Science-based mutual-help meetings, in person and online.",
        contact="smartrecovery.org",
        website="https://smartrecovery.org",
    ),
    PortalResource(
        source="national",
        name="Alcoholics Anonymous / Narcotics Anonymous",
        kind=ResourceKind.mutual_help,
        audience="client",
        description="Twelve-step meetings in most towns and online, every day.",
        contact="aa.org · na.org",
        website="https://www.aa.org",
    ),
    PortalResource(
        source="national",
        name="Al-Anon and Nar-Anon Family Groups",
        kind=ResourceKind.family_support,
        audience="family",
        description="Support groups for families and friends of someone who drinks or uses.",
        contact="al-anon.org · nar-anon.org",
        website="https://al-anon.org",
    ),
    PortalResource(
        source="national",
        name="SMART Recovery Family & Friends",
        kind=ResourceKind.family_support,
        audience="family",
        description="CRAFT-based meetings that help families support a loved one's change.",
        contact="smartrecovery.org/family",
        website="https://smartrecovery.org/family",
    ),
]


def chosen_resource_ids_for(session: Session, portal: Portal) -> list[uuid.UUID]:
    """The directory resources chosen for this person (the client, or the participant the
    account belongs to) in their case's aftercare plan, in the plan's order.

    Filled by the aftercare plan (api/aftercare/portal.py)."""
    return chosen_for(session, portal.account.case_id, portal.account.participant_id)


def _is_client(portal: Portal) -> bool:
    return portal.account.participant_id is None


def _address(resource: Resource) -> str | None:
    parts = [resource.address_line, resource.city, resource.region, resource.postal_code]
    line = ", ".join(p for p in parts if p)
    return line or None


def _from_directory(resource: Resource, chosen: bool) -> PortalResource:
    upcoming = next_meeting_starts(resource, clock.now(), limit=1)
    return PortalResource.model_validate(
        {
            **resource.model_dump(),
            "source": "practice",
            "chosen": chosen,
            "address": _address(resource),
            "next_meeting_at": upcoming[0] if upcoming else None,
        }
    )


def resources_for(session: Session, portal: Portal) -> list[PortalResource]:
    """This person's list: chosen resources (active, of their practice) first in the plan's
    order, then the practice's other active resources for their audience by name, then the
    national lines for everyone and for their audience. Two queries at most."""
    audience = Audience.client if _is_client(portal) else Audience.family
    chosen_ids = chosen_resource_ids_for(session, portal)
    chosen = load_active_by_ids(session, portal.organization_id, chosen_ids)
    rest = [
        r
        for r in active_resources(
            session, portal.organization_id, {audience.value, Audience.both.value}
        )
        if r.id not in set(chosen_ids)
    ]
    national = [r for r in NATIONAL_RESOURCES if r.audience in ("everyone", audience.value)]
    return [
        *(_from_directory(r, chosen=True) for r in chosen),
        *(_from_directory(r, chosen=False) for r in rest),
        *national,
    ]
