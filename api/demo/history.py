"""A year of closed cases behind the demo practice, so the reports dashboard has a story:
cases opened month by month over the last 12 months, several intervention models, clients who
entered treatment (some before any formal intervention, as invitational models allow) and some
who declined, completed and early discharges, and the weekly check-ins along the way, asked
for by a weekly check-in schedule from the admission until the case closed.

These are history rows written directly (they happened before the practice used Cairn's live
services), dated in the past, except the check-in schedules, which are made and switched off
through the live service so the check-ins they asked for are marked as on schedule; everything
is fictional."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from api.auth.dependencies import Staff
from api.cases.models import Case, CaseEvent, CaseOutcome, CaseTeamMember, TeamRole
from api.checkins.models import CheckIn
from api.checkins.schedules import add_schedule, update_schedule
from api.checkins.schemas import ScheduleCreate, ScheduleUpdate
from api.consents.models import Consent
from api.core import clock
from api.demo.stories import substances_for, summary_for
from api.plans.models import InterventionPlan
from api.referrals.models import Referral
from api.treatment_centers.models import TreatmentCenter

HISTORY_CASES = 48
# (model, chance the client entered treatment) — a practice a little under the published rates.
MODELS = [
    ("johnson", 0.55),
    ("love_first", 0.6),
    ("arise", 0.75),
    ("craft", 0.6),
    ("systemic_family", 0.65),
]
FIRST_NAMES = [
    "Avery",
    "Blake",
    "Casey",
    "Devon",
    "Emery",
    "Finley",
    "Gray",
    "Harper",
    "Jesse",
    "Kai",
]
LAST_NAMES = [
    "Ashford",
    "Bellamy",
    "Corbin",
    "Delgado",
    "Ellison",
    "Fairbanks",
    "Garrison",
    "Holloway",
]


def seed_history(
    session: Session,
    rng: random.Random,
    organization_id: uuid.UUID,
    leads: list[Staff],
    centers: list[TreatmentCenter],
    *,
    first_index: int = 0,
) -> int:
    """Adds HISTORY_CASES closed cases opened over the last year; returns how many.
    `first_index` is the number of live cases: the history's substances and summaries take
    turns after theirs."""
    now = clock.now()
    rows: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("cases", "team", "events", "plans", "consents", "referrals", "check_ins")
    }
    # (case, lead, admitted, closed): a client check-in schedule on and off at those times.
    schedules: list[tuple[uuid.UUID, Staff, datetime, datetime]] = []
    for n in range(HISTORY_CASES):
        opened = now - timedelta(days=365 - n * 7 - rng.randint(0, 5), hours=rng.randint(0, 8))
        model, entry_chance = MODELS[n % len(MODELS)]
        lead = leads[n % len(leads)].user
        first_name, last_name = _client_name(n)
        primary, substances = substances_for(first_index + n)
        case_id = uuid.uuid4()
        entered = rng.random() < entry_chance
        invited_in = model in ("arise", "craft") and entered and rng.random() < 0.4
        # Held in the past, even for the cases opened in the last weeks.
        held = (
            None
            if invited_in
            else min(opened + timedelta(days=rng.randint(14, 45)), now - timedelta(days=3))
        )
        admitted = (
            (held or opened) + timedelta(days=rng.randint(1, 8) if held else rng.randint(10, 30))
            if entered
            else None
        )
        if admitted is not None and admitted > now - timedelta(days=5):
            admitted, entered = None, False  # too recent to be history: counted as declined
        # A closed history case has ended every stay it began.
        discharged = (
            min(admitted + timedelta(days=rng.randint(21, 60)), now - timedelta(days=3))
            if admitted
            else None
        )
        completed = discharged is not None and rng.random() < 0.7
        outcome = (
            CaseOutcome.completed_treatment
            if completed
            else CaseOutcome.entered_treatment
            if entered
            else CaseOutcome.declined_treatment
        )
        last = max(t for t in (opened, held, admitted, discharged) if t is not None)
        closed_at = min(last + timedelta(days=rng.randint(7, 30)), now - timedelta(days=1))
        rows["cases"].append(
            {
                "id": case_id,
                "organization_id": organization_id,
                "reference": f"C-H-{n + 1:04d}",
                "client_first_name": first_name,
                "client_last_name": last_name,
                "primary_substance": primary,
                "substances": substances,
                "risk_flags": [],
                "intervention_model": model,
                "status": "closed",
                "outcome": outcome.value,
                "summary": summary_for(first_index + n),
                "created_by_id": lead.id,
                "created_at": opened,
                "updated_at": closed_at,
                "version": 1,
                "search_key": f"{first_name} {last_name}".lower(),
            }
        )
        rows["team"].append(
            {
                "case_id": case_id,
                "user_id": lead.id,
                "role": TeamRole.lead.value,
                "added_at": opened,
            }
        )
        rows["events"].append(
            {
                "id": uuid.uuid4(),
                "case_id": case_id,
                "at": closed_at,
                "actor_id": lead.id,
                "kind": "status_changed",
                "from_status": "intake",
                "to_status": "closed",
                "reason": "Imported history.",
                "outcome": outcome.value,
                "details": {},
            }
        )
        if held is not None:
            rows["plans"].append(
                {
                    "id": uuid.uuid4(),
                    "case_id": case_id,
                    "organization_id": organization_id,
                    "model": model,
                    "status": "delivered",
                    "held_at": held,
                    "result": "accepted" if entered else "declined",
                    "speaking_order": [],
                    "contributions": [],
                    "treatment_options": [],
                    "contingencies": [],
                    "rehearsals": [],
                    "sections": [],
                    "created_at": opened,
                    "updated_at": held,
                    "version": 1,
                }
            )
        if admitted is not None:
            center = centers[n % len(centers)]
            consent_id = uuid.uuid4()
            patient = f"{first_name} {last_name}"
            rows["consents"].append(
                {
                    "id": consent_id,
                    "case_id": case_id,
                    "organization_id": organization_id,
                    "patient_name": patient,
                    "disclosing_party": "Harbor Light Interventions",
                    "recipient_treatment_center_id": center.id,
                    "purpose": "Referral for treatment",
                    "information_description": "Minimum necessary for admission",
                    "signed_by": patient,
                    "signer_relationship": "self",
                    "signed_at": admitted - timedelta(days=2),
                    "signature_method": "electronic_signature",
                    "created_by_id": lead.id,
                    "created_at": admitted - timedelta(days=2),
                    "expiration_event": "on_case_closed",
                }
            )
            rows["referrals"].append(
                {
                    "id": uuid.uuid4(),
                    "case_id": case_id,
                    "organization_id": organization_id,
                    "treatment_center_id": center.id,
                    "consent_id": consent_id,
                    "level_of_care": rng.choice(["3.5", "3.7", "2.1"]),
                    "summary": (
                        "Residential treatment at the family's invitation, before any formal "
                        "intervention."
                        if held is None
                        else "Residential treatment after the family's intervention."
                    ),
                    "status": "discharged" if discharged else "admitted",
                    "admitted_at": admitted,
                    "discharged_at": discharged,
                    "discharge_reason": (
                        ("completed" if completed else "left_against_advice")
                        if discharged
                        else None
                    ),
                    "sent_at": admitted - timedelta(days=2),
                    "created_by_id": lead.id,
                    "created_at": admitted - timedelta(days=2),
                    "updated_at": discharged or admitted,
                    "version": 1,
                }
            )
            schedules.append((case_id, leads[n % len(leads)], admitted, closed_at))
            week = admitted + timedelta(days=7)
            while week < closed_at:
                if rng.random() < 0.8:  # most weeks, not all
                    days_used = 0 if rng.random() < 0.85 else 1
                    rows["check_ins"].append(
                        {
                            "id": uuid.uuid4(),
                            "case_id": case_id,
                            "organization_id": organization_id,
                            "submitted_by_kind": "staff",
                            "submitted_by_id": lead.id,
                            "submitted_at": week,
                            "period_days": 7,
                            "days_used": days_used,
                            "substances_used": [primary] if days_used else [],
                            "goal_updates": [],
                            "craving": rng.randint(0, 2),
                            "confidence": rng.randint(2, 4),
                            "safety_overdose": False,
                            "safety_self_harm_thoughts": False,
                            "safety_violence": False,
                            "risk_level": "low",
                        }
                    )
                week += timedelta(days=7)
    for table, key in (
        (Case, "cases"),
        (CaseTeamMember, "team"),
        (CaseEvent, "events"),
        (InterventionPlan, "plans"),
        (Consent, "consents"),
        (Referral, "referrals"),
        (CheckIn, "check_ins"),
    ):
        if rows[key]:
            session.execute(insert(table), rows[key])
    # Through the live service, after the check-ins: adding a schedule marks the check-ins it
    # asked for as on schedule, and switching it off at the close dates its last change, up to
    # which the reports count the check-ins it expected.
    for case_id, principal, admitted, closed_at in schedules:
        case = session.get_one(Case, case_id)
        with clock.frozen_at(admitted):
            schedule = add_schedule(
                session,
                principal,
                case,
                ScheduleCreate(respondent="client", cadence_days=7, grace_hours=48),
            )
        with clock.frozen_at(closed_at):
            update_schedule(session, principal, schedule, ScheduleUpdate(active=False))
    return HISTORY_CASES


def _client_name(n: int) -> tuple[str, str]:
    """The n-th history client's name, no two alike: each first name meets the last names in
    a different order on each pass (10 first and 8 last names give 80 distinct pairs)."""
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n + 3 * (n // len(FIRST_NAMES))) % len(LAST_NAMES)]
    return first, last
