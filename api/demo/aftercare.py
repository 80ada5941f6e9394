"""Aftercare in the demo practice: full plans for the cases that reached aftercare, follow-ups
done (with their outcomes) and due, one left overdue, and one relapse that was escalated back
to treatment with a draft referral. Built through the real services, back-dated."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare import follow_ups
from api.aftercare.escalation import escalate
from api.aftercare.models import AftercarePlan, FollowUpStatus
from api.aftercare.schemas import AftercareUpdate, FollowUpUpdate
from api.aftercare.service import find_plan, save_plan, touch
from api.auth.dependencies import Staff
from api.cases.models import Case, CaseStatus, CaseTeamMember, TeamRole
from api.checkins.schemas import CheckInAnswers
from api.checkins.service import submit_check_in
from api.core import clock
from api.core.audit import AuditContext
from api.demo.centers import RIVERSIDE, Directory
from api.participants.models import Participant
from api.resources.models import Resource
from api.users.models import User

OUTCOMES = [
    "Reached by phone. Sober since discharge; goes to three meetings a week and has a sponsor.",
    "Video call with the client and family. Back at work full time; cravings rare and managed.",
    "Home visit. Still in sober living; family says communication is calmer than in years.",
    "Phone call. One hard week after a funeral; called the sponsor and did not drink.",
    "Call with the client. Finished intensive outpatient; continuing weekly counseling.",
]
FAMILY_COMMITMENTS = [
    "Go to the {group} every week for my own recovery; no more covering for missed work.",
    "Keep no alcohol at home; say how I feel calmly, without lectures, using the CRAFT skills.",
    "Call the interventionist, not rescue, if I see the warning signs.",
]
RELAPSE_REASON = (
    "Use on three days reported in the weekly check-in; the family called as agreed. "
    "Stepping up to intensive outpatient as the escalation agreement says."
)


def _lead(session: Session, case: Case) -> Staff:
    user = session.scalar(
        select(User)
        .join(CaseTeamMember, col(CaseTeamMember.user_id) == col(User.id))
        .where(
            col(CaseTeamMember.case_id) == case.id,
            col(CaseTeamMember.role) == TeamRole.lead.value,
        )
    )
    assert user is not None
    ctx = AuditContext("staff", user.id, user.organization_id, "127.0.0.1", "cairn seed-demo", None)
    return Staff(user=user, ctx=ctx)


def _by_name(session: Session, organization_id: uuid.UUID) -> dict[str, Resource]:
    found = session.scalars(
        select(Resource).where(col(Resource.organization_id) == organization_id)
    )
    return {r.name: r for r in found}


def _pick(resources: dict[str, Resource], *names: str) -> Resource | None:
    return next((resources[n] for n in names if n in resources), None)


def _plan_body(
    case: Case,
    family: list[Participant],
    resources: dict[str, Resource],
    directory: Directory,
    nth: int,
) -> dict[str, Any]:
    substance = case.primary_substance or "alcohol"
    client_groups = [
        _pick(resources, "Lakeview Serenity Group", "Clean and Serene NA"),
        _pick(resources, "SMART Recovery Evanston", "SMART Recovery Online Lunchtime"),
    ]
    family_groups = [
        _pick(resources, "Hope Family Group"),
        _pick(resources, "CRAFT Family Skills Group"),
        _pick(resources, "Oak Park Nar-Anon Family Group"),
    ]
    sober_house = _pick(resources, "Maple House Sober Living")
    coach = _pick(resources, "Jamie Ortiz, CPRS, Recovery Coach")
    center = directory.centers[RIVERSIDE]
    chosen: list[dict[str, Any]] = [
        {"resource_id": str(r.id), "for": "client", "note": "Home group: go at least twice a week."}
        for r in client_groups
        if r is not None
    ]
    if coach is not None:
        chosen.append(
            {"resource_id": str(coach.id), "for": "client", "note": "Weekly check-in call."}
        )
    support = []
    for i, person in enumerate(family[:3]):
        group = family_groups[i % len(family_groups)]
        commitment = FAMILY_COMMITMENTS[i % len(FAMILY_COMMITMENTS)].format(
            group=group.name if group else "family group"
        )
        support.append(
            {
                "participant_id": str(person.id),
                "resource_id": str(group.id) if group else None,
                "commitment": commitment,
            }
        )
        if group is not None:
            chosen.append({"resource_id": str(group.id), "for": str(person.id), "note": ""})
    contacts = [
        {
            "name": p.full_name,
            "relationship": p.relationship,
            "phone": p.phone or "+1 555 0100 0000",
            "participant_id": str(p.id),
        }
        for p in family[:2]
    ]
    contacts.append(
        {"name": "Sponsor (Sam)", "relationship": "sponsor", "phone": "+1 555 0142 7788"}
    )
    return {
        "relapse_prevention": {
            "triggers": ["Payday Fridays", "Arguments about money", f"Old {substance} friends"],
            "warning_signs": [
                "Skipping meetings",
                "Staying out late without calling",
                "Irritability",
            ],
            "high_risk_situations": [
                "Work events with an open bar",
                "Being home alone on weekends",
            ],
            "coping_strategies": [
                "Call the sponsor before 9 pm",
                "Leave any party within an hour",
                "HALT: eat, rest and call someone when hungry, angry, lonely or tired",
            ],
        },
        "emergency_contacts": contacts,
        "resources": chosen,
        "sober_living": {"resource_id": str(sober_house.id), "name": sober_house.name}
        if sober_house is not None and nth % 2 == 0
        else None,
        "outpatient": {
            "treatment_center_id": str(center.id),
            "name": f"{center.name} intensive outpatient",
            "level_of_care": "2.1",
        },
        "medication": _medication(substance),
        "family_support": support,
        "escalation_agreement": {
            "relapse_definition": f"Any {substance} use, or two missed check-ins in a row.",
            "next_level_of_care": "2.1",
            "treatment_center_id": str(center.id),
            "who_calls": "The family calls the interventionist the same day; the interventionist "
            f"calls {center.name} intake.",
            "agreed_by": ["client", *(str(p.id) for p in family[:3])],
        },
        "notes": "Agreed at the family meeting before discharge.",
    }


def _medication(substance: str) -> dict[str, str]:
    """Medication for an alcohol or opioid use disorder; none for the other substances."""
    if substance == "alcohol":
        return {"kind": "naltrexone", "prescriber": "Dr. Anita Rao", "notes": "50 mg daily"}
    if "opioid" in substance:
        return {"kind": "buprenorphine", "prescriber": "Dr. Anita Rao", "notes": "Weekly visits"}
    return {
        "kind": "none",
        "notes": "No approved medication for this disorder; counseling and groups.",
    }


def seed_plan(session: Session, directory: Directory, case: Case) -> None:
    """A full plan for a case whose aftercare began (its plan opened then), saved two hours
    later; called before the case's check-ins, so a relapse alert names the agreement."""
    plan = find_plan(session, case)
    if plan is None:
        return
    family = list(
        session.scalars(
            select(Participant)
            .where(col(Participant.case_id) == case.id)
            .order_by(col(Participant.created_at), col(Participant.id))
        )
    )
    resources = _by_name(session, case.organization_id)
    body = _plan_body(case, family, resources, directory, int(case.reference[-4:]))
    body["escalation_agreement"]["agreed_at"] = plan.started_at.isoformat()
    with clock.frozen_at(plan.started_at + timedelta(hours=2)):
        save_plan(session, _lead(session, case), case, plan, AftercareUpdate.model_validate(body))


