"""A case as one FHIR R4 `collection` Bundle (DESIGN.md §4 Interoperability), and a partner's
referral as the minimum Bundle; both loaded in a fixed number of queries."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col

from api.aftercare.models import AftercareFollowUp, AftercarePlan
from api.auth.dependencies import Partner, Staff
from api.cases.models import Case
from api.checkins.models import CheckIn
from api.consents.models import REDISCLOSURE_NOTICE, Consent
from api.core import audit, clock
from api.core.audit import AuditAction
from api.goals.models import Goal, GoalMeasurement
from api.interop import checkins, referrals, resources
from api.interop.fhir import Resource, bundle, ref
from api.organizations.models import Organization
from api.participants.models import Participant
from api.plans.models import InterventionPlan
from api.referrals.models import Referral
from api.tasks.models import Task, TaskPhase
from api.treatment_centers.models import TreatmentCenter

Row = TypeVar("Row", bound=SQLModel)
AFTERCARE_PHASES = {TaskPhase.aftercare.value, TaskPhase.follow_up.value}


def _of_case(session: Session, model: type[Row], case: Case, *order: Any) -> list[Row]:
    return list(
        session.scalars(
            select(model).where(col(model.case_id) == case.id).order_by(*order)  # type: ignore[attr-defined]
        )
    )


def case_bundle(session: Session, staff: Staff, case: Case) -> Resource:
    """Every part of the case a receiving EHR can use, as one Bundle whose references all
    resolve to its own entries. Audited as one `export` of the case."""
    organization = session.get(Organization, case.organization_id)
    assert organization is not None
    participants = _of_case(session, Participant, case, col(Participant.created_at))
    plan = session.scalar(select(InterventionPlan).where(col(InterventionPlan.case_id) == case.id))
    aftercare = session.scalar(select(AftercarePlan).where(col(AftercarePlan.case_id) == case.id))
    tasks = _of_case(session, Task, case, col(Task.created_at), col(Task.id))
    goals = _of_case(session, Goal, case, col(Goal.created_at), col(Goal.id))
    measurements = (
        list(
            session.scalars(
                select(GoalMeasurement)
                .where(col(GoalMeasurement.goal_id).in_([g.id for g in goals]))
                .order_by(col(GoalMeasurement.measured_at), col(GoalMeasurement.id))
            )
        )
        if goals
        else []
    )
    check_ins = _of_case(session, CheckIn, case, col(CheckIn.submitted_at), col(CheckIn.id))
    consents = _of_case(session, Consent, case, col(Consent.signed_at), col(Consent.id))
    case_referrals = _of_case(session, Referral, case, col(Referral.created_at), col(Referral.id))
    follow_up_tasks = (
        {
            f.task_id
            for f in session.scalars(
                select(AftercareFollowUp).where(col(AftercareFollowUp.plan_id) == aftercare.id)
            )
            if f.task_id
        }
        if aftercare
        else set()
    )
    center_ids = {r.treatment_center_id for r in case_referrals} | {
        c.recipient_treatment_center_id for c in consents if c.recipient_treatment_center_id
    }
    centers = (
        list(
            session.scalars(
                select(TreatmentCenter)
                .where(col(TreatmentCenter.id).in_(center_ids))
                .order_by(col(TreatmentCenter.name))
            )
        )
        if center_ids
        else []
    )
    center_names = {c.id: c.name for c in centers}
    names = {p.id: p.full_name for p in participants}
    practice_ref = ref("Organization", organization.id, organization.name)

    entries: list[Resource] = [
        resources.patient(case, organization),
        resources.practice(organization),
        *(resources.center(c) for c in centers),
        *(resources.related_person(p) for p in participants),
    ]
    in_aftercare = [
        t for t in tasks if aftercare and (t.phase in AFTERCARE_PHASES or t.id in follow_up_tasks)
    ]
    in_plan = [t for t in tasks if t not in in_aftercare]
    if plan is not None:
        entries.append(
            resources.intervention_care_plan(
                plan,
                tasks=in_plan,
                goals=goals,
                contributors=[p.id for p in participants if plan.mentions_participant(p.id)],
                practice_ref=practice_ref,
            )
        )
    if aftercare is not None:
        entries.append(
            resources.aftercare_care_plan(
                aftercare, case, tasks=in_aftercare, goals=goals, practice_ref=practice_ref
            )
        )
    for task in tasks:
        owner_plan = aftercare if task in in_aftercare else plan
        entries.append(
            resources.plan_task(
                task,
                ref("CarePlan", owner_plan.id) if owner_plan is not None else None,
                practice_ref,
            )
        )
    goal_of = {g.id: g for g in goals}
    entries.extend(
        resources.goal(
            g, names.get(g.subject_participant_id, "") if g.subject_participant_id else ""
        )
        for g in goals
    )
    entries.extend(resources.observation(m, goal_of[m.goal_id]) for m in measurements)
    if check_ins:
        entries.append(checkins.questionnaire())
    for check_in in check_ins:
        respondent = (
            ref("RelatedPerson", check_in.respondent_participant_id)
            if check_in.respondent_participant_id
            else ref("Patient", case.id)
        )
        author = respondent if check_in.submitted_by_kind == "portal" else practice_ref
        entries.append(checkins.response(check_in, respondent, author))
    entries.extend(resources.consent(c, practice_ref, center_names) for c in consents)
    for referral in case_referrals:
        center_ref = ref(
            "Organization", referral.treatment_center_id, center_names[referral.treatment_center_id]
        )
        entries.append(
            referrals.service_request(
                referral,
                requester=practice_ref,
                performer=center_ref,
                consent=ref("Consent", referral.consent_id) if referral.consent_id else None,
            )
        )
        entries.append(referrals.task(referral, requester=practice_ref, owner=center_ref))
    audit.record(
        session,
        staff.ctx,
        AuditAction.export,
        "case_fhir",
        case.id,
        case_id=case.id,
        details={"format": "fhir-r4", "resources": len(entries)},
    )
    return bundle(entries, at=clock.now(), key=case.id)


def partner_bundle(
    session: Session, partner: Partner, referral: Referral, consent: Consent
) -> Resource:
    """What a partner center reads in FHIR: the ServiceRequest, its Task and the minimum
    Patient, with the redisclosure notice. The caller has checked the consent gate and
    records the `disclose` audit (api/partner/service.py). Organizations are named by display
    only: no staff member, and nothing of the practice beyond its name, is disclosed."""
    case = session.get(Case, referral.case_id)
    organization = session.get(Organization, referral.organization_id)
    center = session.get(TreatmentCenter, referral.treatment_center_id)
    assert case is not None
    assert organization is not None
    assert center is not None
    practice_ref: Resource = {"type": "Organization", "display": organization.name}
    center_ref: Resource = {"type": "Organization", "display": center.name}
    consent_ref: Resource = {
        "type": "Consent",
        "display": f"42 CFR Part 2 consent signed {consent.signed_at.date().isoformat()}",
    }
    return bundle(
        [
            referrals.minimum_patient(case),
            referrals.service_request(
                referral,
                requester=practice_ref,
                performer=center_ref,
                consent=consent_ref,
                notes=(REDISCLOSURE_NOTICE,),
            ),
            referrals.task(referral, requester=practice_ref, owner=center_ref),
        ],
        at=clock.now(),
        key=referral.id,
    )