def seed_aftercare(session: Session, organization_id: uuid.UUID) -> None:
    """After every case is seeded: past follow-ups done with their outcomes (one left
    overdue), and the first case in aftercare relapsed and escalated."""
    now = clock.now()
    cases = session.scalars(
        select(Case)
        .join(AftercarePlan, col(AftercarePlan.case_id) == col(Case.id))
        .where(col(Case.organization_id) == organization_id)
        .order_by(col(Case.reference))
    ).all()
    in_aftercare = [c for c in cases if c.status == CaseStatus.aftercare.value]
    for case in cases:
        plan = find_plan(session, case)
        assert plan is not None
        lead = _lead(session, case)
        keep_overdue = len(in_aftercare) > 1 and case is in_aftercare[1]
        # Due before now, and before the case closed if it did (closing cancelled the rest).
        past = [
            f
            for f in follow_ups.list_for(session, plan)
            if f.due_at < now
            and (
                f.status == FollowUpStatus.open.value
                or (f.completed_at is not None and f.due_at < f.completed_at)
            )
        ]
        for i, follow_up in enumerate(past):
            if keep_overdue and follow_up is past[-1]:
                continue  # left open: the follow-up job raises its alert
            with clock.frozen_at(follow_up.due_at - timedelta(hours=6)):
                follow_ups.update(
                    session,
                    lead,
                    case,
                    follow_up,
                    FollowUpUpdate(status=FollowUpStatus.done, outcome_note=OUTCOMES[i % 5]),
                )
                touch(session, lead, plan, "follow-up done")
    if in_aftercare:
        _relapse_and_escalate(session, in_aftercare[0])


def _relapse_and_escalate(session: Session, case: Case) -> None:
    lead = _lead(session, case)
    now = clock.now()
    with clock.frozen_at(now - timedelta(days=3)):
        submit_check_in(
            session,
            lead.ctx,
            case,
            None,
            CheckInAnswers(
                days_used=3,
                substances_used=[case.primary_substance or "alcohol"],
                craving=3,
                confidence=1,
                note="Relapsed after a hard week at work.",
            ),
        )
    with clock.frozen_at(now - timedelta(days=2)):
        escalate(session, lead, case, RELAPSE_REASON)
